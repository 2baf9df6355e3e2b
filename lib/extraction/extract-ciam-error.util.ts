import { HttpException } from '@nestjs/common';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { fromAuthAnswer } from './auth-answer.util.js';
import { fromAuthClientError } from './auth-clients.util.js';
import { DEFAULT_AUTH_HOSTS, compileAuthHosts, isAuthHostPattern } from './auth-hosts.util.js';
import type { AuthHostMatcher } from './auth-hosts.util.js';
import { CiamAuthException } from './ciam-auth.exception.js';
import { CiamException } from './ciam.exception.js';
import { fromUnwrappedSdkFailure, isTimeoutMessage } from './sdk-failure.util.js';
import { MAX_UPSTREAM_TEXT, upstreamText as text } from './upstream-text.util.js';

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/**
 * Normalizes anything thrown into a {@link CiamErrorInfo}, or `undefined` when it is not a CIAM
 * error. Recognizes, in order: `CiamException` and `CiamAuthException`; a Tencent Cloud SDK exception (an `Error` with
 * string `requestId` and `traceId`, recognized without importing the SDK); a CIAM envelope
 * `{ Response: { Error: { Code, Message }, RequestId } }` thrown as is or found at
 * `error.response.data` (axios), `error.response.body`, `error.body` or `error.data`; an error of
 * the authentication API met through openid-client 6 / oauth4webapi or axios, when the request
 * went to one of `authHosts` (`options.authHosts`, by default `*.tencentciam.com`); last, the
 * errors the SDK lets through unwrapped while reading a 200 answer (node-fetch's `FetchError`, a
 * `TypeError` for JSON without `Response`), as transport failures.
 *
 * Those last ones are claimed only when their stack has the SDK's `parseResponse` frame
 * (`…tencentcloud…/common/abstract_client.js`) or, for a `FetchError`, when its URL is on a CIAM
 * host (`ciam[.<region>].tencentcloudapi.com`); an app's own fetch or `TypeError` is left alone.
 * Limits: a body cut, reset or too slow raises a `FetchError` with no SDK frame (node-fetch
 * creates it in a stream event or a timer), so behind a custom endpoint it is not recognized;
 * the frame needs `Error.stackTraceLimit` >= 3 (Node's default is 10) and an unbundled SDK. Only
 * the first 4 KB of the frames of a `FetchError` or `TypeError` are read.
 *
 * Never throws: hostile objects (throwing getters, proxies) count as "not a CIAM error", and
 * `authHosts` entries that are not hostname patterns are ignored.
 *
 * @example
 * const info = extractCiamError(err);
 * if (info?.code === 'FailedOperation.UserNotFound') { ... }
 * @publicApi
 */
export function extractCiamError(
  error: unknown,
  options?: { readonly authHosts?: readonly string[] },
): CiamErrorInfo | undefined {
  const hosts = options?.authHosts;
  return extractWith(error, hosts === undefined ? DEFAULT_MATCHER : callerHostsMatcher(hosts));
}

/**
 * The matcher of a caller's `authHosts`, which the module never validated: entries that are not
 * hostname patterns are ignored, a value that is no array means the default. Compiled once per
 * list of hosts, whether the caller passes the same array or a new one each time (bounded).
 */
function callerHostsMatcher(hosts: unknown): AuthHostMatcher {
  if (!Array.isArray(hosts)) return DEFAULT_MATCHER;
  const valid = (hosts as unknown[])
    .map((host) => (typeof host === 'string' ? host.trim().toLowerCase() : host))
    .filter(isAuthHostPattern);
  const key = valid.join('\n');
  let matcher = callerMatchers.get(key);
  if (matcher === undefined) {
    if (callerMatchers.size >= MAX_CALLER_MATCHERS) callerMatchers.clear();
    callerMatchers.set(key, (matcher = compileAuthHosts(valid)));
  }
  return matcher;
}

const callerMatchers = new Map<string, AuthHostMatcher>();
const MAX_CALLER_MATCHERS = 64;

const DEFAULT_MATCHER = compileAuthHosts(DEFAULT_AUTH_HOSTS);
const matchers = new WeakMap<readonly string[], AuthHostMatcher>();

/** The compiled `authHosts`, once per list. */
export function authHostsMatcher(hosts: readonly string[] | undefined): AuthHostMatcher {
  if (hosts === undefined || hosts === DEFAULT_AUTH_HOSTS) return DEFAULT_MATCHER;
  let matcher = matchers.get(hosts);
  if (matcher === undefined) matchers.set(hosts, (matcher = compileAuthHosts(hosts)));
  return matcher;
}

