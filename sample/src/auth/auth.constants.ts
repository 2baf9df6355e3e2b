/**
 * The tenant host (OAuth 2.0 / OpenID Connect) the app signs users in with: a `CiamTenant`, or
 * `null` when none is configured (then the `/auth` routes answer 503).
 */
export const CIAM_TENANT = Symbol('CIAM_TENANT');
