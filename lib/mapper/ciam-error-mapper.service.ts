import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { CATALOG_DEFAULTS } from '../catalog/catalog-codes.js';
import type { CiamCodeDefaults } from '../catalog/ciam-error-catalog.interface.js';
import {
  CIAM_ERRORS_LOGGER_CONTEXT,
  CIAM_ERRORS_OPTIONS,
  CIAM_TELEMETRY,
} from '../ciam-errors.constants.js';
import { authHostsMatcher, extractWith } from '../extraction/extract-ciam-error.util.js';
import type { AuthHostMatcher } from '../extraction/auth-hosts.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';
import type { CiamProblem, CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import { CompiledTexts } from '../locale/compiled-texts.js';
import { LocaleChooser } from '../locale/locale-chooser.js';
import { findMissingCiamTexts, missingTextsWarning } from '../locale/missing-texts.util.js';
import { resolveCiamErrorsOptions } from '../options/module-options.util.js';
import type { ResolvedCiamErrorsOptions } from '../options/module-options.util.js';
import { describeFailure, escapeLogValue, writeLog } from '../utils/log-text.util.js';
import { ignoreRejection } from '../utils/thenable.util.js';
import type { CiamTelemetry } from '../telemetry/ciam-telemetry.js';
import type { RuleInputs } from './ciam-error-rules.js';
import { problemOf } from './ciam-error-rules.js';
import { ExposureWarnings } from './exposure-warnings.js';
import { RuleCache, overridesOf } from './rule-cache.js';

const NO_CONTEXT: CiamResolveContext = Object.freeze({});

type Fn = Function;

/** The catalog of the mapper being made by `withCatalog`; the catalog itself otherwise. */
let nextCatalog: ReadonlyMap<string, CiamCodeDefaults> | undefined;

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
  private readonly locales: LocaleChooser;
  private readonly inputs: RuleInputs;
  private readonly rules: RuleCache;
  private readonly exposure: ExposureWarnings;
  private readonly authHosts: AuthHostMatcher;

  constructor(
    @Optional() @Inject(CIAM_ERRORS_OPTIONS) options?: CiamErrorsModuleOptions,
    /** From `CiamTelemetry.create(options.telemetry)`; the module passes its own. */
    @Optional() @Inject(CIAM_TELEMETRY) telemetry?: CiamTelemetry,
  ) {
    const catalog = nextCatalog ?? CATALOG_DEFAULTS;
    this.options = resolveCiamErrorsOptions(options ?? {});
    this.telemetry = telemetry ?? undefined;
    const { logger, locales, defaultLocale, resolveLocale } = this.options;
    this.logger = logger === false ? undefined : (logger ?? new Logger(CIAM_ERRORS_LOGGER_CONTEXT));
    this.locales = new LocaleChooser(locales, defaultLocale, resolveLocale, (what, failure) =>
      this.reportFailure(what, failure),
    );
    this.inputs = {
      catalog,
      texts: new CompiledTexts(
        locales,
        defaultLocale,
        this.options.messages,
        this.options.titles as Readonly<Record<string, Readonly<Record<string, string>>>>,
      ),
      fallbackStatus: this.options.fallbackStatus,
      typeBaseUrl: this.options.typeBaseUrl,
    };
    this.authHosts = authHostsMatcher(this.options.authHosts);
    this.exposure = new ExposureWarnings(catalog, this.logger);
    this.rules = new RuleCache(this.inputs, this.options.overrideTable, (level, map, c, h) =>
      this.exposure.check(level === 'handler' ? `${nameOf(c)}.${nameOf(h)}` : nameOf(c), map),
    );
    this.exposure.check(undefined, this.options.overrideTable);
    if (this.logger !== undefined) warnAboutGaps(this.logger, this.options);
  }

  /** @internal A mapper over another catalog, for benchmarks of large catalogs. */
  static withCatalog(
    options: CiamErrorsModuleOptions,
    catalog: ReadonlyMap<string, CiamCodeDefaults>,
  ): CiamErrorMapper {
    nextCatalog = catalog;
    try {
      return new CiamErrorMapper(options);
    } finally {
      nextCatalog = undefined;
    }
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
    const rule = this.rules.ruleFor(
      info,
      typeof controller === 'function' ? controller : undefined,
      typeof handler === 'function' ? handler : undefined,
    );
    const problem = problemOf(rule, info, this.locales.choose(context));
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

  /** @internal A generic 500 in `locale`, for when answering the real problem failed. */
  internalError(locale: string): CiamProblem {
    const rule = this.rules.failures.internal;
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

  /** @internal Rule cache entries held, app-wide and per route: bounded whatever the traffic. */
  get cachedRuleCount(): number {
    return this.rules.size;
  }

  /**
   * @internal At start-up (`CiamErrorsModule` calls it for every controller, resolver and
   * gateway class): the exposure warning of the `@CiamErrorMap` maps on `target` and its
   * `handlers`, so that it is read when the app starts rather than at the first failure.
   */
  reviewOverrideMaps(target: Fn, handlers: readonly Fn[]): void {
    const own = overridesOf(target);
    if (own) this.exposure.check(nameOf(target), own);
    for (const handler of handlers) {
      const map = overridesOf(handler);
      if (map) this.exposure.check(`${nameOf(target)}.${nameOf(handler)}`, map);
    }
  }

  /**
   * @internal Logs a failure of an app's function (it threw, or its promise `rejected`). Never
   * throws; a rejection of this line itself is dropped, so a failing logger cannot loop.
   */
  reportFailure(what: string, failure: unknown, how: 'threw' | 'rejected' = 'threw'): void {
    const logger = this.logger;
    if (logger === undefined) return;
    // Escaped, message and stack alike: a hook's error can quote request data.
    const { message, stack } = describeFailure(failure);
    const line = `CiamErrorsModule: the ${escapeLogValue(what)} function ${how}: ${message}`;
    writeLog(logger, 'error', line, stack);
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
    return extractWith(error, this.authHosts);
  }
}

/** One warning per locale added through `messages` that lacks texts or titles. */
function warnAboutGaps(logger: LoggerService, options: ResolvedCiamErrorsOptions): void {
  if (options.messages === undefined) return;
  const gaps = findMissingCiamTexts(options.messages, options.titles);
  for (const [locale, missing] of Object.entries(gaps)) {
    writeLog(logger, 'warn', missingTextsWarning(escapeLogValue(locale), missing));
  }
}

/** A class or method name for messages. */
function nameOf(target: Fn | undefined): string {
  const name: unknown = target?.name;
  return typeof name === 'string' && name !== '' ? name : '(anonymous)';
}
