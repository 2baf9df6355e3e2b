import type { EndpointHandler } from '../auth-context.js';
import { readParams, requireParam } from '../auth-http.util.js';
import { authenticateClient, readClientCredentials } from '../client-auth.js';
import { verifyJwt } from '../jwt.util.js';

/**
 * `POST /oauth2/revoke` (RFC 7009): `token` is a refresh token (its sign-in ends: the refresh
 * token and every access token issued with it stop working) or an access token (it alone stops
 * working). Unknown tokens are accepted too; the answer is an empty 200 either way.
 */
export const revokeEndpoint: EndpointHandler = (request, context) => {
  const params = readParams(request, ['form', 'json']);
  authenticateClient(readClientCredentials(request, params), context.settings, 'other');
  const token = requireParam(params, 'token');
  const jti = verifyJwt(context.key, token)?.jti;
  context.tokens.revoke(
    token,
    typeof jti === 'string' ? jti : undefined,
    context.settings.clientId,
  );
  return { kind: 'empty' };
};
