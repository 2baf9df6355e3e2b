import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { CIAM_CODE_DEFAULTS } from '../catalog/ciam-code-defaults.js';
import type { CiamCodeDefaults } from '../catalog/ciam-error-catalog.interface.js';
import { MAX_CODE_LENGTH, isCiamCodeSyntax } from '../catalog/ciam-code.util.js';
import {
  CIAM_ERRORS_LOGGER_CONTEXT,
  CIAM_ERRORS_OPTIONS,
  CIAM_ERROR_MAP_METADATA,
  CIAM_TELEMETRY,
} from '../ciam-errors.constants.js';
import { extractCiamError } from '../extraction/extract-ciam-error.util.js';
import {
  describeFailure,
  escapeLogValue,
  ignoreRejection,
  writeLog,
} from '../filters/log-line.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';
import type { CiamProblem, CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import { LocaleNegotiator } from '../locale/locale-negotiator.js';
import type { CiamTelemetry } from '../telemetry/ciam-telemetry.js';
import { buildRule, exposureWarning, hiddenCodesExposedByPrefix } from './ciam-error-rules.js';
import type { CiamRule, OverrideLevels, RuleInputs } from './ciam-error-rules.js';
import { resolveCiamErrorsOptions } from './ciam-errors-options.util.js';
import type { NormalizedOverride, ResolvedCiamErrorsOptions } from './ciam-errors-options.util.js';
import { CompiledTexts } from './compiled-texts.js';

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

const NO_CONTEXT: CiamResolveContext = Object.freeze({});

type Fn = Function;

/**
 * Resolves any thrown value into a {@link CiamProblem} (or `undefined` when it is not a CIAM
 * error): status, public code, localized title and message. The filter uses it; call it
 * yourself from GraphQL resolvers, queue workers or anywhere else.
 *
 * Everything that does not depend on the request is computed once: per route the merged
 * override tables, per code and route the answer in every locale.
 *
 * With the `telemetry` option and `@opentelemetry/api` installed, each error `resolve` answers
 * is recorded on the active span and counted in `ciam.errors` (`ciam.context="direct"`); the
 * filter records the errors it answers itself, once each.
 *
 * @example
 * const problem = mapper.resolve(err, { acceptLanguage: 'zh-TW' });
 * if (problem) job.fail(`${problem.code}: ${problem.detail}`);
 * @publicApi
 */
@Injectable()
export class CiamErrorMapper {
  /** Validated options with defaults applied. */
  readonly options: ResolvedCiamErrorsOptions;
  /** Where the mapper and the filter write; `undefined` when logging is off. */
  readonly logger: LoggerService | undefined;
  /**
   * @internal What records errors for OpenTelemetry; `undefined` (nothing to do) without
   * `@opentelemetry/api`, with both signals off, or for a mapper built without one.
   */
  readonly telemetry: CiamTelemetry | undefined;
  /** Problems answered as a success (see `isSilent`): only the filter asks, right after. */
  private readonly silentProblems = new WeakSet<CiamProblem>();
  private readonly negotiator: LocaleNegotiator;
  private readonly inputs: RuleInputs;
  private readonly baseTable: RouteTable;
  private readonly routeTables = new WeakMap<Fn, WeakMap<Fn, RouteTable>>();
  /** Cache entries held by route tables, against {@link MAX_ROUTE_RULES}. */
  private routeRules = 0;
  /** Override maps already checked for codes they expose (each is reported once). */
  private readonly checkedMaps = new WeakSet<object>();
  /** Whether a thenable from `resolveLocale` was reported (once is enough). */
  private thenableReported = false;
  private readonly failureRules: Record<
    'network' | 'timeout' | 'http' | 'httpRetryable' | 'unknown' | 'internal',
    CiamRule
  >;

  constructor(
    @Optional() @Inject(CIAM_ERRORS_OPTIONS) options?: CiamErrorsModuleOptions,
    /** From `CiamTelemetry.create(options.telemetry)`; the module passes its own. */
    @Optional() @Inject(CIAM_TELEMETRY) telemetry?: CiamTelemetry,
    /** @internal A different catalog, for benchmarks of large catalogs. */
    @Optional() catalog: ReadonlyMap<string, CiamCodeDefaults> = CATALOG,
  ) {
    this.options = resolveCiamErrorsOptions(options ?? {});
    this.telemetry = telemetry ?? undefined;
    const { logger, locales, defaultLocale } = this.options;
    this.logger = logger === false ? undefined : (logger ?? new Logger(CIAM_ERRORS_LOGGER_CONTEXT));
    this.negotiator = new LocaleNegotiator(locales, defaultLocale);
    this.inputs = {
      catalog,
      texts: new CompiledTexts(locales, defaultLocale, this.options.messages),
      fallbackStatus: this.options.fallbackStatus,
      typeBaseUrl: this.options.typeBaseUrl,
    };
    this.baseTable = {
      levels: [this.options.overrideTable],
      own: [],
      rules: new Map(),
      under: new Map(),
    };
    this.warnAboutExposure('the overrides option', this.options.overrideTable);
    const none: OverrideLevels = [];
    this.failureRules = {
      network: buildRule(this.inputs, none, undefined, { status: 502, retryable: true }),
      timeout: buildRule(this.inputs, none, undefined, { status: 504, retryable: true }),
      http: buildRule(this.inputs, none, undefined, { status: 502, retryable: false }),
      httpRetryable: buildRule(this.inputs, none, undefined, { status: 502, retryable: true }),
      unknown: buildRule(this.inputs, none, undefined, {}),
      internal: buildRule(this.inputs, none, undefined, { status: 500 }),
    };
  }

  /**
   * The problem to answer for `error`, or `undefined` when it is not a CIAM error.
   *
   * @param context `locale` wins; else `resolveLocale(request, host)`, then `acceptLanguage` or
   *   the Accept-Language of `request`; `controller`/`handler` select `@CiamErrorMap` overrides.
   */
  resolve(error: unknown, context: CiamResolveContext = NO_CONTEXT): CiamProblem | undefined {
    const problem = this.resolveUnrecorded(error, context);
    // Direct callers (resolvers, workers) are recorded here; the filter records on its own.
    const telemetry = this.telemetry;
    if (telemetry !== undefined && problem !== undefined) {
      telemetry.record(problem, error, 'direct');
    }
    return problem;
  }

  /**
   * @internal `resolve` without recording anything: for the filter, which records each error it
   * answers once itself (with its context and route), and for documents built at start-up.
   */
  resolveUnrecorded(
    error: unknown,
    context: CiamResolveContext = NO_CONTEXT,
  ): CiamProblem | undefined {
    const info = this.extract(error);
    if (info === undefined) return undefined;
    // Plain JavaScript callers may pass anything: what is not of the documented type is ignored.
    if (typeof context !== 'object' || context === null) context = NO_CONTEXT;
    const { controller, handler } = context;
    const rule = this.ruleFor(
      info,
      typeof controller === 'function' ? controller : undefined,
      typeof handler === 'function' ? handler : undefined,
    );
    const text = rule.texts.get(this.localeFor(context))!;
    const problem: CiamProblem = {
      status: rule.status,
      code: rule.code,
      // Only codes that passed the syntax check have a code-specific rule.
      upstreamCode: rule.upstream ? info.code : undefined,
      title: text.title,
      detail: text.detail,
      locale: text.locale,
      type: rule.type,
      retryable: rule.retryable,
      retryAfter: rule.retryAfter,
      requestId: info.requestId,
      traceId: info.traceId,
      upstreamMessage: info.upstreamMessage,
    };
    if (rule.silent) this.silentProblems.add(problem);
    return problem;
  }

  /**
   * @internal Whether `problem` (as this mapper resolved it) is hidden behind a success answer:
   * an override gave its code a 2xx status. The filter then answers as a handler that returned
   * nothing.
   */
  isSilent(problem: CiamProblem): boolean {
    return this.silentProblems.has(problem);
  }

  /**
   * @internal A generic 500 in `locale`, for when answering the real problem failed (a custom
   * format threw).
   */
  internalError(locale: string): CiamProblem {
    const rule = this.failureRules.internal;
    const text = rule.texts.get(locale) ?? rule.texts.get(this.options.defaultLocale)!;
    return {
      status: rule.status,
      code: rule.code,
      title: text.title,
      detail: text.detail,
      locale: text.locale,
      type: rule.type,
      retryable: false,
    };
  }

  /** The custom `extract` option first, then the built-in extractors. */
  private extract(error: unknown): CiamErrorInfo | undefined {
    const custom = this.options.extract;
    if (custom) {
      try {
        const info: unknown = custom(error);
        if (info) {
          // Synchronous, as the filter's matcher needs: a promise is its failure ("not a CIAM
          // error"), and its outcome is nobody's (never an unhandled rejection).
          if (!ignoreRejection(info)) return info as CiamErrorInfo;
          this.reportFailure(
            'extract',
            'extract returned a promise (or another thenable), which is not awaited: it must be synchronous',
          );
        }
      } catch (failure) {
        this.reportFailure('extract', failure);
      }
    }
    return extractCiamError(error);
  }

  private ruleFor(info: CiamErrorInfo, controller?: Fn, handler?: Fn): CiamRule {
    const { code } = info;
    if (code === undefined) {
      if (info.failure === 'timeout') return this.failureRules.timeout;
      if (info.failure === 'http') {
        const upstream = info.httpCode ?? 0;
        return upstream >= 500 || upstream === 429
          ? this.failureRules.httpRetryable
          : this.failureRules.http;
      }
      return this.failureRules.network;
    }
    // A custom extractor's code is not cut to length: don't hash a huge string on every request.
    if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) return this.failureRules.unknown;
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
    if (!isCiamCodeSyntax(code)) return this.failureRules.unknown;
    const { catalog } = this.inputs;
    const options = this.options.overrideTable;
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

  /** @internal Rule cache entries held, app-wide and per route: bounded whatever the traffic. */
  get cachedRuleCount(): number {
    return this.baseTable.rules.size + this.baseTable.under.size + this.routeRules;
  }

  /**
   * @internal At start-up (`CiamErrorsModule` calls it for every controller, resolver and
   * gateway class): the exposure warning of the `@CiamErrorMap` maps on `target` and its
   * `handlers`, so that it is read when the app starts rather than at the first failure.
   */
  reviewOverrideMaps(target: Fn, handlers: readonly Fn[]): void {
    const own = overridesOf(target);
    if (own) this.warnAboutExposure(`@CiamErrorMap on ${escapeLogValue(nameOf(target))}`, own);
    for (const handler of handlers) {
      const map = overridesOf(handler);
      if (!map) continue;
      const name = `${nameOf(target)}.${nameOf(handler)}`;
      this.warnAboutExposure(`@CiamErrorMap on ${escapeLogValue(name)}`, map);
    }
  }

  /**
   * Warns, once per map, when a prefix key of an override map exposes codes the catalog hides
   * (`FailedOperation: { expose: true }` shows `FailedOperation.InvalidTenant`).
   */
  private warnAboutExposure(where: string, map: ReadonlyMap<string, NormalizedOverride>): void {
    if (this.checkedMaps.has(map)) return;
    this.checkedMaps.add(map);
    if (this.logger === undefined) return;
    const warning = exposureWarning(where, hiddenCodesExposedByPrefix(this.inputs.catalog, map));
    if (warning !== undefined) writeLog(this.logger, 'warn', warning);
  }

  /** The override levels of a route, merged once and cached by handler and controller. */
  private tableFor(controller?: Fn, handler?: Fn): RouteTable {
    if (controller === undefined && handler === undefined) return this.baseTable;
    const first = handler ?? controller!;
    const second = controller ?? first;
    let byController = this.routeTables.get(first);
    let table = byController?.get(second);
    if (table) return table;
    const own: ReadonlyMap<string, NormalizedOverride>[] = [];
    for (const target of [handler, controller]) {
      const map = target && overridesOf(target);
      if (!map) continue;
      own.push(map);
      const name = target === handler ? `${nameOf(controller)}.${nameOf(handler)}` : nameOf(target);
      // Class and method names can be set at run time: escaped like any logged value.
      this.warnAboutExposure(`@CiamErrorMap on ${escapeLogValue(name)}`, map);
    }
    table =
      own.length === 0
        ? this.baseTable
        : {
            levels: [...own, this.options.overrideTable],
            own,
            rules: new Map(),
            under: new Map(),
          };
    if (!byController) this.routeTables.set(first, (byController = new WeakMap()));
    byController.set(second, table);
    return table;
  }

  private localeFor(context: CiamResolveContext): string {
    const wanted: unknown = context.locale;
    if (typeof wanted === 'string' && wanted) {
      const locale = this.negotiator.match(wanted);
      if (locale) return locale;
    }
    const request: unknown = context.request;
    if (request && this.options.resolveLocale) {
      try {
        const chosen: unknown = this.options.resolveLocale(request, context.host);
        if (typeof chosen === 'string') {
          const locale = this.negotiator.match(chosen);
          if (locale) return locale;
        } else if (ignoreRejection(chosen)) {
          this.reportThenableOnce();
        }
      } catch (failure) {
        this.reportFailure('resolveLocale', failure);
      }
    }
    const given: unknown = context.acceptLanguage;
    const header =
      typeof given === 'string' ? given : request ? acceptLanguageOf(request) : undefined;
    return this.negotiator.fromAcceptLanguage(header);
  }

  /**
   * `resolveLocale` is synchronous: a Promise it returns is its failure. Its outcome is
   * ignored (and can never become an unhandled rejection); it is reported once.
   */
  private reportThenableOnce(): void {
    if (this.thenableReported) return;
    this.thenableReported = true;
    this.reportFailure(
      'resolveLocale',
      new Error(
        'resolveLocale returned a Promise (or another thenable), which is ignored: it must ' +
          'return the locale synchronously. Reported once.',
      ),
    );
  }

  /**
   * Logs a failure of an app-supplied function (it threw, or the promise it returned
   * `rejected`); the caller carries on without it. Never throws, whatever the logger does: a
   * rejection of this line itself is dropped, so a failing logger cannot loop.
   */
  reportFailure(what: string, failure: unknown, how: 'threw' | 'rejected' = 'threw'): void {
    const logger = this.logger;
    if (logger === undefined) return;
    // Escaped, message and stack alike: a hook's error can quote request data.
    const { message, stack } = describeFailure(failure);
    const line = `CiamErrorsModule: the ${escapeLogValue(what)} function ${how}: ${message}`;
    writeLog(logger, 'error', line, stack);
  }
}

const CATALOG: ReadonlyMap<string, CiamCodeDefaults> = new Map(Object.entries(CIAM_CODE_DEFAULTS));

/** Whether any of the override levels has `key`. */
function hasKey(levels: OverrideLevels, key: string): boolean {
  for (const level of levels) if (level.has(key)) return true;
  return false;
}

/** A class or method name for messages. */
function nameOf(target: Fn | undefined): string {
  const name: unknown = target?.name;
  return typeof name === 'string' && name !== '' ? name : '(anonymous)';
}

/** The request's Accept-Language header; a request whose headers cannot be read has none. */
function acceptLanguageOf(request: unknown): string | undefined {
  try {
    const headers: unknown = (request as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return undefined;
    const value: unknown = (headers as Record<string, unknown>)['accept-language'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The validated `@CiamErrorMap` table of a controller or handler. */
function overridesOf(target: Fn): ReadonlyMap<string, NormalizedOverride> | undefined {
  return Reflect.getMetadata(CIAM_ERROR_MAP_METADATA, target) as
    ReadonlyMap<string, NormalizedOverride> | undefined;
}
