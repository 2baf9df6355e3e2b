import { clipUpstreamText } from '../extraction/upstream-text.util.js';
import { safeId } from '../utils/safe-id.util.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { CiamTelemetryOptions } from '../interfaces/ciam-telemetry-options.interface.js';
import { ERROR_COUNTS } from './error-counts.js';
import type { OtelApi, OtelAttributes } from './otel-api.interface.js';

/**
 * Where an error was answered, for the counter's `ciam.context`: the filter's context (`http`,
 * `graphql`, `rpc`, `grpc`, `ws`, or another context type of Nest's), or `direct` for a call of
 * `CiamErrorMapper.resolve`. A handful of values whatever the traffic.
 */
export type CiamTelemetryContext = string;

/** What the log line needs to join the active trace. */
export interface CiamTraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/** `SpanStatusCode.ERROR` of the OpenTelemetry API (a stable value of its 1.x line). */
const SPAN_STATUS_ERROR = 2;
/** `exception.type` of a thrown value that is no `Error` (an envelope, a custom shape). */
const NON_ERROR_TYPE = 'CiamError';
const MAX_TYPE_LENGTH = 128;

/**
 * Loads `@opentelemetry/api` if the app has it. Any failure (not installed, an incompatible
 * copy) means "no telemetry": the package works the same without it. A dynamic import, so that
 * an app without the package never fails to load this module.
 */
async function loadOpenTelemetry(): Promise<OtelApi | undefined> {
  try {
    // `as string`: neither TypeScript nor a bundler may resolve the optional package at build time.
    const api = (await import('@opentelemetry/api' as string)) as Partial<OtelApi>;
    return typeof api.trace?.getActiveSpan === 'function' &&
      typeof api.trace.isSpanContextValid === 'function' &&
      typeof api.metrics?.getMeterProvider === 'function'
      ? (api as OtelApi)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records handled CIAM errors as OpenTelemetry signals: an `exception` event on the active span
 * (ERROR status for 5xx answers) and one count in the counter `ciam.errors`. Never throws, and
 * never records the client text or anything from the request: telemetry cannot change an answer
 * nor leak one.
 *
 * `CiamErrorsModule` makes one at start-up from the `telemetry` option; a mapper built with
 * `new CiamErrorMapper(options)` has none unless given one.
 *
 * @example
 * const mapper = new CiamErrorMapper(options, await CiamTelemetry.create({ metrics: false }));
 * @publicApi
 */
export class CiamTelemetry {
  private constructor(
    private readonly api: OtelApi,
    /** Span events and status, and the ids in log lines. */
    readonly traces: boolean,
    /** The `ciam.errors` counter. */
    readonly metrics: boolean,
  ) {
    // An SDK started before the app (as it should be) gets the counter now.
    if (metrics) this.attachCounter();
  }

  /**
   * Loads `@opentelemetry/api` and returns the recorder, or `undefined` when both signals are
   * off or the package is not installed (then nothing is recorded, at no cost).
   */
  static async create(options: CiamTelemetryOptions = {}): Promise<CiamTelemetry | undefined> {
    const traces = options.traces ?? true;
    const metrics = options.metrics ?? true;
    if (!traces && !metrics) return undefined;
    const api = await loadOpenTelemetry();
    return api ? new CiamTelemetry(api, traces, metrics) : undefined;
  }

  /**
   * @internal The ids of the active span, for the log line; `undefined` when tracing is off, or
   * there is no span with valid ids.
   */
  traceIds(): CiamTraceIds | undefined {
    if (!this.traces) return undefined;
    try {
      const context = this.api.trace.getActiveSpan()?.spanContext();
      if (context === undefined || !this.api.trace.isSpanContextValid(context)) return undefined;
      return { traceId: context.traceId, spanId: context.spanId };
    } catch {
      return undefined;
    }
  }

  /**
   * @internal One answered error: an event on the active span, one count. The filter and
   * `CiamErrorMapper.resolve` call it, once per error.
   *
   * @param error What was thrown: only the name of its class is recorded (`exception.type`).
   * @param context Where it was answered (`http`, `graphql`, …, `direct`).
   * @param route The route pattern (`/users/:id`) over HTTP, where the platform gives it; never a
   *   concrete path, which can be unbounded and carry identifiers.
   */
  record(
    problem: CiamProblem,
    error: unknown,
    context: CiamTelemetryContext,
    route?: string,
  ): void {
    if (this.traces) this.recordOnSpan(problem, error);
    if (this.metrics) this.count(problem, context, route);
  }

  private recordOnSpan(problem: CiamProblem, error: unknown): void {
    try {
      const span = this.api.trace.getActiveSpan();
      // Nothing to build for a span that records nothing (no SDK, or not sampled).
      if (span === undefined || !span.isRecording()) return;
      // The upstream facts only: never the client text, nor anything from the request.
      const attributes: OtelAttributes = {
        'exception.type': typeOf(error),
        'ciam.public_code': problem.code,
        'http.response.status_code': problem.status,
      };
      const { upstreamCode, upstreamMessage } = problem;
      if (upstreamCode !== undefined) attributes['ciam.code'] = upstreamCode;
      if (typeof upstreamMessage === 'string' && upstreamMessage !== '') {
        // Cut as in the log line. CIAM's own text, for operators: the span never reaches clients.
        attributes['exception.message'] = clipUpstreamText(upstreamMessage);
      }
      // Ids only when they look like ids, as in the log line and the body.
      const requestId = safeId(problem.requestId);
      if (requestId !== undefined) attributes['ciam.request_id'] = requestId;
      const traceId = safeId(problem.traceId);
      if (traceId !== undefined) attributes['ciam.trace_id'] = traceId;
      span.addEvent('exception', attributes);
      // A 4xx is the client's doing, not a failure of the server (HTTP semantic conventions).
      if (problem.status >= 500) span.setStatus({ code: SPAN_STATUS_ERROR });
    } catch {
      // A broken tracer must not break the answer.
    }
  }

  private count(problem: CiamProblem, context: CiamTelemetryContext, route?: string): void {
    try {
      // Counted first: a broken MeterProvider must not lose the count for the next one.
      ERROR_COUNTS.add(problem, context, route);
      ERROR_COUNTS.attach(this.api);
    } catch {
      // A broken meter must not break the answer.
    }
  }

  private attachCounter(): void {
    try {
      ERROR_COUNTS.attach(this.api);
    } catch {
      // A broken meter must not break the answer.
    }
  }
}

/** The class name of what was thrown (`CiamException`, `TencentCloudSDKHttpException`, …). */
function typeOf(error: unknown): string {
  if (!(error instanceof Error)) return NON_ERROR_TYPE;
  const name: unknown = error.constructor?.name;
  return typeof name === 'string' && name !== '' ? name.slice(0, MAX_TYPE_LENGTH) : 'Error';
}
