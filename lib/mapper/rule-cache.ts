import { MAX_CODE_LENGTH, isCiamCodeSyntax } from '../catalog/ciam-code.util.js';
import { CIAM_ERROR_MAP_METADATA } from '../ciam-errors.constants.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import type { NormalizedOverride } from '../options/override-map.util.js';
import { buildRule } from './ciam-error-rules.js';
import type { CiamRule, OverrideLevels, RuleInputs } from './ciam-error-rules.js';

type Fn = Function;
type OverrideTable = ReadonlyMap<string, NormalizedOverride>;

/**
 * Rule cache entries remembered across all routes with `@CiamErrorMap` maps. A route holds at most
 * one per known code and one per known prefix (plus one for codes under none), whatever the codes
 * it meets; this caps the total however many routes there are. Past it, answers are still right,
 * just built again. The app-wide table is bounded by the known codes alone.
 */
const MAX_ROUTE_RULES = 16_384;

/** Override levels of one route and the rules built under them. */
interface RouteTable {
  /** Highest first: handler, controller, the `overrides` option. */
  readonly levels: OverrideLevels;
  /** The route's own `@CiamErrorMap` levels; none for the app-wide table. */
  readonly own: OverrideLevels;
  /** Rules of the known codes (catalog or override keys), by code. */
  readonly rules: Map<string, CiamRule>;
  /**
   * Rules of the unknown codes, by their longest known prefix (`''` for none): an unknown code's
   * answer depends on that prefix alone, so the codes under it share one rule.
   */
  readonly under: Map<string, CiamRule>;
}

/** The rules of transport failures and malformed codes, which no override reaches. */
type FailureRules = Record<
  'network' | 'timeout' | 'http' | 'httpRetryable' | 'unknown' | 'internal',
  CiamRule
>;

/**
 * The rule of every error a mapper met, per route: built once (merging the route's
 * `@CiamErrorMap` levels with the `overrides` option and the catalog), then only looked up.
 * Bounded whatever the codes and routes (see {@link MAX_ROUTE_RULES}).
 */
export class RuleCache {
  readonly failures: FailureRules;
  private readonly baseTable: RouteTable;
  private readonly routeTables = new WeakMap<Fn, WeakMap<Fn, RouteTable>>();
  /** Cache entries held by route tables, against {@link MAX_ROUTE_RULES}. */
  private routeRules = 0;

  constructor(
    private readonly inputs: RuleInputs,
    private readonly options: OverrideTable,
    /** Called with each `@CiamErrorMap` map when a route first meets an error. */
    private readonly onRouteMap: (
      target: 'controller' | 'handler',
      map: OverrideTable,
      controller?: Fn,
      handler?: Fn,
    ) => void,
  ) {
    this.baseTable = { levels: [options], own: [], rules: new Map(), under: new Map() };
    const none: OverrideLevels = [];
    this.failures = {
      network: buildRule(inputs, none, undefined, { status: 502, retryable: true }),
      timeout: buildRule(inputs, none, undefined, { status: 504, retryable: true }),
      http: buildRule(inputs, none, undefined, { status: 502, retryable: false }),
      httpRetryable: buildRule(inputs, none, undefined, { status: 502, retryable: true }),
      unknown: buildRule(inputs, none, undefined, {}),
      internal: buildRule(inputs, none, undefined, { status: 500 }),
    };
  }

  /** Rule cache entries held, app-wide and per route: bounded whatever the traffic. */
  get size(): number {
    return this.baseTable.rules.size + this.baseTable.under.size + this.routeRules;
  }

  /** The rule of an extracted error on a route (none: the app-wide rules). */
  ruleFor(info: CiamErrorInfo, controller?: Fn, handler?: Fn): CiamRule {
    const { code } = info;
    if (code === undefined) {
      if (info.failure === 'timeout') return this.failures.timeout;
      if (info.failure === 'http') {
        const upstream = info.httpCode ?? 0;
        return upstream >= 500 || upstream === 429
          ? this.failures.httpRetryable
          : this.failures.http;
      }
      return this.failures.network;
    }
    // A custom extractor's code is not cut to length: don't hash a huge string on every request.
    if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) return this.failures.unknown;
    const table = this.tableFor(controller, handler);
    // The hot path: a known code met before on this route.
    return table.rules.get(code) ?? this.uncachedRule(table, code);
  }

  /**
   * The rule of a code not cached under its own name: an unknown code (answered by its longest
   * known prefix, so it shares that prefix's rule) or a known code met for the first time. One
   * walk over the code's dotted prefixes, at most 64 for a 128-character code.
   */
  private uncachedRule(table: RouteTable, code: string): CiamRule {
    if (!isCiamCodeSyntax(code)) return this.failures.unknown;
    const { catalog } = this.inputs;
    const options = this.options;
    const isRoute = table !== this.baseTable;
    let known: string | undefined; // the longest known prefix, or the code itself
    let covered = false; // whether a map of the route itself has the code or a prefix of it
    for (let candidate = code; ;) {
      const own = isRoute && hasKey(table.own, candidate);
      if (known === undefined && (own || catalog.has(candidate) || options.has(candidate))) {
        known = candidate;
      }
      covered ||= own;
      if (known !== undefined && (covered || !isRoute)) break;
      const dot = candidate.lastIndexOf('.');
      if (dot === -1) break;
      candidate = candidate.slice(0, dot);
    }
    const exact = known === code;
    const key = known ?? '';
    const cache = exact ? table.rules : table.under;
    let rule = exact ? undefined : cache.get(key);
    if (rule !== undefined) return rule;
    if (isRoute && !covered) {
      // No map of the route reaches the code: the app-wide rule is its rule, shared.
      const shared = exact ? this.baseTable.rules : this.baseTable.under;
      rule = shared.get(key);
      if (rule === undefined) {
        rule = buildRule(this.inputs, this.baseTable.levels, code);
        shared.set(key, rule); // at most one per known code and one per known prefix, plus one
      }
    } else {
      rule = buildRule(this.inputs, table.levels, code);
    }
    if (!isRoute) {
      cache.set(key, rule);
    } else if (this.routeRules < MAX_ROUTE_RULES) {
      cache.set(key, rule);
      this.routeRules++;
    }
    return rule;
  }

  /** The override levels of a route, merged once and cached by handler and controller. */
  private tableFor(controller?: Fn, handler?: Fn): RouteTable {
    if (controller === undefined && handler === undefined) return this.baseTable;
    const first = handler ?? controller!;
    const second = controller ?? first;
    let byController = this.routeTables.get(first);
    let table = byController?.get(second);
    if (table) return table;
    const own: OverrideTable[] = [];
    for (const target of [handler, controller]) {
      const map = target && overridesOf(target);
      if (!map) continue;
      own.push(map);
      this.onRouteMap(target === handler ? 'handler' : 'controller', map, controller, handler);
    }
    table =
      own.length === 0
        ? this.baseTable
        : { levels: [...own, this.options], own, rules: new Map(), under: new Map() };
    if (!byController) this.routeTables.set(first, (byController = new WeakMap()));
    byController.set(second, table);
    return table;
  }
}

/** Whether any of the override levels has `key`. */
function hasKey(levels: OverrideLevels, key: string): boolean {
  for (const level of levels) if (level.has(key)) return true;
  return false;
}

/** The validated `@CiamErrorMap` table of a controller or handler. */
export function overridesOf(target: Fn): OverrideTable | undefined {
  return Reflect.getMetadata(CIAM_ERROR_MAP_METADATA, target) as OverrideTable | undefined;
}
