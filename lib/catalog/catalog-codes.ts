import { CIAM_AUTH_CODE_DEFAULTS } from './ciam-auth-code-defaults.js';
import { CIAM_CODE_DEFAULTS } from './ciam-code-defaults.js';
import type { CiamCodeDefaults } from './ciam-code-defaults.js';

/**
 * Both catalogs as one table: the management API's codes (`FailedOperation.UserNotFound`) and
 * the authentication API's `error` values (`invalid_grant`). Their spellings cannot meet (dotted
 * PascalCase, lower-case snake case), so one lookup serves both.
 */
export const CATALOG_DEFAULTS: ReadonlyMap<string, CiamCodeDefaults> = new Map<
  string,
  CiamCodeDefaults
>([...Object.entries(CIAM_CODE_DEFAULTS), ...Object.entries(CIAM_AUTH_CODE_DEFAULTS)]);

/** Every code of both catalogs. */
export const CATALOG_CODES: ReadonlySet<string> = new Set(CATALOG_DEFAULTS.keys());

/** The authentication API's `error` values. */
export const AUTH_CODES: ReadonlySet<string> = new Set(Object.keys(CIAM_AUTH_CODE_DEFAULTS));
