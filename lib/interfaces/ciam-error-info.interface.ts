/**
 * A CIAM error reduced to what the mapper needs, as returned by `extractCiamError`.
 * @publicApi
 */
export interface CiamErrorInfo {
  /** The code CIAM sent. Absent for transport failures. */
  code?: string;
  /** CIAM's own message, for logs only. */
  upstreamMessage?: string;
  /** Upstream RequestId. */
  requestId?: string;
  /** Upstream trace id (`X-TC-TraceId`). */
  traceId?: string;
  /**
   * Why there is no code: CIAM answered a non-200 status (`'http'`, 502), the call timed out
   * (`'timeout'`, 504) or the connection failed (`'network'`, 502).
   */
  failure?: 'http' | 'timeout' | 'network';
  /** Upstream HTTP status, for `failure: 'http'`. */
  httpCode?: number;
  /** Values for the app's own use (logs, hooks); never sent to clients. */
  params?: Readonly<Record<string, unknown>>;
}
