import { HttpException } from '@nestjs/common';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { CiamException } from './ciam.exception.js';

/** Upstream strings kept for logs (and span events) are cut to this length. */
const MAX_UPSTREAM_TEXT = 1024;

/**
 * An upstream text as logs and span events keep it: at most {@link MAX_UPSTREAM_TEXT}
 * characters, also when a custom `extract` returned a longer one.
 */
export function clipUpstreamText(value: string): string {
  return value.length > MAX_UPSTREAM_TEXT ? value.slice(0, MAX_UPSTREAM_TEXT) : value;
}

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, MAX_UPSTREAM_TEXT) : undefined;
}

/**
 * Normalizes anything thrown into a {@link CiamErrorInfo}, or `undefined` when it is not a CIAM
 * error. Recognizes, in order: `CiamException`; a Tencent Cloud SDK exception (an `Error` with
 * string `requestId` and `traceId`, recognized without importing the SDK); a CIAM envelope
 * `{ Response: { Error: { Code, Message }, RequestId } }` thrown as is or found at
 * `error.response.data` (axios), `error.response.body`, `error.body` or `error.data`; last, the
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
 * Never throws: hostile objects (throwing getters, proxies) count as "not a CIAM error".
 *
 * @example
 * const info = extractCiamError(err);
 * if (info?.code === 'FailedOperation.UserNotFound') { ... }
 * @publicApi
 */
