import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CiamEmulatorError } from './emulator-error.js';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** The parts of `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export interface Tc3Authorization {
  secretId: string;
  /** UTC date of the credential scope, YYYY-MM-DD. */
  date: string;
  /** Service of the credential scope; the Node SDK signs `127` for `127.0.0.1:PORT`. */
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** What a TC3 signature covers. */
export interface Tc3SignedRequest {
  method: string;
  /** Path and query, e.g. `/` */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  timestamp: number;
}

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

const AUTHORIZATION_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function invalidAuthorization(reason: string): CiamEmulatorError {
  return new CiamEmulatorError(
    'AuthFailure.InvalidAuthorization',
    `The Authorization header is invalid: ${reason}.`,
  );
}

/** Parses the header; anything but a well-formed TC3 header → `InvalidAuthorization`. */
export function parseTc3Authorization(header: string): Tc3Authorization {
  const match = AUTHORIZATION_PATTERN.exec(header.trim());
  if (match === null) {
    throw invalidAuthorization(
      `expected "${TC3_ALGORITHM} Credential=…, SignedHeaders=…, Signature=…"`,
    );
  }
  const [, secretId, date, service, headers, signature] = match;
  const signedHeaders = headers.split(';');
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
    throw invalidAuthorization('SignedHeaders must include content-type and host');
  }
  return { secretId, date, service, signedHeaders, signature };
}

/** YYYY-MM-DD of a Unix timestamp in UTC, as the credential scope spells it. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().toLowerCase();
}

function canonicalRequest(
  request: Tc3SignedRequest,
  signedHeaders: string[],
  host: string,
): string {
  const [path, query = ''] = request.url.split('?', 2);
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${name === 'host' ? host : headerValue(request.headers, name)}\n`)
    .join('');
  return [
    request.method,
    path,
    query,
    canonicalHeaders,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

/** The hex signature of `request` under `secretKey` and the given scope. */
export function computeTc3Signature(
  request: Tc3SignedRequest,
  scope: { date: string; service: string; signedHeaders: string[]; host: string },
  secretKey: string,
): string {
  const credentialScope = `${scope.date}/${scope.service}/tc3_request`;
  const stringToSign = [
    TC3_ALGORITHM,
    String(request.timestamp),
    credentialScope,
    sha256Hex(canonicalRequest(request, scope.signedHeaders, scope.host)),
  ].join('\n');
  const secretDate = hmac(`TC3${secretKey}`, scope.date);
  const secretService = hmac(secretDate, scope.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(stringToSign).digest('hex');
}

/** `127.0.0.1:9000` → `127.0.0.1`, `[::1]:9000` → `[::1]`. */
export function hostWithoutPort(host: string): string {
  return host.replace(/:\d+$/, '');
}

function sameSignature(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies a TC3-HMAC-SHA256 request the way the API gateway does, in this order:
 * InvalidAuthorization, SignatureExpire, SecretIdNotFound, SignatureFailure.
 *
 * The service comes from the credential scope, and the host is compared without its port
 * (the Node SDK signs the hostname, while the Host header carries the port). Signers that
 * include the port are accepted too.
 */
export function verifyTc3Request(
  request: Tc3SignedRequest,
  authorizationHeader: string,
  credentials: Tc3Credentials,
  nowSeconds: number,
  maxSkewSeconds: number,
): void {
  const authorization = parseTc3Authorization(authorizationHeader);
  if (Math.abs(nowSeconds - request.timestamp) > maxSkewSeconds) {
    throw new CiamEmulatorError('AuthFailure.SignatureExpire');
  }
  if (authorization.secretId !== credentials.secretId) {
    throw new CiamEmulatorError('AuthFailure.SecretIdNotFound');
  }
  if (authorization.date !== tc3Date(request.timestamp)) {
    throw new CiamEmulatorError(
      'AuthFailure.SignatureFailure',
      'The credential scope date does not match the UTC date of X-TC-Timestamp.',
    );
  }
  const host = headerValue(request.headers, 'host');
  const matches = [hostWithoutPort(host), host].some((candidate) =>
    sameSignature(
      computeTc3Signature(request, { ...authorization, host: candidate }, credentials.secretKey),
      authorization.signature,
    ),
  );
  if (!matches) throw new CiamEmulatorError('AuthFailure.SignatureFailure');
}
