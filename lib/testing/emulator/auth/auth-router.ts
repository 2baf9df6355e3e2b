import type { EndpointHandler } from './auth-context.js';
import type { CiamEmulatorAuthEndpoint } from './auth.interface.js';
import { authorizeEndpoint } from './endpoints/authorize.endpoint.js';
import { discoveryEndpoint, jwksEndpoint } from './endpoints/metadata.endpoints.js';
import { otpSendEndpoint } from './endpoints/otp-send.endpoint.js';
import { changePasswordEndpoint, resetPasswordEndpoint } from './endpoints/password.endpoints.js';
import { revokeEndpoint } from './endpoints/revoke.endpoint.js';
import { tokenEndpoint } from './endpoints/token.endpoint.js';
import { userinfoUpdateEndpoint } from './endpoints/userinfo-update.endpoint.js';
import { userinfoEndpoint } from './endpoints/userinfo.endpoint.js';

export interface AuthRoute {
  readonly endpoint: CiamEmulatorAuthEndpoint;
  readonly handle: EndpointHandler;
}

/** Path → method → endpoint. Every other path belongs to the management API. */
const ROUTES: Readonly<Record<string, Readonly<Record<string, AuthRoute>>>> = {
  '/oauth2/token': { POST: { endpoint: 'token', handle: tokenEndpoint } },
  '/oauth2/revoke': { POST: { endpoint: 'revoke', handle: revokeEndpoint } },
  '/oauth2/authorize': { GET: { endpoint: 'authorize', handle: authorizeEndpoint } },
  '/oauth2/jwks': { GET: { endpoint: 'jwks', handle: jwksEndpoint } },
  '/.well-known/openid-configuration': {
    GET: { endpoint: 'discovery', handle: discoveryEndpoint },
  },
  '/userinfo': {
    GET: { endpoint: 'userinfo', handle: userinfoEndpoint },
    PATCH: { endpoint: 'userinfo_update', handle: userinfoUpdateEndpoint },
  },
  '/change_user_password': {
    POST: { endpoint: 'change_password', handle: changePasswordEndpoint },
  },
  '/reset_user_password': { POST: { endpoint: 'reset_password', handle: resetPasswordEndpoint } },
  '/otp/send': { POST: { endpoint: 'otp_send', handle: otpSendEndpoint } },
};

export function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0];
}

export function isAuthPath(path: string): boolean {
  return Object.hasOwn(ROUTES, path);
}

/** The methods a tenant-host path answers, for `Allow`. */
export function allowedMethods(path: string): string[] {
  return Object.keys(ROUTES[path] ?? {});
}

export function findRoute(path: string, method: string): AuthRoute | undefined {
  const routes = ROUTES[path];
  return routes !== undefined && Object.hasOwn(routes, method) ? routes[method] : undefined;
}
