import type { UserRecord } from '../../emulator-state.js';
import type { AuthContext } from '../auth-context.js';
import type { AuthResponse, BodyParams } from '../auth-http.util.js';
import { stringParam } from '../auth-http.util.js';
import type { AuthSettings } from '../auth-settings.js';
import { USER_SCOPES } from '../auth-settings.js';
import type { ClientCredentials } from '../client-auth.js';
import { oauthError } from '../oauth-error.js';
import { issueTokens } from '../token-issuer.js';
import { abnormalStatus } from '../user-directory.js';

/** One grant type of the token endpoint, called once the client is authenticated. */
export type GrantHandler = (
  params: BodyParams,
  context: AuthContext,
  credentials: ClientCredentials,
) => AuthResponse;

/** Space-separated scope → unique scope tokens; absent → `fallback`. */
export function parseScope(value: string | undefined, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  return [...new Set(value.split(' ').filter((scope) => scope !== ''))];
}

/** Every scope must be one the application may request; user scopes need a user. */
export function assertScopes(
  scopes: readonly string[],
  settings: AuthSettings,
  forUser: boolean,
): void {
  const refused = scopes.some(
    (scope) => !settings.scopes.includes(scope) || (!forUser && USER_SCOPES.includes(scope)),
  );
  if (refused) throw oauthError('invalid_scope');
}

/** The scope a user grant asks for: `scope`, default `openid`. */
export function userScope(params: BodyParams, settings: AuthSettings): string[] {
  const scopes = parseScope(stringParam(params, 'scope'), ['openid']);
  assertScopes(scopes, settings, true);
  return scopes;
}

export function assertAuthSource(params: BodyParams, settings: AuthSettings): void {
  if (stringParam(params, 'auth_source_id') !== settings.authSourceId) {
    throw oauthError('invalid_auth_source', 'Auth source and application not associated');
  }
}

/** A frozen or locked user cannot get tokens. */
export function assertCanSignIn(user: UserRecord): void {
  if (abnormalStatus(user) !== undefined) {
    throw oauthError('invalid_grant', 'Abnormal user status');
  }
}

/** A new sign-in of `user`: tokens with a refresh token and, for `openid`, an ID token. */
export function signIn(
  context: AuthContext,
  user: UserRecord,
  scope: readonly string[],
  nonce?: string,
  authTime = context.clock.nowSeconds(),
): AuthResponse {
  const grant = context.tokens.createGrant({
    clientId: context.settings.clientId,
    userId: user.id,
    scope,
    nonce,
    authTime,
  });
  const body = issueTokens(context, grant, user, { refresh: true, nonce: true });
  return { kind: 'json', body, noStore: true };
}
