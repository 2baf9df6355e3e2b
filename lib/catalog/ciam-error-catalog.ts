import { BUILT_IN_TEXTS } from '../locale/built-in-texts.js';
import type { CiamLocaleTexts } from '../locale/locale-texts.interface.js';
import { CIAM_AUTH_CODE_DEFAULTS } from './ciam-auth-code-defaults.js';
import type { CiamAuthErrorCode } from './ciam-auth-code-defaults.js';
import { CIAM_CODE_DEFAULTS } from './ciam-code-defaults.js';
import type {
  CiamAuthCatalogEntry,
  CiamBuiltInLocale,
  CiamCatalogEntry,
  CiamErrorCode,
} from './ciam-error-catalog.interface.js';

const LOCALES = Object.keys(BUILT_IN_TEXTS) as CiamBuiltInLocale[];

/** Each built-in locale's text of `code` in one of its text tables. */
function messagesOf(
  table: (texts: CiamLocaleTexts) => Readonly<Record<string, string>>,
  code: string,
): Readonly<Record<CiamBuiltInLocale, string>> {
  const messages = {} as Record<CiamBuiltInLocale, string>;
  for (const locale of LOCALES) messages[locale] = table(BUILT_IN_TEXTS[locale])[code]!;
  return Object.freeze(messages);
}

function buildCatalog<Code extends string, Entry>(
  defaults: Readonly<Record<Code, object>>,
  table: (texts: CiamLocaleTexts) => Readonly<Record<string, string>>,
): Readonly<Record<Code, Entry>> {
  const catalog = {} as Record<Code, Entry>;
  for (const [code, entry] of Object.entries(defaults) as [Code, object][]) {
    catalog[code] = Object.freeze({ ...entry, messages: messagesOf(table, code) }) as Entry;
  }
  return Object.freeze(catalog);
}

/**
 * Every CIAM code with its default status, exposure, retryability and built-in messages. Deeply
 * frozen.
 *
 * @example
 * CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].status; // 404
 * CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages['zh-CN'];
 * @publicApi
 */
export const CIAM_ERROR_CATALOG = buildCatalog<CiamErrorCode, CiamCatalogEntry>(
  CIAM_CODE_DEFAULTS,
  (texts) => texts.codes,
);

/**
 * Every `error` value of the CIAM authentication API with its default status, exposure,
 * retryability, the endpoints that document it, and built-in messages. Deeply frozen.
 *
 * @example
 * CIAM_AUTH_ERROR_CATALOG.invalid_grant.status; // 401
 * CIAM_AUTH_ERROR_CATALOG.invalid_grant.endpoints; // ['token']
 * @publicApi
 */
export const CIAM_AUTH_ERROR_CATALOG = buildCatalog<CiamAuthErrorCode, CiamAuthCatalogEntry>(
  CIAM_AUTH_CODE_DEFAULTS,
  (texts) => texts.authCodes,
);
