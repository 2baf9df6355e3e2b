import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';

/**
 * Options of {@link CiamException}.
 * @publicApi
 */
export interface CiamExceptionOptions {
  /** Upstream RequestId. */
  requestId?: string;
  /** Upstream trace id (`X-TC-TraceId`). */
  traceId?: string;
  /** CIAM's own message, for logs; never sent to clients by default. */
  upstreamMessage?: string;
  /** Values for logs and hooks; never sent to clients. */
  params?: Readonly<Record<string, unknown>>;
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * A CIAM error raised by the app itself, e.g. after checking a response by hand. The filter
 * answers it like one thrown by the Tencent Cloud SDK.
 *
 * The code is a {@link CiamErrorCode}, so a misspelt code does not compile. A code outside the
 * catalog (one CIAM added later) goes through {@link CiamException.uncatalogued}.
 *
 * @example
 * throw new CiamException('FailedOperation.UserNotFound', { requestId });
 * @publicApi
 */
export class CiamException extends Error {
  override readonly name = 'CiamException';
  /** The CIAM code: a catalog code, or any string given to {@link CiamException.uncatalogued}. */
  readonly code: string;
  readonly requestId?: string;
  readonly traceId?: string;
  readonly upstreamMessage?: string;
  readonly params?: Readonly<Record<string, unknown>>;

  constructor(code: CiamErrorCode, options: CiamExceptionOptions = {}) {
    // JavaScript callers can pass anything: a symbol or a null-prototype object must not throw here.
    const shown = typeof code === 'string' ? code : `(${typeof code})`;
    super(
      `CIAM error ${shown}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.traceId !== undefined) this.traceId = options.traceId;
    if (options.upstreamMessage !== undefined) this.upstreamMessage = options.upstreamMessage;
    if (options.params !== undefined) this.params = options.params;
  }

  /**
   * The escape hatch for a code that is not in the catalog yet. It is answered by the overrides
   * for that code (`uncataloguedOverrides`, `@CiamErrorMap(map, { uncatalogued })`), else by its
   * longest catalogued prefix, else with `fallbackStatus`; a code that is not a dotted identifier
   * is never echoed to clients.
   *
   * @example
   * throw CiamException.uncatalogued('FailedOperation.SomethingNew', { requestId });
   */
  static uncatalogued(code: string, options?: CiamExceptionOptions): CiamException {
    return new CiamException(code as CiamErrorCode, options);
  }
}
