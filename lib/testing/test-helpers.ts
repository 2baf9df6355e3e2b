import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { defaultErrorMessage } from './emulator/error-messages.js';

/**
 * The body CIAM answers an error with (HTTP 200).
 *
 * @example
 * ```ts
 * const body: CiamErrorEnvelope = ciamErrorResponse('FailedOperation.UserNotFound');
 * body.Response.Error.Code; // 'FailedOperation.UserNotFound'
 * ```
 */
export interface CiamErrorEnvelope {
  Response: {
    Error: { Code: string; Message: string };
    RequestId: string;
  };
}

/**
 * The fields of the Tencent Cloud Node SDK's `TencentCloudSDKHttpException`. `code` is set
 * for an error envelope, `httpCode` for a non-200 answer; a timeout or a connection failure has
 * neither. Its `name` is plain `'Error'`: the SDK never sets it.
 *
 * @example
 * ```ts
 * const error: CiamSdkHttpException = sdkException('FailedOperation.UserIsFreeze');
 * error.code; // 'FailedOperation.UserIsFreeze'
 * ```
 */
export interface CiamSdkHttpException extends Error {
  requestId: string;
  traceId: string;
  code?: string;
  httpCode?: number;
  getMessage(): string;
  getRequestId(): string;
  getTraceId(): string;
}

/**
 * Options of `sdkException`.
 *
 * @example
 * ```ts
 * sdkException('InternalError', { message: 'boom', requestId: 'req-1', traceId: 'trace-1' });
 * ```
 */
export interface CiamSdkExceptionOptions {
  /** Default: the CIAM message of `code`, the status text of `httpCode`, or a network error. */
  message?: string;
  /** Default: a fresh uuid with a `code`, else `''` (as the SDK leaves it). */
  requestId?: string;
  /** Default `''`: the SDK copies the `x-tc-traceid` response header, usually absent. */
  traceId?: string;
  /** Set for a non-200 answer; the SDK then sends no `code`. */
  httpCode?: number;
}

const DEFAULT_SDK_URL = 'https://ciam.tencentcloudapi.com/';

/**
 * Same name, prototype methods and own fields as the SDK's class, so code that inspects
 * `constructor.name`, `requestId` or `getRequestId()` treats both alike. Optional fields are
 * `declare`d so that they exist only when assigned, as in the SDK.
 */
class TencentCloudSDKHttpException extends Error implements CiamSdkHttpException {
  requestId: string;
  traceId: string;
  declare code?: string;
  declare httpCode?: number;

  constructor(message: string, requestId = '', traceId = '') {
    super(message);
    this.requestId = requestId;
    this.traceId = traceId;
  }

  getMessage(): string {
    return this.message;
  }

  getRequestId(): string {
    return this.requestId;
  }

  getTraceId(): string {
    return this.traceId;
  }

  override toString(): string {
    return `[TencentCloudSDKException]message:${this.message}  requestId:${this.requestId}  traceId:${this.traceId}`;
  }

  override toLocaleString(): string {
    return this.toString();
  }
}

/**
 * The JSON body CIAM sends for a failed call, for stubbing raw HTTP clients.
 *
 * @example
 * ```ts
 * nock('https://ciam.tencentcloudapi.com')
 *   .post('/')
 *   .reply(200, ciamErrorResponse('FailedOperation.UserNotFound'));
 * ```
 */
export function ciamErrorResponse(
  code: string,
  message?: string,
  requestId?: string,
): CiamErrorEnvelope {
  return {
    Response: {
      Error: { Code: code, Message: message ?? defaultErrorMessage(code) },
      RequestId: requestId ?? randomUUID(),
    },
  };
}

/**
 * An error shaped like the one `tencentcloud-sdk-nodejs` throws, without depending on the SDK.
 * Pass a code for a CIAM error, `undefined` with `httpCode` for a non-200 answer.
 *
 * @example
 * ```ts
 * ciamClient.request.mockRejectedValue(sdkException('FailedOperation.UserNameAlreadyExists'));
 * ciamClient.request.mockRejectedValue(sdkException(undefined, { httpCode: 503 }));
 * ```
 */
export function sdkException(
  code: string | undefined,
  options: CiamSdkExceptionOptions = {},
): CiamSdkHttpException {
  const { httpCode } = options;
  const message =
    options.message ??
    (code !== undefined
      ? defaultErrorMessage(code)
      : httpCode !== undefined
        ? (STATUS_CODES[httpCode] ?? '')
        : `request to ${DEFAULT_SDK_URL} failed, reason: socket hang up`);
  const requestId = options.requestId ?? (code !== undefined ? randomUUID() : '');
  const exception = new TencentCloudSDKHttpException(message, requestId, options.traceId ?? '');
  if (code !== undefined) exception.code = code;
  if (httpCode !== undefined) exception.httpCode = httpCode;
  return exception;
}

/**
 * What the SDK throws when `reqTimeout` passes: node-fetch's message, no code, no httpCode,
 * and the request's own trace id.
 *
 * @example
 * ```ts
 * ciamClient.request.mockRejectedValue(sdkTimeoutException('https://ciam.tencentcloudapi.com/'));
 * ```
 */
export function sdkTimeoutException(
  url: string = DEFAULT_SDK_URL,
  options: { traceId?: string } = {},
): CiamSdkHttpException {
  return new TencentCloudSDKHttpException(
    `network timeout at: ${url}`,
    '',
    options.traceId ?? randomUUID(),
  );
}

function defaultConnectReason(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'http:' ? '80' : '443');
  return `connect ECONNREFUSED ${parsed.hostname}:${port}`;
}

/**
 * What the SDK throws when it cannot connect: node-fetch's `request to <url> failed, reason: …`.
 *
 * @example
 * ```ts
 * ciamClient.request.mockRejectedValue(
 *   sdkNetworkException(url, { reason: 'getaddrinfo ENOTFOUND ciam.tencentcloudapi.com' }),
 * );
 * ```
 */
export function sdkNetworkException(
  url: string = DEFAULT_SDK_URL,
  options: { reason?: string; traceId?: string } = {},
): CiamSdkHttpException {
  return new TencentCloudSDKHttpException(
    `request to ${url} failed, reason: ${options.reason ?? defaultConnectReason(url)}`,
    '',
    options.traceId ?? randomUUID(),
  );
}
