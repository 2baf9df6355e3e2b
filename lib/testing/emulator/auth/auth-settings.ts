import { randomBytes } from 'node:crypto';
import type {
  CiamAuthGrantType,
  CiamEmulatorAuthOptions,
  CiamLoginIdentifier,
} from './auth.interface.js';

export const OTP_SMS_GRANT = 'http://tencentciam.com/oauth2/grant-type/otp/sms';
export const OTP_EMAIL_GRANT = 'http://tencentciam.com/oauth2/grant-type/otp/email';

export const GRANT_TYPES: readonly CiamAuthGrantType[] = [
  'authorization_code',
  'password',
  'refresh_token',
  'client_credentials',
  OTP_SMS_GRANT,
  OTP_EMAIL_GRANT,
];

export const LOGIN_IDENTIFIERS: readonly CiamLoginIdentifier[] = [
  'username',
  'email',
  'phone_number',
];

/** Scopes that need a user: `client_credentials` cannot request them. */
export const USER_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'phone'];

const DEFAULT_SCOPES = [...USER_SCOPES, 'identity_proofing'];
const DEFAULT_REDIRECT_URIS = ['http://localhost/callback'];
const DAY_SECONDS = 24 * 60 * 60;

/** The resolved `auth` options, signing key aside. */
export interface AuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authSourceId: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly grantTypes: readonly CiamAuthGrantType[];
  readonly loginIdentifiers: readonly CiamLoginIdentifier[];
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
  readonly otpTtlSeconds: number;
  readonly otpSendIntervalSeconds: number;
  readonly passwordHistorySize: number;
}

function fail(name: string, expected: string, value: unknown): never {
  throw new RangeError(
    `startCiamEmulator: auth.${name} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

/** Printable ASCII without spaces: what fits in a form field, a header and a JWT unchanged. */
function token(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    fail(name, 'a non-empty string of printable ASCII characters without spaces', value);
  }
  return value;
}

function integer(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(name, min === 0 ? 'a non-negative integer' : 'a positive integer', value);
  }
  return value;
}

function list<T extends string>(
  name: string,
  value: unknown,
  check: (item: unknown) => item is T,
  expected: string,
): T[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(check)) {
    fail(name, `a non-empty array of ${expected}`, value);
  }
  return [...new Set(value)];
}

function isRedirectUri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).hash === '' && !value.includes('#');
  } catch {
    return false;
  }
}

function isScope(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}

function isOneOf<T extends string>(allowed: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T => allowed.includes(value as T);
}

/** Validates `options.auth` and fills in the defaults; invalid values throw a RangeError. */
export function resolveAuthSettings(options: CiamEmulatorAuthOptions = {}): AuthSettings {
  const scopes = list('scopes', options.scopes ?? DEFAULT_SCOPES, isScope, 'scope tokens');
  return {
    clientId: token('clientId', options.clientId ?? randomBytes(16).toString('hex')),
    clientSecret: token(
      'clientSecret',
      options.clientSecret ?? randomBytes(32).toString('base64url'),
    ),
    authSourceId: token('authSourceId', options.authSourceId ?? randomBytes(16).toString('hex')),
    redirectUris: list(
      'redirectUris',
      options.redirectUris ?? DEFAULT_REDIRECT_URIS,
      isRedirectUri,
      'absolute URLs without a fragment',
    ),
    scopes,
    grantTypes: list(
      'grantTypes',
      options.grantTypes ?? GRANT_TYPES,
      isOneOf(GRANT_TYPES),
      GRANT_TYPES.join(', '),
    ),
    loginIdentifiers: list(
      'loginIdentifiers',
      options.loginIdentifiers ?? LOGIN_IDENTIFIERS,
      isOneOf(LOGIN_IDENTIFIERS),
      LOGIN_IDENTIFIERS.join(', '),
    ),
    accessTokenTtlSeconds: integer(
      'accessTokenTtlSeconds',
      options.accessTokenTtlSeconds ?? 300,
      1,
    ),
    refreshTokenTtlSeconds: integer(
      'refreshTokenTtlSeconds',
      options.refreshTokenTtlSeconds ?? 30 * DAY_SECONDS,
      1,
    ),
    codeTtlSeconds: integer('codeTtlSeconds', options.codeTtlSeconds ?? 300, 1),
    otpTtlSeconds: integer('otpTtlSeconds', options.otpTtlSeconds ?? 300, 1),
    otpSendIntervalSeconds: integer(
      'otpSendIntervalSeconds',
      options.otpSendIntervalSeconds ?? 60,
      0,
    ),
    passwordHistorySize: integer('passwordHistorySize', options.passwordHistorySize ?? 3, 0),
  };
}
