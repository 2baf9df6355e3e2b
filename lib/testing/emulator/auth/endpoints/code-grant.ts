import { requireParam, stringParam } from '../auth-http.util.js';
import { verifierMatches } from '../authorization.js';
import { oauthError } from '../oauth-error.js';
import { issueTokens } from '../token-issuer.js';
import { findUserById } from '../user-directory.js';
import type { GrantHandler } from './grant.util.js';
import { assertCanSignIn } from './grant.util.js';

const pkceFailure = (parameter: string) =>
  oauthError('invalid_client', `Client authentication failed: ${parameter}`, 401);

/**
 * `grant_type=authorization_code`. Codes are single-use (a second use also revokes what the
 * first one issued), expire after `codeTtlSeconds` and must come back with their redirect_uri.
 * With PKCE (a `code_verifier`, or a code issued with a challenge) a bad code or verifier is
 * 401 `invalid_client`, as CIAM documents; without, a bad code is 400 `invalid_grant`.
 */
export const authorizationCodeGrant: GrantHandler = (params, context, credentials) => {
  const { tokens, clock, state, settings } = context;
  const value = requireParam(params, 'code');
  const verifier = stringParam(params, 'code_verifier');
  const isPublic = credentials.method === 'none';
  const code = tokens.findCode(value, clock.now());
  if (code === undefined || code.clientId !== credentials.clientId) {
    throw verifier !== undefined || isPublic ? pkceFailure('code') : oauthError('invalid_grant');
  }
  if (code.codeChallenge !== undefined && code.codeChallengeMethod !== undefined) {
    if (!verifierMatches(verifier, code.codeChallenge, code.codeChallengeMethod)) {
      throw pkceFailure('code_verifier');
    }
  } else if (isPublic) {
    // Without a secret, only a PKCE code authenticates the client.
    throw pkceFailure('code_verifier');
  }
  if (stringParam(params, 'redirect_uri') !== code.redirectUri) throw oauthError('invalid_grant');
  const user = findUserById(state, code.userId);
  if (user === undefined) throw oauthError('invalid_grant');
  assertCanSignIn(user);
  const grant = tokens.createGrant({
    clientId: settings.clientId,
    userId: user.id,
    scope: code.scope,
    nonce: code.nonce,
    authTime: code.authTime,
  });
  tokens.consumeCode(value, grant);
  const body = issueTokens(context, grant, user, { refresh: true, nonce: true });
  return { kind: 'json', body, noStore: true };
};
