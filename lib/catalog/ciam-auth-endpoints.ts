// Which `error` values each endpoint of the tenant host can answer: the errors the CIAM
// developer guide documents per endpoint (the `endpoints` of the authentication catalog), and
// the RFC 6749 errors any endpoint can answer. Data only; test/catalog.spec.ts checks it against
// docs/auth-status-table.tsv.
import { CIAM_AUTH_CODE_DEFAULTS } from './ciam-auth-code-defaults.js';
import type { CiamAuthEndpoint, CiamAuthErrorCode } from './ciam-auth-code-defaults.js';

/**
 * The `error` values any endpoint of the tenant host can answer (RFC 6749's `server_error`,
 * `temporarily_unavailable` and `access_denied`).
 *
 * @example
 * CIAM_AUTH_COMMON_ERRORS.includes('temporarily_unavailable'); // true
 * @publicApi
 */
export const CIAM_AUTH_COMMON_ERRORS: readonly CiamAuthErrorCode[] = Object.freeze([
  'temporarily_unavailable',
  'server_error',
  'access_denied',
]);

// Keyed by the type: an endpoint added to `CiamAuthEndpoint` and not here is a compile error.
const ENDPOINTS = Object.keys({
  token: true,
  revoke: true,
  userinfo: true,
  userinfo_update: true,
  change_password: true,
  reset_password: true,
  otp_send: true,
} satisfies Record<CiamAuthEndpoint, true>) as CiamAuthEndpoint[];

function byEndpoint(): Readonly<Record<CiamAuthEndpoint, readonly CiamAuthErrorCode[]>> {
  const table = {} as Record<CiamAuthEndpoint, readonly CiamAuthErrorCode[]>;
  const entries = Object.entries(CIAM_AUTH_CODE_DEFAULTS) as [
    CiamAuthErrorCode,
    { readonly endpoints: readonly CiamAuthEndpoint[] },
  ][];
  for (const endpoint of ENDPOINTS) {
    const codes = entries.filter(([, entry]) => entry.endpoints.includes(endpoint));
    table[endpoint] = Object.freeze(codes.map(([code]) => code));
  }
  return Object.freeze(table);
}

/**
 * The `error` values each endpoint of the tenant host documents, beside
 * {@link CIAM_AUTH_COMMON_ERRORS}: what a route that calls it can meet.
 *
 * @example
 * CIAM_AUTH_ENDPOINT_ERRORS.token; // ['invalid_request', 'invalid_client', 'invalid_grant', …]
 * @publicApi
 */
export const CIAM_AUTH_ENDPOINT_ERRORS = byEndpoint();
