import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { upstreamText as text } from './upstream-text.util.js';

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
export function isTimeoutMessage(message: string): boolean {
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
export function fromUnwrappedSdkFailure(error: Error): CiamErrorInfo | undefined {
  const name = error.name;
  const upstreamMessage = text(error.message);
  const failure = error as unknown as Record<string, unknown>;
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