/** {@link extractCiamError} with `authHosts` compiled (the mapper's, or the default). */
export function extractWith(error: unknown, hosts: AuthHostMatcher): CiamErrorInfo | undefined {
  if (!isBag(error)) return undefined;
  try {
    if (error instanceof CiamException) return fromCiamException(error);
    if (error instanceof CiamAuthException) return fromCiamAuthException(error);
    // The app's own HTTP errors are never CIAM errors, whatever fields they carry.
    if (isHttpException(error)) return undefined;
    if (error instanceof Error) {
      const sdk = error as unknown as Bag;
      if (typeof sdk.requestId === 'string' && typeof sdk.traceId === 'string') {
        return fromSdkException(error, sdk);
      }
    }
    return (
      readCiamEnvelope(error) ??
      fromEnvelopeHolder(error) ??
      fromAuthClientError(error, hosts) ??
      (error instanceof Error ? fromUnwrappedSdkFailure(error) : undefined)
    );
  } catch {
    return undefined;
  }
}

/**
 * Nest's `HttpException`, also from another copy of `@nestjs/common` (where `instanceof` fails):
 * its `getStatus` and `getResponse` methods.
 */
function isHttpException(error: Bag): boolean {
  return (
    error instanceof HttpException ||
    (typeof error.getStatus === 'function' && typeof error.getResponse === 'function')
  );
}

function fromCiamException(error: CiamException): CiamErrorInfo {
  // JavaScript callers can pass anything: a non-string code resolves as unknown.
  const code: unknown = error.code;
  return {
    code: typeof code === 'string' ? code.slice(0, MAX_UPSTREAM_TEXT) : '',
    upstreamMessage: text(error.upstreamMessage),
    requestId: text(error.requestId),
    traceId: text(error.traceId),
    params: error.params,
  };
}

function fromCiamAuthException(error: CiamAuthException): CiamErrorInfo {
  const { endpoint: given, failure } = error;
  const endpoint = typeof given === 'string' && /^[a-z_]{1,32}$/.test(given) ? given : 'other';
  if (failure === 'timeout' || failure === 'network') {
    return { failure, endpoint, upstreamMessage: text(error.description) };
  }
  return fromAuthAnswer({
    status: error.status,
    error: error.error,
    description: error.description,
    wwwAuthenticate: error.wwwAuthenticate,
    retryAfter: error.retryAfter,
    endpoint,
  });
}

function fromSdkException(error: Error, sdk: Bag): CiamErrorInfo {
  const upstreamMessage = text(error.message);
  const requestId = text(sdk.requestId);
  const traceId = text(sdk.traceId);
  if (typeof sdk.code === 'string' && sdk.code !== '') {
    return { code: sdk.code.slice(0, MAX_UPSTREAM_TEXT), upstreamMessage, requestId, traceId };
  }
  if (typeof sdk.httpCode === 'number') {
    return { failure: 'http', httpCode: sdk.httpCode, upstreamMessage, requestId, traceId };
  }
  const timedOut = upstreamMessage !== undefined && isTimeoutMessage(upstreamMessage);
  return { failure: timedOut ? 'timeout' : 'network', upstreamMessage, requestId, traceId };
}

/** Reads `{ Response: { Error: { Code, Message }, RequestId } }`; `undefined` when it has no `Error`. */
export function readCiamEnvelope(value: unknown): CiamErrorInfo | undefined {
  if (!isBag(value) || !isBag(value.Response)) return undefined;
  const response = value.Response;
  if (!isBag(response.Error)) return undefined;
  const { Code, Message } = response.Error;
  return {
    // A non-string code is kept out: it resolves as unknown and is never echoed.
    code: typeof Code === 'string' ? Code.slice(0, MAX_UPSTREAM_TEXT) : '',
    upstreamMessage: text(Message),
    requestId: text(response.RequestId),
  };
}

function fromEnvelopeHolder(error: Bag): CiamErrorInfo | undefined {
  const response = error.response;
  if (isBag(response)) {
    const found = readCiamEnvelope(response.data) ?? readCiamEnvelope(response.body);
    if (found) return found;
  }
  return readCiamEnvelope(error.body) ?? readCiamEnvelope(error.data);
}
