import type { EndpointHandler } from '../auth-context.js';
import { readParams, stringParam } from '../auth-http.util.js';
import type { AuthSettings } from '../auth-settings.js';
import { OTP_EMAIL_GRANT, OTP_SMS_GRANT } from '../auth-settings.js';
import type { CiamAuthGrantType } from '../auth.interface.js';
import type { ClientCredentials } from '../client-auth.js';
import { authenticateClient, readClientCredentials } from '../client-auth.js';
import { RFC6749_TOKEN_ERROR_URI, oauthError } from '../oauth-error.js';
import { authorizationCodeGrant } from './code-grant.js';
import type { GrantHandler } from './grant.util.js';
import { otpGrant } from './otp-grant.js';
import { clientCredentialsGrant, passwordGrant, refreshTokenGrant } from './token-grants.js';

const GRANTS: Readonly<Record<CiamAuthGrantType, GrantHandler>> = {
  authorization_code: authorizationCodeGrant,
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
  [OTP_SMS_GRANT]: otpGrant('sms'),
  [OTP_EMAIL_GRANT]: otpGrant('email'),
};

function isGrantType(value: string | undefined): value is CiamAuthGrantType {
  return value !== undefined && Object.hasOwn(GRANTS, value);
}

/** PKCE without a secret (an SPA or a mobile app): the client_id alone identifies the client. */
function authenticatePublicClient(credentials: ClientCredentials, settings: AuthSettings): void {
  if (credentials.clientId === undefined) {
    throw oauthError('invalid_request', 'Client authentication failed: client_id');
  }
  if (credentials.clientId !== settings.clientId) {
    throw oauthError('invalid_client', undefined, 401);
  }
}

/**
 * `POST /oauth2/token`, form or JSON body. The client authenticates first (HTTP Basic or
 * `client_id`/`client_secret` in the body; PKCE may go without a secret), then the grant type
 * is checked: unknown → `unsupported_grant_type`, not enabled → `unauthorized_client`.
 */
export const tokenEndpoint: EndpointHandler = (request, context) => {
  const params = readParams(request, ['form', 'json']);
  const grantType = stringParam(params, 'grant_type');
  const credentials = readClientCredentials(request, params);
  const isPkceWithoutSecret =
    grantType === 'authorization_code' &&
    credentials.method === 'none' &&
    stringParam(params, 'code_verifier') !== undefined;
  if (isPkceWithoutSecret) authenticatePublicClient(credentials, context.settings);
  else authenticateClient(credentials, context.settings, 'token');
  if (!isGrantType(grantType)) {
    throw oauthError('unsupported_grant_type', undefined, 400, RFC6749_TOKEN_ERROR_URI);
  }
  if (!context.settings.grantTypes.includes(grantType)) throw oauthError('unauthorized_client');
  return GRANTS[grantType](params, context, credentials);
};
