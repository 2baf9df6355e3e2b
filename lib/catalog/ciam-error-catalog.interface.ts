import type { CiamAuthEndpoint } from './ciam-auth-code-defaults.js';
import type { CIAM_CODE_DEFAULTS, CiamCodeDefaults } from './ciam-code-defaults.js';

export type { CiamCodeDefaults } from './ciam-code-defaults.js';

/**
 * Every error code of the CIAM catalog, as a string-literal union.
 *
 * Override maps are keyed by it, so a misspelt code is a compile error.
 *
 * @example
 * const code: CiamErrorCode = 'FailedOperation.UserNotFound';
 * @publicApi
 */
export type CiamErrorCode = keyof typeof CIAM_CODE_DEFAULTS;

/** The built-in locales. Others can be added through the `messages` option. */
export type CiamBuiltInLocale = 'en' | 'zh-CN' | 'zh-TW' | 'ja' | 'ko';

/**
 * One entry of {@link CIAM_ERROR_CATALOG}.
 * @publicApi
 */
export interface CiamCatalogEntry extends CiamCodeDefaults {
  /** Client message in each built-in locale. */
  readonly messages: Readonly<Record<CiamBuiltInLocale, string>>;
}

/**
 * One entry of `CIAM_AUTH_ERROR_CATALOG`.
 * @publicApi
 */
export interface CiamAuthCatalogEntry extends CiamCatalogEntry {
  /** The endpoints CIAM documents the value for (none for those any endpoint can answer). */
  readonly endpoints: readonly CiamAuthEndpoint[];
}
