import type { CiamAuthErrorForm } from './auth.interface.js';

/** RFC 6750 §3.1, as CIAM links it from its Bearer challenges. */
export const RFC6750_ERROR_URI = 'https://tools.ietf.org/html/rfc6750#section-3.1';
/** Where CIAM's `unsupported_grant_type` points (RFC 6749 §5.2). */
export const RFC6749_TOKEN_ERROR_URI = 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2';

/**
 * An error answer of the tenant host. Endpoint handlers throw it; the router renders it in
 * its `form` (see `CiamAuthErrorForm`).
 */
export class AuthHttpError extends Error {
  constructor(
    readonly status: number,
    readonly form: CiamAuthErrorForm,
    readonly error?: string,
    readonly description?: string,
    readonly errorUri?: string,
  ) {
    super(description ?? error ?? `HTTP ${status}`);
    this.name = 'AuthHttpError';
  }
}

/** `{"error": …}` with status 400 unless told. */
export function oauthError(
  error: string,
  description?: string,
  status = 400,
  errorUri?: string,
): AuthHttpError {
  return new AuthHttpError(status, 'json', error, description, errorUri);
}

/** An RFC 6750 challenge in `WWW-Authenticate`, with an empty body. */
export function bearerError(
  status: number,
  error: string,
  description?: string,
  errorUri?: string,
): AuthHttpError {
  return new AuthHttpError(status, 'www-authenticate', error, description, errorUri);
}

/** The status alone: CIAM's answer to a token request with a missing or unknown client_id. */
export function bareStatus(status: number): AuthHttpError {
  return new AuthHttpError(status, 'bare');
}

/** `invalid_request` for a missing or malformed parameter, worded like Spring Security. */
export function invalidParameter(name: string): AuthHttpError {
  return oauthError('invalid_request', `OAuth 2.0 Parameter: ${name}`);
}