export function extractCiamError(error: unknown): CiamErrorInfo | undefined {
  if (!isBag(error)) return undefined;
  try {
    if (error instanceof CiamException) return fromCiamException(error);
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

/** System error codes of a connection or socket that timed out. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const REQUEST_TIMEOUT_PREFIX = 'network timeout at: ';
const SYSTEM_PREFIX = 'request to ';
const SYSTEM_REASON = ' failed, reason: ';

/**
 * The SDK copies node-fetch's message and drops its `type` and `code`, so the message is all
 * there is. It is read by its fixed parts only, never searched as a whole: the URL in it is the
 * endpoint, which may well contain "timeout".
 */
function isTimeoutMessage(message: string): boolean {
  // node-fetch's request-timeout (`reqTimeout` passed).
  if (message.startsWith(REQUEST_TIMEOUT_PREFIX)) return true;
  // node-fetch's system error: "request to <url> failed, reason: <Node error message>". A URL
  // holds no spaces (node-fetch serializes it), so the first space after it ends it.
  if (!message.startsWith(SYSTEM_PREFIX)) return false;
  const urlEnd = message.indexOf(' ', SYSTEM_PREFIX.length);
  if (urlEnd < 0 || !message.startsWith(SYSTEM_REASON, urlEnd)) return false;
  return reasonHasTimeoutCode(message, urlEnd + SYSTEM_REASON.length);
}

/**
 * Node's system messages put the code first or after the syscall ("ETIMEDOUT",
 * "connect ETIMEDOUT 10.0.0.1:443"); only those two words are looked at, not the address.
 */
function reasonHasTimeoutCode(message: string, start: number): boolean {
  for (let word = 0; word < 2 && start < message.length; word++) {
    const space = message.indexOf(' ', start);
    const end = space < 0 ? message.length : space;
    if (TIMEOUT_CODES.has(message.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}

/** How much of a stack is searched for the SDK's frame: the top frames fit many times over. */
const MAX_STACK_SCAN = 4096;

/**
 * Errors that escape `parseResponse` of the Tencent Cloud Node SDK (`tencentcloud-sdk-nodejs`,
 * `tencentcloud-sdk-nodejs-common` and the per-product packages built on it) without becoming a
 * `TencentCloudSDKHttpException`: the SDK awaits node-fetch's `res.json()` and reads
 * `data.Response.Error` outside its try/catch. Measured under Node 20 with node-fetch 2.7:
 *
 * - a 200 body that is not JSON: node-fetch `FetchError`, type `invalid-json`;
 * - JSON without a `Response` object: `TypeError` thrown in `parseResponse`;
 * - a body cut mid-chunk or reset: `FetchError`, type `system`, code
 *   `ERR_STREAM_PREMATURE_CLOSE` or `ECONNRESET`; a body cut short of its Content-Length without a
 *   reset never ends, so it becomes a `body-timeout` `FetchError` after `reqTimeout`.
 *
 * Such an error is claimed only when it is known to come from CIAM or the SDK, so that an app's
 * own node-fetch or `TypeError` failures still reach Nest untouched:
 *
 * - its stack has a frame of `parseResponse` in the SDK's `common/abstract_client.js` (the frame of
 *   a `TypeError`; `at async …parseResponse` under node-fetch's frame for `invalid-json`);
 * - or, for a `FetchError` only, the URL in its message is a CIAM API host
 *   (`ciam.tencentcloudapi.com`, `ciam.<region>.tencentcloudapi.com`).
 *
 * Limits: body errors that node-fetch raises from a stream event or a timer (cut, reset or slow
 * bodies) carry no SDK frame at all, so through a custom endpoint (a gateway, an emulator) they
 * stay unclaimed. The stack needs `Error.stackTraceLimit` of at least 1 for the `TypeError` and
 * 3 for `invalid-json` (Node's default is 10); a bundled or minified SDK loses the file name or
 * the method name, leaving only the host rule. The first {@link MAX_STACK_SCAN} characters of the
 * frames are read, and only for a `FetchError` or a `TypeError`. Like the SDK exception itself,
 * a stack match does not tell which product was called.
 */
function fromUnwrappedSdkFailure(error: Error): CiamErrorInfo | undefined {
  const name = error.name;
  const upstreamMessage = text(error.message);
  const failure = error as unknown as Bag;
  if (name === 'FetchError' && typeof failure.type === 'string') {
    const fromCiam =
      (upstreamMessage !== undefined && hasCiamHostUrl(upstreamMessage)) || hasSdkFrame(error);
    if (!fromCiam) return undefined;
    return { failure: fetchFailureKind(failure.type, failure.code), upstreamMessage };
  }
  if (name === 'TypeError' && hasSdkFrame(error)) {
    return { failure: 'invalid-response', upstreamMessage };
  }
  return undefined;
}

/** By node-fetch's `type`: timers are timeouts, `system` is the socket, the rest the body. */
function fetchFailureKind(type: string, code: unknown): CiamErrorInfo['failure'] {
  if (type === 'body-timeout' || type === 'request-timeout') return 'timeout';
  if (type === 'system') {
    return typeof code === 'string' && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  }
  return 'invalid-response';
}

/**
 * Whether the first URL in a node-fetch message (all of them name the URL after fixed text) is
 * on a CIAM API host. The authority ends at the first `/`, which a serialized URL always has.
 */
function hasCiamHostUrl(message: string): boolean {
  const scheme = message.indexOf('://');
  if (scheme < 0) return false;
  const start = scheme + 3;
  const end = message.indexOf('/', start);
  if (end < 0) return false;
  const authority = message.slice(start, end);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = hostAndPort.indexOf(':');
  const host = colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
  return (
    host === 'ciam.tencentcloudapi.com' ||
    (host.startsWith('ciam.') && host.endsWith('.tencentcloudapi.com'))
  );
}

/** Whether a frame of the stack is the SDK's `parseResponse` (see {@link fromUnwrappedSdkFailure}). */
function hasSdkFrame(error: Error): boolean {
  const { name, message } = error;
  // The SDK's messages are short (its endpoint URL at most): a longer one is not worth reading.
  if (typeof message !== 'string' || message.length > MAX_STACK_SCAN) return false;
  const stack = error.stack;
  if (typeof stack !== 'string') return false;
  // Skip "<name>: <message>": the message may quote the body or the URL.
  const header = `${name}: ${message}`;
  const from = stack.startsWith(header) ? header.length : 0;
  const frames = stack.slice(from, from + MAX_STACK_SCAN);
  let start = 0;
  while (start < frames.length) {
    const newline = frames.indexOf('\n', start);
    const end = newline < 0 ? frames.length : newline;
    if (isSdkParseResponseFrame(frames.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}

/** "at [async ]<Client>.parseResponse (<…tencentcloud…>/common/abstract_client.js:<line>:<col>)" */
function isSdkParseResponseFrame(line: string): boolean {
  const call = line.indexOf('.parseResponse (');
  if (call < 0 || !line.trimStart().startsWith('at ')) return false;
  const file = line.slice(call);
  return (
    (file.includes('/common/abstract_client.js:') ||
      file.includes('\\common\\abstract_client.js:')) &&
    file.includes('tencentcloud')
  );
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
