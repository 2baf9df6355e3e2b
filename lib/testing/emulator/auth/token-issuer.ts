import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../emulator-state.js';
import type { AuthContext } from './auth-context.js';
import { signJwt } from './jwt.util.js';
import type { Grant } from './token-store.js';
import { userClaims } from './user-directory.js';

/** The token endpoint's success body. */
export interface TokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

export interface IssueOptions {
  /** Add a refresh token (every user grant; never client_credentials). */
  refresh: boolean;
  /** Put the grant's nonce in the ID token (the first issue, not a refresh). */
  nonce: boolean;
}

/**
 * Signs an access token shaped like CIAM's (`sub`, `aud`, `nbf`, `scope` as an array, `iss`,
 * `exp`, `iat`, `jti`), plus an ID token when the grant has a user and the `openid` scope.
 */
export function issueTokens(
  context: AuthContext,
  grant: Grant,
  user: UserRecord | undefined,
  options: IssueOptions,
): TokenResponseBody {
  const { settings, issuer, key, clock, tokens } = context;
  const now = clock.nowSeconds();
  const exp = now + settings.accessTokenTtlSeconds;
  const jti = randomUUID();
  const accessToken = signJwt(key, {
    sub: grant.userId ?? grant.clientId,
    aud: grant.clientId,
    nbf: now,
    scope: [...grant.scope],
    iss: issuer,
    exp,
    iat: now,
    jti,
  });
  tokens.addAccessToken(jti, grant, exp * 1000);
  const body: TokenResponseBody = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: settings.accessTokenTtlSeconds,
    scope: grant.scope.join(' '),
  };
  if (options.refresh) {
    const expiresAt = clock.now() + settings.refreshTokenTtlSeconds * 1000;
    body.refresh_token = tokens.issueRefreshToken(grant, expiresAt);
  }
  if (user !== undefined && grant.scope.includes('openid')) {
    body.id_token = signJwt(key, {
      ...userClaims(user),
      iss: issuer,
      sub: user.id,
      aud: grant.clientId,
      azp: grant.clientId,
      exp,
      iat: now,
      auth_time: grant.authTime,
      ...(options.nonce && grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
      sid: grant.id,
      jti: randomUUID(),
    });
  }
  return body;
}
