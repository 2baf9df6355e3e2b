import type { CiamCodeDefaults } from '../catalog/ciam-error-catalog.interface.js';
import { codeAndAncestors } from '../catalog/ciam-code.util.js';
import { genericCodeOf } from '../locale/status-text.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { CompiledTexts } from '../locale/compiled-texts.js';
import type { NormalizedOverride } from '../options/override-map.util.js';

/** Override tables, highest level first: handler, controller, the `overrides` option. */
export type OverrideLevels = readonly ReadonlyMap<string, NormalizedOverride>[];

/** What a rule answers in one locale. */
export interface RuleText {
  readonly title: string;
  readonly detail: string;
  readonly locale: string;
}

/**
 * How one upstream code is answered on one route, in every locale. Built once per code and
 * route, then only read.
 */
export interface CiamRule {
  /** Whether the rule was built for a well-formed upstream code (shown in logs as such). */
  readonly upstream: boolean;
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly retryable: boolean;
  readonly retryAfter: number | undefined;
  /** Whether an override set `retryAfter`: then an upstream `Retry-After` does not replace it. */
  readonly retryAfterFixed: boolean;
  /**
   * The `WWW-Authenticate` challenge of the answer (RFC 6750 §3): for an exposed `invalid_token`
   * (401) or `insufficient_scope` (403), `Bearer error="<value>"`, and nothing of the upstream's.
   */
  readonly challenge: string | undefined;
  /**
   * An override gave a 2xx status (CiamErrorPresets.passwordReset): the error is hidden behind
   * an answer like the route's success. A catalog 2xx (DryRunOperation) is answered as usual.
   */
  readonly silent: boolean;
  readonly texts: ReadonlyMap<string, RuleText>;
}

/** Everything a rule is built from, fixed per mapper. */
export interface RuleInputs {
  readonly catalog: ReadonlyMap<string, CiamCodeDefaults>;
  readonly texts: CompiledTexts;
  readonly fallbackStatus: number;
  readonly typeBaseUrl: string | undefined;
}

/** The Bearer challenges a bearer-token endpoint's errors are answered with, by status. */
const BEARER_CHALLENGES = new Map<string, (status: number) => string | undefined>([
  ['invalid_token', (status) => (status === 401 ? 'Bearer error="invalid_token"' : undefined)],
  [
    'insufficient_scope',
    (status) => (status === 403 ? 'Bearer error="insufficient_scope"' : undefined),
  ],
]);

/** Default `Retry-After` seconds for retryable 429 and 503 answers. */
export function defaultRetryAfter(code: string | undefined, status: number): number {
  // Jobs run for minutes, and CIAM sends one SMS code a minute per phone number; a frequency
  // limit (20 requests/s per action) clears within a second.
  if (code === 'FailedOperation.DataFlowTooManyRequests' || code === 'sms_rate_limit_exceeded') {
    return 60;
  }
  return status === 503 ? 5 : 1;
}

/**
 * Builds the rule of an upstream code (`undefined` for a transport failure or a malformed code,
 * which no override can match) under the given override levels. docs/how-it-decides.md has the rules.
 */
