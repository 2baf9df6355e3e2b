import { CATALOG_CODES } from '../catalog/catalog-codes.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { OtelApi, OtelAttributes, OtelObservableResult } from './otel-api.interface.js';

/** Upstream codes outside the catalog count as one value, so that the counter stays bounded. */
const OTHER_CODE = 'other';
/** The instrumentation scope (`otel_scope_name` in Prometheus) of the counter. */
const METER_NAME = 'nestjs-ciam-errors';
const COUNTER_NAME = 'ciam.errors';
const COUNTER_OPTIONS = {
  description: 'CIAM errors answered, by public code, upstream code, status, context and route',
  unit: '{error}',
};

/** One series of the counter: its attributes, made once, and how many errors it counted. */
interface Series {
  readonly attributes: OtelAttributes;
  count: number;
}
/** Series by context, route, public code, upstream code (or `other`) and status. */
type Level = Map<string | number | undefined, Level | Series>;

function levelOf(map: Level, key: string | number | undefined): Level {
  let next = map.get(key) as Level | undefined;
  if (next === undefined) map.set(key, (next = new Map()));
  return next;
}

/**
 * The counts of `ciam.errors`, kept here and reported by an asynchronous (observable) counter
 * when the SDK collects: exported exactly as a synchronous counter would be (a monotonic sum),
 * but the SDK's synchronous `add` sorts and serializes the attributes on every call (1.4 µs per
 * error, measured), where this costs a few map lookups and allocates only for a series met the
 * first time. One table for the process (for this copy of the package): apps that answer the
 * same series add up, as a synchronous counter's would.
 */
export class ErrorCounts {
  private readonly root: Level = new Map();
  private readonly series: Series[] = [];
  /** Providers the counter is registered with: once each. */
  private readonly providers = new WeakSet<object>();
  private provider: object | undefined;
  private readonly report = (result: OtelObservableResult): void => {
    for (const { count, attributes } of this.series) result.observe(count, attributes);
  };

  /**
   * Registers the counter with the global MeterProvider when it is one not seen yet. The metrics
   * API has no proxy provider: one registered after the app started is found here, on the next
   * error, and reports every count since the start.
   */
  attach(api: OtelApi): void {
    const provider = api.metrics.getMeterProvider();
    if (provider === this.provider) return;
    this.provider = provider;
    if (this.providers.has(provider)) return;
    this.providers.add(provider);
    provider
      .getMeter(METER_NAME)
      .createObservableCounter(COUNTER_NAME, COUNTER_OPTIONS)
      .addCallback(this.report);
  }

  add(problem: CiamProblem, context: string, route: string | undefined): void {
    const upstream = problem.upstreamCode;
    const code = upstream !== undefined && CATALOG_CODES.has(upstream) ? upstream : OTHER_CODE;
    const { code: publicCode, status } = problem;
    const statuses = levelOf(
      levelOf(levelOf(levelOf(this.root, context), route), publicCode),
      code,
    );
    let series = statuses.get(status) as Series | undefined;
    if (series === undefined) {
      // Bounded attributes only: public codes, catalog codes, statuses, contexts, the app's routes.
      const attributes: OtelAttributes = {
        'ciam.public_code': publicCode,
        'ciam.code': code,
        'http.response.status_code': status,
        'ciam.context': context,
      };
      if (route !== undefined) attributes['http.route'] = route;
      // Handed to the SDK at every collection: nobody may change them.
      series = { attributes: Object.freeze(attributes), count: 0 };
      statuses.set(status, series);
      this.series.push(series);
    }
    series.count++;
  }
}

/** The counts of this copy of the package: one table for every app of the process. */
export const ERROR_COUNTS = new ErrorCounts();
