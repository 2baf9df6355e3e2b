// The 33 `error` values of CIAM's authentication API (the tenant host's OAuth 2.0 / OpenID Connect
// endpoints) and their default handling, as decided (with the reason for each) in
// docs/auth-status-table.tsv; test/catalog.spec.ts fails on any drift. Data only.
import type { CiamCodeDefaults } from './ciam-code-defaults.js';

/**
 * The endpoints of the tenant host that answer errors, by the names the catalog uses:
 * `POST /oauth2/token`, `POST /oauth2/revoke`, `GET /userinfo`, `PATCH /userinfo`,
 * `POST /change_user_password`, `POST /reset_user_password`, `POST /otp/send`.
 *
 * @publicApi
 */
export type CiamAuthEndpoint =
  | 'token'
  | 'revoke'
  | 'userinfo'
  | 'userinfo_update'
  | 'change_password'
  | 'reset_password'
  | 'otp_send';

/** Default handling of one `error` value, and the endpoints CIAM documents it for. */
interface CiamAuthCodeDefaults extends CiamCodeDefaults {
  /**
   * The endpoints CIAM documents it for; `server_error` and `access_denied` have none: any
   * endpoint can answer them (`CIAM_AUTH_COMMON_ERRORS`).
   */
  readonly endpoints: readonly CiamAuthEndpoint[];
}

export const CIAM_AUTH_CODE_DEFAULTS = {
  invalid_request: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['token', 'userinfo', 'userinfo_update', 'change_password'],
  },
  invalid_client: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['token', 'revoke'],
  },
  invalid_grant: {
    status: 401,
    expose: true,
    retryable: false,
    endpoints: ['token'],
  },
  unauthorized_client: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['token'],
  },
  unsupported_grant_type: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['token'],
  },
  invalid_scope: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['token'],
  },
  invalid_auth_source: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['token'],
  },
  invalid_token: {
    status: 401,
    expose: true,
    retryable: false,
    endpoints: ['userinfo', 'userinfo_update', 'change_password'],
  },
  insufficient_scope: {
    status: 403,
    expose: true,
    retryable: false,
    endpoints: ['userinfo', 'userinfo_update', 'change_password'],
  },
  user_not_found: {
    status: 404,
    expose: true,
    retryable: false,
    endpoints: ['userinfo', 'change_password', 'reset_password', 'token'],
  },
  abnormal_user_status: {
    status: 403,
    expose: true,
    retryable: false,
    endpoints: ['change_password', 'reset_password'],
  },
  malformed_phone_number: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update', 'otp_send'],
  },
  duplicate_phone_number: {
    status: 409,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update'],
  },
  bad_phone_number_otp_token: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update'],
  },
  bad_phone_number_otp: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update'],
  },
  malformed_email: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update', 'otp_send'],
  },
  duplicate_email: {
    status: 409,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update'],
  },
  bad_email_otp_token: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update', 'reset_password'],
  },
  bad_email_otp: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update', 'reset_password'],
  },
  illegal_parameter_value: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['userinfo_update'],
  },
  wrong_old_password: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['change_password'],
  },
  duplicate_password: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['change_password'],
  },
  recurrent_password: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['change_password', 'reset_password'],
  },
  invalid_new_password: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['change_password', 'reset_password'],
  },
  invalid_email: {
    status: 400,
    expose: true,
    retryable: false,
    endpoints: ['otp_send'],
  },
  email_is_used: {
    status: 409,
    expose: true,
    retryable: false,
    endpoints: ['otp_send'],
  },
  phone_number_is_used: {
    status: 409,
    expose: true,
    retryable: false,
    endpoints: ['otp_send'],
  },
  insufficient_sms_quota: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['otp_send'],
  },
  insufficient_email_quota: {
    status: 500,
    expose: false,
    retryable: false,
    endpoints: ['otp_send'],
  },
  sms_rate_limit_exceeded: {
    status: 429,
    expose: true,
    retryable: true,
    endpoints: ['otp_send'],
  },
  temporarily_unavailable: {
    status: 503,
    expose: true,
    retryable: true,
    endpoints: ['otp_send'],
  },
  server_error: {
    status: 502,
    expose: false,
    retryable: true,
    endpoints: [],
  },
  access_denied: {
    status: 403,
    expose: true,
    retryable: false,
    endpoints: [],
  },
} as const satisfies Record<string, CiamAuthCodeDefaults>;

/**
 * Every `error` value of the CIAM authentication API's catalog, as a string-literal union.
 * Override maps take them as keys beside `CiamErrorCode`, typed the same way.
 *
 * @example
 * const error: CiamAuthErrorCode = 'invalid_grant';
 * @publicApi
 */
export type CiamAuthErrorCode = keyof typeof CIAM_AUTH_CODE_DEFAULTS;
