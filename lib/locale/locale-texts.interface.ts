import type { CiamAuthErrorCode } from '../catalog/ciam-auth-code-defaults.js';
import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';

/**
 * The statuses that have a generic code, a localized title and a localized generic message in
 * every built-in locale. Any other status still gets the standard English reason phrase.
 */
export const CIAM_GENERIC_STATUSES = [
  200, 400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 423, 429, 500, 501, 502, 503, 504,
] as const;

export type CiamGenericStatus = (typeof CIAM_GENERIC_STATUSES)[number];

/**
 * All client-facing texts of one locale. Plain data: one file per locale under `texts/`.
 */
export interface CiamLocaleTexts {
  /** Localized reason phrase of each status ("Conflict", "冲突"). */
  readonly titles: Readonly<Record<CiamGenericStatus, string>>;
  /**
   * Generic message of each status, used when the code is hidden or unknown. It must not hint
   * at any upstream cause.
   */
  readonly generic: Readonly<Record<CiamGenericStatus, string>>;
  /** Message of each catalog code, for end users. */
  readonly codes: Readonly<Record<CiamErrorCode, string>>;
  /** Message of each `error` value of the authentication API, for end users. */
  readonly authCodes: Readonly<Record<CiamAuthErrorCode, string>>;
}
