import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isRecord } from '../params.util.js';

/** The public half of the signing key as `GET /oauth2/jwks` lists it. */
export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
  readonly jwk: PublicJwk;
}

export type JwtClaims = Record<string, unknown>;

const MIN_MODULUS_BITS = 2048;

function generateRsaKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: MIN_MODULUS_BITS }, (error, _publicKey, privateKey) =>
      error ? reject(error) : resolve(privateKey),
    );
  });
}

function toPrivateKey(source: KeyObject | string): KeyObject {
  let key: KeyObject;
  try {
    key = typeof source === 'string' ? createPrivateKey(source) : source;
  } catch (error) {
    throw new TypeError('startCiamEmulator: auth.signingKey is not a readable private key', {
      cause: error,
    });
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa' || bits < MIN_MODULUS_BITS) {
    throw new TypeError(
      `startCiamEmulator: auth.signingKey must be an RSA private key of at least ${MIN_MODULUS_BITS} bits`,
    );
  }
  return key;
}

/** The given key, or a fresh 2048-bit RSA key; `kid` is its RFC 7638 JWK thumbprint. */
export async function createSigningKey(source?: KeyObject | string): Promise<SigningKey> {
  const privateKey = source === undefined ? await generateRsaKey() : toPrivateKey(source);
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (typeof n !== 'string' || typeof e !== 'string') {
    throw new TypeError('startCiamEmulator: the signing key has no RSA modulus');
  }
  // Members in lexicographic order, no whitespace: the RFC 7638 input.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
  return { privateKey, publicKey, kid, jwk: { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' } };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A compact RS256 JWS: `base64url(header).base64url(payload).base64url(signature)`. */
export function signJwt(key: SigningKey, claims: JwtClaims): string {
  const input = `${encode({ kid: key.kid, typ: 'JWT', alg: 'RS256' })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * The claims of a JWT this key signed, or `undefined` when it is malformed, uses another
 * algorithm or key, or its signature does not verify. Times and issuer are the caller's job.
 */
export function verifyJwt(key: SigningKey, jwt: string): JwtClaims | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return undefined;
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decode(headerPart);
  const claims = decode(payloadPart);
  if (!isRecord(header) || header.alg !== 'RS256' || header.kid !== key.kid) return undefined;
  if (!isRecord(claims)) return undefined;
  const valid = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    key.publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  return valid ? claims : undefined;
}
