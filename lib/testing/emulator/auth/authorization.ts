import { createHash } from 'node:crypto';
import type { AuthContext } from './auth-context.js';
import type {
  CiamEmulatorAuthorizeRequest,
  CiamEmulatorAuthorizeResult,
} from './auth.interface.js';
import { abnormalStatus, findUserByLogin } from './user-directory.js';

/** RFC 7636 §4.1: 43–128 unreserved characters (also the shape of an S256 challenge). */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A refused authorization request. `redirectable` errors go back to the redirect URI as
 * `?error=…`; the others (unknown client, unregistered redirect URI) must not (RFC 6749 §4.1.2.1).
 */
export class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly redirectable: boolean,
  ) {
    super(`authorize: ${error}: ${description}`);
    this.name = 'AuthorizeError';
  }
}

function refuse(error: string, description: string): never {
  throw new AuthorizeError(error, description, true);
}

function resolveScope(context: AuthContext, scope: string | undefined): string[] {
  const scopes = [...new Set((scope ?? 'openid').split(' ').filter((item) => item !== ''))];
  const allowed = context.settings.scopes;
  if (scopes.length === 0 || scopes.some((item) => !allowed.includes(item))) {
    refuse('invalid_scope', `scope must be among: ${allowed.join(' ')}`);
  }
  return scopes;
}

function resolvePkce(request: CiamEmulatorAuthorizeRequest): {
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
} {
  const { codeChallenge, codeChallengeMethod } = request;
  if (codeChallenge === undefined) {
    if (codeChallengeMethod !== undefined) refuse('invalid_request', 'code_challenge is missing');
    return {};
  }
  const method = codeChallengeMethod ?? 'plain';
  if (method !== 'S256' && method !== 'plain') {
    refuse('invalid_request', 'code_challenge_method must be S256 or plain');
  }
  if (!PKCE_VALUE.test(codeChallenge)) refuse('invalid_request', 'code_challenge is malformed');
  return { codeChallenge, codeChallengeMethod: method };
}

/**
 * The client and the registered redirect URI (default the first one); errors here must not
 * redirect.
 */
export function checkClientAndRedirectUri(
  context: AuthContext,
  clientId: string | undefined,
  redirectUri: string | undefined,
): string {
  const { settings } = context;
  if ((clientId ?? settings.clientId) !== settings.clientId) {
    throw new AuthorizeError('invalid_request', 'client_id is unknown', false);
  }
  const resolved = redirectUri ?? settings.redirectUris[0];
  if (!settings.redirectUris.includes(resolved)) {
    throw new AuthorizeError(
      'invalid_request',
      `redirect_uri ${resolved} is not registered`,
      false,
    );
  }
  return resolved;
}

/**
 * Signs `username` in (checking `password` when given) and issues a code for the token
 * endpoint, as the login page would before redirecting.
 */
export function createAuthorizationCode(
  context: AuthContext,
  request: CiamEmulatorAuthorizeRequest,
): CiamEmulatorAuthorizeResult {
  const { settings, state, clock, tokens } = context;
  const redirectUri = checkClientAndRedirectUri(context, request.clientId, request.redirectUri);
  if (!settings.grantTypes.includes('authorization_code')) {
    refuse('unauthorized_client', 'the application may not use authorization_code');
  }
  const scope = resolveScope(context, request.scope);
  const pkce = resolvePkce(request);
  const lookup = findUserByLogin(state, request.username, settings.loginIdentifiers);
  if (lookup.kind !== 'found') refuse('access_denied', 'Wrong username or password');
  const { user } = lookup;
  if (request.password !== undefined && user.password !== request.password) {
    refuse('access_denied', 'Wrong username or password');
  }
  if (abnormalStatus(user) !== undefined) refuse('access_denied', 'Abnormal user status');
  const code = tokens.issueCode({
    clientId: settings.clientId,
    redirectUri,
    userId: user.id,
    scope,
    nonce: request.nonce,
    ...pkce,
    authTime: clock.nowSeconds(),
    expiresAt: clock.now() + settings.codeTtlSeconds * 1000,
  });
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  const result: CiamEmulatorAuthorizeResult = { code, redirectUrl: url.href };
  if (request.state !== undefined) result.state = request.state;
  return result;
}

/** RFC 7636 §4.6 */
export function verifierMatches(
  verifier: string | undefined,
  challenge: string,
  method: 'S256' | 'plain',
): boolean {
  if (verifier === undefined || !PKCE_VALUE.test(verifier)) return false;
  const derived =
    method === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
      : verifier;
  return derived === challenge;
}
