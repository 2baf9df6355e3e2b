import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { CIAM_CODE_DEFAULTS } from '../catalog/ciam-code-defaults.js';
import type { CiamCodeDefaults } from '../catalog/ciam-error-catalog.interface.js';
import { MAX_CODE_LENGTH, isCiamCodeSyntax } from '../catalog/ciam-code.util.js';
import {
  CIAM_ERRORS_LOGGER_CONTEXT,
  CIAM_ERRORS_OPTIONS,
  CIAM_ERROR_MAP_METADATA,
} from '../ciam-errors.constants.js';
import { extractCiamError } from '../extraction/extract-ciam-error.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';
import type { CiamProblem, CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import { LocaleNegotiator } from '../locale/locale-negotiator.js';
import { buildRule } from './ciam-error-rules.js';
import type { CiamRule, OverrideLevels, RuleInputs } from './ciam-error-rules.js';
import { resolveCiamErrorsOptions } from './ciam-errors-options.util.js';
import type { NormalizedOverride, ResolvedCiamErrorsOptions } from './ciam-errors-options.util.js';
import { CompiledTexts } from './compiled-texts.js';

/** Rules remembered per route; codes past this are still resolved, just not cached. */
const MAX_RULES_PER_ROUTE = 2048;

/** Override levels of one route and the rules built under them. */
interface RouteTable {
  readonly levels: OverrideLevels;
  readonly rules: Map<string, CiamRule>;
}

type Fn = Function;

/**
 * Resolves any thrown value into a {@link CiamProblem} (or `undefined` when it is not a CIAM
 * error): status, public code, localized title and message. The filter uses it; call it
 * yourself from GraphQL resolvers, queue workers or anywhere else.
 *
 * Everything that does not depend on the request is computed once: per route the merged
 * override tables, per code and route the answer in every locale.
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
  private readonly negotiator: LocaleNegotiator;
  private readonly inputs: RuleInputs;
  private readonly baseTable: RouteTable;
  private readonly routeTables = new WeakMap<Fn, WeakMap<Fn, RouteTable>>();
  private readonly failureRules: Record<
    'network' | 'timeout' | 'http' | 'httpRetryable' | 'unknown' | 'internal',
    CiamRule
  >;

  constructor(
    @Optional() @Inject(CIAM_ERRORS_OPTIONS) options?: CiamErrorsModuleOptions,
    /** @internal A different catalog, for benchmarks of large catalogs. */
    @Optional() catalog: ReadonlyMap<string, CiamCodeDefaults> = CATALOG,
  ) {
    this.options = resolveCiamErrorsOptions(options ?? {});
    const { logger, locales, defaultLocale } = this.options;
    this.logger = logger === false ? undefined : (logger ?? new Logger(CIAM_ERRORS_LOGGER_CONTEXT));
    this.negotiator = new LocaleNegotiator(locales, defaultLocale);
    this.inputs = {
      catalog,
      texts: new CompiledTexts(locales, defaultLocale, this.options.messages),
      fallbackStatus: this.options.fallbackStatus,
      typeBaseUrl: this.options.typeBaseUrl,
    };
    this.baseTable = { levels: [this.options.overrideTable], rules: new Map() };
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
   * @param context `locale` wins; else `resolveLocale` and Accept-Language on `request` (or
   *   `acceptLanguage`); `controller`/`handler` select `@CiamErrorMap` overrides.
   */
  resolve(error: unknown, context: CiamResolveContext = {}): CiamProblem | undefined {
    const info = this.extract(error);
    if (info === undefined) return undefined;
    const rule = this.ruleFor(info, context.controller, context.handler);
    const text = rule.texts.get(this.localeFor(context))!;
    return {
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
        const info = custom(error);
        if (info) return info;
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
    if (code.length > MAX_CODE_LENGTH) return this.failureRules.unknown;
    const table = this.tableFor(controller, handler);
    let rule = table.rules.get(code);
    if (rule === undefined) {
      if (!isCiamCodeSyntax(code)) return this.failureRules.unknown;
      rule = buildRule(this.inputs, table.levels, code);
      if (table.rules.size < MAX_RULES_PER_ROUTE) table.rules.set(code, rule);
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
    const levels: ReadonlyMap<string, NormalizedOverride>[] = [];
    for (const target of [handler, controller]) {
      const map = target && overridesOf(target);
      if (map) levels.push(map);
    }
    table =
      levels.length === 0
        ? this.baseTable
        : { levels: [...levels, this.options.overrideTable], rules: new Map() };
    if (!byController) this.routeTables.set(first, (byController = new WeakMap()));
    byController.set(second, table);
    return table;
  }

  private localeFor(context: CiamResolveContext): string {
    if (context.locale) {
      const locale = this.negotiator.match(context.locale);
      if (locale) return locale;
    }
    const request = context.request as { headers?: Record<string, unknown> } | undefined;
    if (request && this.options.resolveLocale) {
      try {
        const wanted = this.options.resolveLocale(request);
        const locale = typeof wanted === 'string' ? this.negotiator.match(wanted) : undefined;
        if (locale) return locale;
      } catch (failure) {
        this.reportFailure('resolveLocale', failure);
      }
    }
    const header = context.acceptLanguage ?? request?.headers?.['accept-language'];
    return this.negotiator.fromAcceptLanguage(typeof header === 'string' ? header : undefined);
  }

  /** Logs a failure of an app-supplied function; the caller carries on without it. */
  reportFailure(what: string, failure: unknown): void {
    try {
      this.logger?.error(
        `CiamErrorsModule: the ${what} function threw: ${failure instanceof Error ? failure.message : String(failure)}`,
        failure instanceof Error ? failure.stack : undefined,
      );
    } catch {
      // A logger that throws has nowhere left to report to.
    }
  }
}

const CATALOG: ReadonlyMap<string, CiamCodeDefaults> = new Map(Object.entries(CIAM_CODE_DEFAULTS));

/** The validated `@CiamErrorMap` table of a controller or handler. */
function overridesOf(target: Fn): ReadonlyMap<string, NormalizedOverride> | undefined {
  return Reflect.getMetadata(CIAM_ERROR_MAP_METADATA, target) as
    ReadonlyMap<string, NormalizedOverride> | undefined;
}
