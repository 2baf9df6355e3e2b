import { timingSafeEqual } from 'node:crypto';
import type { AuthRequest, BodyParams } from './auth-http.util.js';
import { header, stringParam } from './auth-http.util.js';
import type { AuthSettings } from './auth-settings.js';
import { bareStatus, oauthError } from './oauth-error.js';

/** Client credentials as sent: HTTP Basic (`client_secret_basic`) wins over the body. */
export interface ClientCredentials {
  readonly method: 'client_secret_basic' | 'client_secret_post' | 'none';
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** An `Authorization: Basic` header that does not decode to `id:secret`. */
  readonly malformed?: boolean;
}

/** RFC 6749 §2.3.1: both halves of the Basic credentials are form-urlencoded. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function basicCredentials(value: string): ClientCredentials {
  const decoded = Buffer.from(value.slice('basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return { method: 'client_secret_basic', malformed: true };
  try {
    return {
      method: 'client_secret_basic',
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)) || undefined,
    };
  } catch {
    return { method: 'client_secret_basic', malformed: true };
  }
}

export function readClientCredentials(request: AuthRequest, params: BodyParams): ClientCredentials {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined && /^basic /i.test(authorization)) {
    return basicCredentials(authorization);
  }
  const clientId = stringParam(params, 'client_id');
  const clientSecret = stringParam(params, 'client_secret');
  return {
    method: clientSecret === undefined ? 'none' : 'client_secret_post',
    clientId,
    clientSecret,
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates the (one) confidential client. On the token endpoint a missing or unknown
 * client_id is a bare 401, as CIAM documents; elsewhere, and for a missing or wrong secret,
 * 401 `invalid_client`.
 */
export function authenticateClient(
  credentials: ClientCredentials,
  settings: AuthSettings,
  endpoint: 'token' | 'other',
): void {
  const knownClient = !credentials.malformed && credentials.clientId === settings.clientId;
  if (!knownClient) {
    throw endpoint === 'token' ? bareStatus(401) : oauthError('invalid_client', undefined, 401);
  }
  const secret = credentials.clientSecret;
  if (secret === undefined || !sameSecret(secret, settings.clientSecret)) {
    throw oauthError('invalid_client', undefined, 401);
  }
}
