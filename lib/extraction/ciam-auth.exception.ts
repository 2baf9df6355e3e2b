import type { CiamAuthEndpoint, CiamAuthErrorCode } from '../catalog/ciam-auth-code-defaults.js';

/**
 * Options of {@link CiamAuthException}: what the tenant host answered, for logs. None of it
 * reaches a client.
 * @publicApi
 */
export interface CiamAuthExceptionOptions {
  /** The HTTP status the tenant host answered with. */
  status?: number;
  /** The upstream `error_description`: for logs only (it tells "wrong password" from "frozen"). */
  description?: string;
  /** The upstream `WWW-Authenticate` header, for logs; its Bearer `error` is read when `error` is empty. */
  wwwAuthenticate?: string;
  /** The endpoint that answered, named in the log line. */
  endpoint?: CiamAuthEndpoint;
  /** The upstream `Retry-After`, in whole seconds: replaces the default of retryable answers. */
  retryAfter?: number;
  /**
   * The tenant host was not reached: the call timed out (`timeout`, answered 504) or the
   * connection failed (`network`, 502). For errors a client throws without naming the host, such
   * as openid-client's `ClientError` `OAUTH_TIMEOUT` or `TypeError: fetch failed`.
   */
  failure?: 'timeout' | 'network';
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * An error of CIAM's authentication API (the tenant host's OAuth 2.0 / OpenID Connect endpoints),
 * raised by the app itself, e.g. after reading an answer of `fetch` by hand
 * (`unwrapCiamAuthResponse` throws it too). The filter answers it by the authentication catalog:
 * `invalid_grant` is a 401 `invalid_grant`, `invalid_client` a hidden 500.
 *
 * `error` is a {@link CiamAuthErrorCode}, so a misspelt value does not compile; one outside the
 * catalog goes through {@link CiamAuthException.uncatalogued}.
 *
 * @example
 * throw new CiamAuthException('invalid_grant', { status: 400, description, endpoint: 'token' });
 * // openid-client's timeout names no host: say it was the tenant host's.
 * throw CiamAuthException.uncatalogued('', { failure: 'timeout', endpoint: 'token', cause });
 * @publicApi
 */
export class CiamAuthException extends Error {
  override readonly name = 'CiamAuthException';
  /** The OAuth `error` value: a catalog value, or any string given to `uncatalogued`. */
  readonly error: string;
  readonly status?: number;
  readonly description?: string;
  readonly wwwAuthenticate?: string;
  readonly endpoint?: CiamAuthEndpoint;
  readonly retryAfter?: number;
  readonly failure?: 'timeout' | 'network';

  constructor(error: CiamAuthErrorCode, options: CiamAuthExceptionOptions = {}) {
    // JavaScript callers can pass anything: a symbol or a null-prototype object must not throw here.
    const status = typeof options.status === 'number' ? options.status : '?';
    super(
      `CIAM authentication error ${typeof error === 'string' && (error as string) !== '' ? error : `(HTTP ${status})`}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.error = error;
    if (options.status !== undefined) this.status = options.status;
    if (options.description !== undefined) this.description = options.description;
    if (options.wwwAuthenticate !== undefined) this.wwwAuthenticate = options.wwwAuthenticate;
    if (options.endpoint !== undefined) this.endpoint = options.endpoint;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.failure !== undefined) this.failure = options.failure;
  }

  /**
   * The escape hatch for an `error` value that is not in the catalog (one the tenant host added
   * later), or for none (`''`): then the status decides, as for an answer without an OAuth body
   * (401 `invalid_client`, 503 `temporarily_unavailable`…). Unknown values are answered like
   * unknown codes: hidden, `fallbackStatus`, never echoed.
   *
   * @example
   * throw CiamAuthException.uncatalogued('', { status: 502, endpoint: 'token' });
   */
  static uncatalogued(error: string, options?: CiamAuthExceptionOptions): CiamAuthException {
    return new CiamAuthException(error as CiamAuthErrorCode, options);
  }
}
