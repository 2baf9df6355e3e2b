import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { CiamException } from './ciam.exception.js';

/** Upstream strings kept for logs are cut to this length. */
const MAX_UPSTREAM_TEXT = 1024;

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
 * `error.response.data` (axios), `error.response.body`, `error.body` or `error.data`.
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
    if (error instanceof Error) {
      const sdk = error as unknown as Bag;
      if (typeof sdk.requestId === 'string' && typeof sdk.traceId === 'string') {
        return fromSdkException(error, sdk);
      }
    }
    return readCiamEnvelope(error) ?? fromEnvelopeHolder(error);
  } catch {
    return undefined;
  }
}

function fromCiamException(error: CiamException): CiamErrorInfo {
  return {
    code: error.code,
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
  // The SDK reports a timeout as "network timeout at: <url>" (node-fetch's request-timeout).
  const timedOut = /\btime(?:d )?out\b|ETIMEDOUT/i.test(error.message);
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
