import { requireParam, stringParam } from '../auth-http.util.js';
import { oauthError } from '../oauth-error.js';
import { issueTokens } from '../token-issuer.js';
import { findUserById, findUserByLogin } from '../user-directory.js';
import type { GrantHandler } from './grant.util.js';
import {
  assertAuthSource,
  assertCanSignIn,
  assertScopes,
  parseScope,
  signIn,
  userScope,
} from './grant.util.js';

/**
 * `grant_type=password`: `username` is the UserName, Email or PhoneNumber of a user of the
 * default user store, `password` the one CreateUser, SetPassword, ResetPassword or the tenant
 * host set. The password is checked before the status, so a wrong password never reveals one.
 */
export const passwordGrant: GrantHandler = (params, context) => {
  const { settings, state } = context;
  assertAuthSource(params, settings);
  const scope = userScope(params, settings);
  const username = requireParam(params, 'username');
  const password = requireParam(params, 'password');
  const lookup = findUserByLogin(state, username, settings.loginIdentifiers);
  if (lookup.kind === 'unsupported') {
    throw oauthError('invalid_grant', 'Unsupported username identifier');
  }
  if (lookup.kind === 'unknown' || lookup.user.password !== password) {
    throw oauthError('invalid_grant', 'Wrong username or password');
  }
  assertCanSignIn(lookup.user);
  return signIn(context, lookup.user, scope);
};

/**
 * `grant_type=client_credentials`: a token whose subject is the client, without refresh or ID
 * token. `scope` may name any configured scope but the user ones (`openid`, …).
 */
export const clientCredentialsGrant: GrantHandler = (params, context) => {
  const scope = parseScope(stringParam(params, 'scope'), []);
  assertScopes(scope, context.settings, false);
  const grant = context.tokens.createGrant({
    clientId: context.settings.clientId,
    scope,
    authTime: context.clock.nowSeconds(),
  });
  const body = issueTokens(context, grant, undefined, { refresh: false, nonce: false });
  return { kind: 'json', body, noStore: true };
};

/**
 * `grant_type=refresh_token`: refresh tokens rotate, so each one works once; unknown, used,
 * revoked and expired ones → `invalid_grant`. `scope` may narrow the original scope. The user
 * must still exist and be NORMAL.
 */
export const refreshTokenGrant: GrantHandler = (params, context) => {
  const { tokens, clock, settings, state } = context;
  const token = requireParam(params, 'refresh_token');
  const grant = tokens.redeemRefreshToken(token, settings.clientId, clock.now());
  if (grant === undefined) throw oauthError('invalid_grant');
  const user = grant.userId === undefined ? undefined : findUserById(state, grant.userId);
  if (user === undefined) throw oauthError('invalid_grant');
  assertCanSignIn(user);
  const scope = parseScope(stringParam(params, 'scope'), grant.scope);
  if (scope.some((item) => !grant.scope.includes(item))) throw oauthError('invalid_scope');
  // Same sign-in, so revoking the new refresh token also ends the access tokens issued before;
  // a narrower scope starts a grant of its own.
  const next =
    scope.length === grant.scope.length
      ? grant
      : tokens.createGrant({
          clientId: grant.clientId,
          userId: user.id,
          scope,
          authTime: grant.authTime,
        });
  const body = issueTokens(context, next, user, { refresh: true, nonce: false });
  return { kind: 'json', body, noStore: true };
};
