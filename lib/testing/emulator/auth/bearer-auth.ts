import type { AuthContext } from './auth-context.js';
import type { AuthRequest } from './auth-http.util.js';
import { header } from './auth-http.util.js';
import { verifyJwt } from './jwt.util.js';
import { RFC6750_ERROR_URI, bearerError } from './oauth-error.js';
import type { Grant } from './token-store.js';

/** The access token a Bearer endpoint accepted. */
export interface BearerPrincipal {
  readonly grant: Grant;
  readonly subject: string;
}

/**
 * Validates `Authorization: Bearer <access token>` and its scope, in this order:
 * - no Bearer header → 400 `invalid_request` "Bearer token not found in the request";
 * - malformed, other algorithm or key, bad signature → 401 `invalid_token` "Error decoding JWT";
 * - `exp` passed → 401 `invalid_token` "Jwt expired at …";
 * - `iss` not this tenant host → 401 `invalid_token` "The iss claim is not valid";
 * - revoked, or issued before `reset()` → 401 `invalid_token` "The access token is not active";
 * - `scope` without `requiredScope` → 403 `insufficient_scope`.
 * The last three descriptions are the emulator's own (CIAM documents only the first two).
 */
export function authenticateBearer(
  request: AuthRequest,
  context: AuthContext,
  requiredScope: string,
): BearerPrincipal {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header(request, 'authorization') ?? '');
  if (match === null) {
    throw bearerError(
      400,
      'invalid_request',
      'Bearer token not found in the request',
      RFC6750_ERROR_URI,
    );
  }
  const claims = verifyJwt(context.key, match[1]);
  if (claims === undefined || typeof claims.exp !== 'number' || typeof claims.jti !== 'string') {
    throw bearerError(401, 'invalid_token', 'Error decoding JWT');
  }
  if (claims.exp * 1000 <= context.clock.now()) {
    const expiredAt = new Date(claims.exp * 1000).toISOString().replace('.000Z', 'Z');
    throw bearerError(401, 'invalid_token', `Jwt expired at ${expiredAt}`);
  }
  if (claims.iss !== context.issuer) {
    throw bearerError(401, 'invalid_token', 'The iss claim is not valid');
  }
  const grant = context.tokens.activeAccessGrant(claims.jti);
  if (grant === undefined) {
    throw bearerError(401, 'invalid_token', 'The access token is not active');
  }
  const scope = Array.isArray(claims.scope) ? claims.scope : [];
  if (!scope.includes(requiredScope)) throw bearerError(403, 'insufficient_scope');
  return { grant, subject: String(claims.sub) };
}
