/**
 * The `telemetry` option: OpenTelemetry traces and metrics of every handled CIAM error, through
 * the optional peer dependency `@opentelemetry/api`. Without it installed, nothing is recorded
 * and nothing changes; with it, both signals are on unless turned off here.
 *
 * @example
 * CiamErrorsModule.forRoot({ telemetry: { metrics: false } }); // span events only
 * @publicApi
 */
export interface CiamTelemetryOptions {
  /**
   * An `exception` event on the active span (upstream and public code, status, RequestId and
   * trace id; never the client text nor anything from the request), ERROR status on the span
   * for 5xx answers, and the span's `trace_id` and `span_id` at the end of the filter's log
   * line. Default `true`.
   */
  readonly traces?: boolean;
  /**
   * The counter `ciam.errors` (asynchronous: reported when the SDK collects), through the global
   * MeterProvider, by public code, upstream code (catalog codes only, else `other`), status,
   * context and route pattern. Default `true`.
   */
  readonly metrics?: boolean;
}
