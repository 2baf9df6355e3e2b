import type { EndpointHandler } from '../auth-context.js';
import type { AuthRequest } from '../auth-http.util.js';
import type { CiamEmulatorAuthorizeRequest } from '../auth.interface.js';
import {
  AuthorizeError,
  checkClientAndRedirectUri,
  createAuthorizationCode,
} from '../authorization.js';
import { oauthError } from '../oauth-error.js';

function redirectWithError(redirectUri: string, error: AuthorizeError, state?: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error.error);
  url.searchParams.set('error_description', error.description);
  if (state !== undefined) url.searchParams.set('state', state);
  return url.href;
}

function authorizeRequest(request: AuthRequest, redirectUri: string): CiamEmulatorAuthorizeRequest {
  const get = (name: string): string | undefined => request.query.get(name) ?? undefined;
  if (get('response_type') !== 'code') {
    throw new AuthorizeError('unsupported_response_type', 'response_type must be code', true);
  }
  const username = get('login_hint');
  if (username === undefined) {
    throw new AuthorizeError('login_required', 'login_hint must name the user who signs in', true);
  }
  return {
    username,
    redirectUri,
    scope: get('scope'),
    state: get('state'),
    nonce: get('nonce'),
    codeChallenge: get('code_challenge'),
    codeChallengeMethod: get('code_challenge_method') as 'S256' | 'plain' | undefined,
  };
}

/**
 * `GET /oauth2/authorize`: the emulator's non-interactive stand-in for CIAM's login page. The
 * test parameter `login_hint` names the user (UserName, Email or PhoneNumber) who signs in,
 * without a password; the answer is a 302 to `redirect_uri` with `code` and `state`. Errors go
 * back as `?error=…&error_description=…&state=…` (`login_required` without `login_hint`,
 * `access_denied` for an unknown, frozen or locked user), except a missing or unknown
 * client_id or an unregistered redirect URI: 400 `invalid_request`.
 */
export const authorizeEndpoint: EndpointHandler = (request, context) => {
  const state = request.query.get('state') ?? undefined;
  try {
    const clientId = request.query.get('client_id');
    if (clientId === null)
      throw new AuthorizeError('invalid_request', 'client_id is missing', false);
    const redirectUri = checkClientAndRedirectUri(
      context,
      clientId,
      request.query.get('redirect_uri') ?? undefined,
    );
    try {
      const result = createAuthorizationCode(context, authorizeRequest(request, redirectUri));
      return { kind: 'redirect', location: result.redirectUrl };
    } catch (error) {
      if (!(error instanceof AuthorizeError) || !error.redirectable) throw error;
      return { kind: 'redirect', location: redirectWithError(redirectUri, error, state) };
    }
  } catch (error) {
    if (error instanceof AuthorizeError) throw oauthError(error.error, error.description);
    throw error;
  }
};
