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
   * Why there is no code: CIAM answered a non-200 status (`'http'`, 502), the call or the
   * reading of the answer timed out (`'timeout'`, 504), the connection failed before or during
   * the answer (`'network'`, 502), or a 200 answer was no CIAM response: not JSON, no `Response`
   * object (`'invalid-response'`, 502). Retryable, except `'http'` with a status below 500 other
   * than 429.
   */
  failure?: 'http' | 'timeout' | 'network' | 'invalid-response';
  /** Upstream HTTP status, for `failure: 'http'`. */
  httpCode?: number;
  /** Values for the app's own use (logs, hooks); never sent to clients. */
  params?: Readonly<Record<string, unknown>>;
  /**
   * Set for errors of the authentication API: the endpoint that answered (`token`, `userinfo`,
   * `userinfo_update`, `change_password`, `reset_password`, `otp_send`, `revoke`…, or `other`).
   */
  endpoint?: string;
  /** The HTTP status the tenant host answered with, for logs. */
  upstreamStatus?: number;
  /** The upstream `Retry-After` in whole seconds, where it sent one. */
  retryAfter?: number;
}
