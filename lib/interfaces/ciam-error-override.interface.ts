import type { CiamAuthErrorCode } from '../catalog/ciam-auth-code-defaults.js';
import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';

/**
 * How one code is presented on a route or app-wide. A number is a shorthand for `{ status }`.
 *
 * Each field is decided on its own by the highest level that sets it: handler, controller, the
 * `overrides` option, the catalog.
 *
 * @example
 * const locked: CiamErrorOverride = {
 *   status: 423,
 *   code: 'AccountLocked',
 *   expose: true,
 *   message: { en: 'This account is locked.', 'zh-CN': '该账号已被锁定。' },
 * };
 * @publicApi
 */
export type CiamErrorOverride =
  | number
  | {
      /** HTTP status, an integer from 100 to 599. */
      readonly status?: number;
      /** Public code shown to clients instead of the CIAM code. */
      readonly code?: string;
      /** Whether the code and its message reach clients. */
      readonly expose?: boolean;
      /** Client message: one text for every locale, or one per locale. */
      readonly message?: string | Readonly<Record<string, string>>;
      /** `Retry-After` in whole seconds. */
      readonly retryAfter?: number;
    };

/**
 * Override map keyed by catalog codes, of the management API (`FailedOperation.UserNotFound`) or
 * the authentication API (`invalid_grant`): a misspelt key is a compile error. A key also covers the
 * codes below it (`'FailedOperation'` covers `'FailedOperation.UserNotFound'`).
 *
 * @example
 * const map: CiamErrorOverrideMap = { 'FailedOperation.UserNotFound': 401 };
 * @publicApi
 */
export type CiamErrorOverrideMap = {
  readonly [K in CiamErrorCode | CiamAuthErrorCode]?: CiamErrorOverride;
};

/**
 * Overrides for codes that are not in the catalog yet (a subcode CIAM added later). Kept apart
 * from {@link CiamErrorOverrideMap} so that a typo in the main map stays a compile error. Keys
 * must still be dotted codes such as `'FailedOperation.SomethingNew'`.
 *
 * @publicApi
 */
export type CiamUncataloguedOverrideMap = Readonly<Record<string, CiamErrorOverride>>;
