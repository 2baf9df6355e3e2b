import type { UserRecord } from '../../emulator-state.js';
import type { AuthContext, EndpointHandler } from '../auth-context.js';
import type { BearerPrincipal } from '../bearer-auth.js';
import { authenticateBearer } from '../bearer-auth.js';
import { CIAM_AUTH_ENDPOINT_SCOPES } from '../documented-errors.js';
import { oauthError } from '../oauth-error.js';
import { findUserById, userClaims } from '../user-directory.js';

/** The user of an accepted access token, or `undefined` when it was deleted. */
export function tokenUser(
  context: AuthContext,
  principal: BearerPrincipal,
): UserRecord | undefined {
  const { userId } = principal.grant;
  return userId === undefined ? undefined : findUserById(context.state, userId);
}

/**
 * `GET /userinfo`: the OIDC claims of the token's user (see `userClaims`); a user deleted
 * through DeleteUsers → 404 `{"error":"user_not_found"}`.
 */
export const userinfoEndpoint: EndpointHandler = (request, context) => {
  const principal = authenticateBearer(request, context, CIAM_AUTH_ENDPOINT_SCOPES.userinfo);
  const user = tokenUser(context, principal);
  if (user === undefined) throw oauthError('user_not_found', undefined, 404);
  return { kind: 'json', body: userClaims(user) };
};
