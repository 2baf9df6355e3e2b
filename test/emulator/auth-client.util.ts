import * as client from 'openid-client';
import type { CiamEmulatorAuthEndpoint, CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient } from './emulator-client.util.js';

/** A password that meets the emulator's password policy. */
export const PASSWORD = 'S3cret!42';

/** openid-client configured through discovery, as an application would (HTTP allowed). */
export function discover(
  emulator: CiamEmulator,
  clientAuthentication?: client.ClientAuth,
  clientSecret: string | undefined = emulator.clientSecret,
): Promise<client.Configuration> {
  return client.discovery(
    new URL(emulator.issuer),
    emulator.clientId,
    clientSecret,
    clientAuthentication,
    { execute: [client.allowInsecureRequests] },
  );
}

/** CreateUser through the management API, signed by the real SDK. */
export async function createUser(
  emulator: CiamEmulator,
  fields: Record<string, unknown>,
): Promise<any> {
  const response = await ciamClient(emulator).request('CreateUser', {
    UserStoreId: emulator.userStoreId,
    ...fields,
  });
  return response.User;
}

export function managementRequest(
  emulator: CiamEmulator,
  action: string,
  params: Record<string, unknown>,
): Promise<any> {
  return ciamClient(emulator).request(action, { UserStoreId: emulator.userStoreId, ...params });
}

export function passwordGrant(
  config: client.Configuration,
  emulator: CiamEmulator,
  username: string,
  password = PASSWORD,
  scope = 'openid',
): ReturnType<typeof client.genericGrantRequest> {
  return client.genericGrantRequest(config, 'password', {
    auth_source_id: emulator.authSourceId,
    username,
    password,
    scope,
  });
}

export interface RawAuthResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A plain fetch to the tenant host; redirects are not followed. */
export async function rawAuth(
  emulator: CiamEmulator,
  path: string,
  init: RequestInit = {},
): Promise<RawAuthResponse> {
  const response = await fetch(`${emulator.issuer}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function basicAuth(emulator: CiamEmulator, secret = emulator.clientSecret): string {
  return `Basic ${Buffer.from(`${emulator.clientId}:${secret}`).toString('base64')}`;
}

/** A JSON request with the client's HTTP Basic credentials, as /otp/send and resets take. */
export function jsonWithClient(
  emulator: CiamEmulator,
  body: unknown,
  method = 'POST',
): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: basicAuth(emulator) },
    body: JSON.stringify(body),
  };
}

export function jsonWithBearer(accessToken: string, body: unknown, method = 'POST'): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  };
}

/** The method and path of each endpoint, for requests whose content does not matter. */
export const ENDPOINT_REQUESTS: Readonly<
  Record<CiamEmulatorAuthEndpoint, { method: string; path: string }>
> = {
  token: { method: 'POST', path: '/oauth2/token' },
  revoke: { method: 'POST', path: '/oauth2/revoke' },
  userinfo: { method: 'GET', path: '/userinfo' },
  userinfo_update: { method: 'PATCH', path: '/userinfo' },
  change_password: { method: 'POST', path: '/change_user_password' },
  reset_password: { method: 'POST', path: '/reset_user_password' },
  otp_send: { method: 'POST', path: '/otp/send' },
  jwks: { method: 'GET', path: '/oauth2/jwks' },
  discovery: { method: 'GET', path: '/.well-known/openid-configuration' },
  authorize: { method: 'GET', path: '/oauth2/authorize' },
};

/** Sends an OTP and returns its token and code (read as a test reads the SMS or mailbox). */
export async function sendOtp(
  emulator: CiamEmulator,
  body: Record<string, unknown>,
): Promise<{ otpToken: string; otp: string }> {
  const response = await rawAuth(emulator, '/otp/send', jsonWithClient(emulator, body));
  if (response.status !== 200)
    throw new Error(`otp/send answered ${response.status} ${response.text}`);
  const recipient =
    typeof body.phone_number === 'string'
      ? { phoneNumber: body.phone_number }
      : { email: String(body.email) };
  const sent = emulator.lastOtp(recipient);
  if (sent === undefined || sent.otpToken !== response.json.otp_token) {
    throw new Error('the emulator did not record the OTP it sent');
  }
  return { otpToken: sent.otpToken, otp: sent.otp };
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be rejected, but it resolved');
}