export function buildRule(
  inputs: RuleInputs,
  levels: OverrideLevels,
  code: string | undefined,
  defaults?: Partial<CiamCodeDefaults>,
): CiamRule {
  const { catalog } = inputs;
  // Each field comes from the highest level with a key matching the code (longest key first).
  const field = <K extends keyof NormalizedOverride>(
    key: string | undefined,
    name: K,
  ): NormalizedOverride[K] | undefined => {
    if (key === undefined) return undefined;
    for (const level of levels) {
      for (const candidate of codeAndAncestors(key)) {
        const value = level.get(candidate)?.[name];
        if (value !== undefined) return value;
      }
    }
    return undefined;
  };
  const isKnown = (key: string) => catalog.has(key) || levels.some((level) => level.has(key));
  const isExposed = (key: string) => field(key, 'expose') ?? catalog.get(key)?.expose ?? false;

  let entry: CiamCodeDefaults | undefined;
  if (code !== undefined) {
    for (const candidate of codeAndAncestors(code)) {
      entry = catalog.get(candidate);
      if (entry) break;
    }
  }
  const overriddenStatus = field(code, 'status');
  const status = overriddenStatus ?? entry?.status ?? defaults?.status ?? inputs.fallbackStatus;
  const retryable = entry?.retryable ?? defaults?.retryable ?? false;

  // Public code: a custom code, else the code or its nearest exposed known ancestor, else the
  // generic code of the status.
  let publicCode: string | undefined;
  if (code !== undefined) {
    const customCode = field(code, 'code');
    if (customCode !== undefined && isExposed(code)) publicCode = customCode;
    for (const candidate of publicCode ? [] : codeAndAncestors(code)) {
      if (isKnown(candidate) && isExposed(candidate)) {
        publicCode = candidate;
        break;
      }
    }
  }
  const generic = publicCode === undefined;
  const finalCode = publicCode ?? genericCodeOf(status);
  const message = field(code, 'message');

  const texts = new Map<string, RuleText>();
  for (const locale of inputs.texts.locales) {
    const detail =
      overrideText(message, locale, inputs.texts.defaultLocale) ??
      (generic ? undefined : inputs.texts.codeText(finalCode, locale)) ??
      inputs.texts.genericText(status, locale);
    texts.set(locale, {
      detail: detail.text,
      locale: detail.locale,
      title: inputs.texts.title(status, detail.locale),
    });
  }
  // Retry-After belongs to 429 and 503 answers only (RFC 9110 §10.2.3, RFC 6585 §4).
  const canRetryLater = status === 429 || status === 503;
  const fixedRetryAfter = canRetryLater ? field(code, 'retryAfter') : undefined;
  const retryAfter =
    fixedRetryAfter ?? (canRetryLater && retryable ? defaultRetryAfter(code, status) : undefined);
  return {
    upstream: code !== undefined,
    status,
    code: finalCode,
    type: inputs.typeBaseUrl ? `${inputs.typeBaseUrl}/${finalCode}` : 'about:blank',
    retryable,
    retryAfter,
    retryAfterFixed: fixedRetryAfter !== undefined,
    challenge:
      code !== undefined && finalCode === code ? BEARER_CHALLENGES.get(code)?.(status) : undefined,
    silent: overriddenStatus !== undefined && overriddenStatus >= 200 && overriddenStatus <= 299,
    texts,
  };
}

function overrideText(
  message: NormalizedOverride['message'],
  locale: string,
  defaultLocale: string,
): { text: string; locale: string } | undefined {
  if (message === undefined) return undefined;
  // One text for every locale: written in one, taken to be the app's default, which answers with
  // it say (Content-Language, title).
  if (typeof message === 'string') return { text: message, locale: defaultLocale };
  for (const candidate of [locale, defaultLocale, 'en']) {
    const wanted = candidate.toLowerCase();
    const key = Object.keys(message).find((k) => k.toLowerCase() === wanted);
    if (key !== undefined) return { text: message[key]!, locale: candidate };
  }
  return undefined;
}

/** The problem of an extracted error under its rule, in `locale` (one of the mapper's). */
export function problemOf(rule: CiamRule, info: CiamErrorInfo, locale: string): CiamProblem {
  const text = rule.texts.get(locale)!;
  const { status } = rule;
  // An upstream Retry-After replaces the default of a 429 or 503, not an override's.
  const retryAfter =
    info.retryAfter !== undefined && !rule.retryAfterFixed && (status === 429 || status === 503)
      ? info.retryAfter
      : rule.retryAfter;
  const problem: CiamProblem = {
    status,
    code: rule.code,
    // Only codes that passed the syntax check have a code-specific rule.
    upstreamCode: rule.upstream ? info.code : undefined,
    title: text.title,
    detail: text.detail,
    locale: text.locale,
    type: rule.type,
    retryable: rule.retryable,
    retryAfter,
    requestId: info.requestId,
    traceId: info.traceId,
    upstreamMessage: info.upstreamMessage,
  };
  if (info.endpoint !== undefined) {
    problem.endpoint = info.endpoint;
    problem.upstreamStatus = info.upstreamStatus;
    if (rule.challenge !== undefined) problem.wwwAuthenticate = rule.challenge;
  }
  return problem;
}
