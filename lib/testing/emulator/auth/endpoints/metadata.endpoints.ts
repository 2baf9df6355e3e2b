import type { AuthContext, EndpointHandler } from '../auth-context.js';
import { GRANT_TYPES } from '../auth-settings.js';
import { STANDARD_CLAIMS } from '../user-directory.js';

/** `GET /oauth2/jwks`: the one signing key. */
export const jwksEndpoint: EndpointHandler = (_request, context) => ({
  kind: 'json',
  body: { keys: [context.key.jwk] },
});

function discoveryDocument(context: AuthContext): Record<string, unknown> {
  const { issuer, settings } = context;
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/oauth2/jwks`,
    userinfo_endpoint: `${issuer}/userinfo`,
    revocation_endpoint: `${issuer}/oauth2/revoke`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    // The OTP grants are CIAM extensions; CIAM does not list them.
    grant_types_supported: GRANT_TYPES.filter((grant) => !grant.startsWith('http')),
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256', 'plain'],
    scopes_supported: [...settings.scopes],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      ...STANDARD_CLAIMS.filter((claim) => claim !== 'sub'),
    ],
  };
}

/** `GET /.well-known/openid-configuration` */
export const discoveryEndpoint: EndpointHandler = (_request, context) => ({
  kind: 'json',
  body: discoveryDocument(context),
});
