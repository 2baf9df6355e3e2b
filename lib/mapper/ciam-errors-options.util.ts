import { inspect } from 'node:util';
import { CIAM_CODE_DEFAULTS } from '../catalog/ciam-code-defaults.js';
import { isCiamCodeSyntax, suggestCode } from '../catalog/ciam-code.util.js';
import type { CiamErrorOverrideMap } from '../interfaces/ciam-error-override.interface.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';
import type { CiamTelemetryOptions } from '../interfaces/ciam-telemetry-options.interface.js';

const BUILT_IN_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
const LOCALE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const OVERRIDE_FIELDS = new Set(['status', 'code', 'expose', 'message', 'retryAfter']);
const OPTION_NAMES = new Set<string>([
  'overrides',
  'uncataloguedOverrides',
  'messages',
  'defaultLocale',
  'resolveLocale',
  'fallbackStatus',
  'exposeUpstreamMessage',
  'format',
  'typeBaseUrl',
  'onError',
  'logger',
  'registerFilter',
  'extract',
  'telemetry',
]);
const TELEMETRY_SIGNALS = new Set<string>(['traces', 'metrics']);
const CATALOG_CODES: ReadonlySet<string> = new Set(Object.keys(CIAM_CODE_DEFAULTS));

/** Thrown at start-up for invalid options or `@CiamErrorMap` maps. */
export class CiamErrorsConfigError extends Error {
  override readonly name = 'CiamErrorsConfigError';
}

/** An override reduced to its object form. */
export interface NormalizedOverride {
  readonly status?: number;
  readonly code?: string;
  readonly expose?: boolean;
  readonly message?: string | Readonly<Record<string, string>>;
  readonly retryAfter?: number;
}

/** Options after validation, with every default applied. */
export interface ResolvedCiamErrorsOptions extends CiamErrorsModuleOptions {
  readonly defaultLocale: string;
  readonly fallbackStatus: number;
  readonly exposeUpstreamMessage: boolean;
  readonly format: NonNullable<CiamErrorsModuleOptions['format']>;
  /** Every locale with texts: the built-in ones, then those added through `messages`. */
  readonly locales: readonly string[];
  /** `overrides` and `uncataloguedOverrides` in one table. */
  readonly overrideTable: ReadonlyMap<string, NormalizedOverride>;
  /** Each signal decided: on unless the app turned it off. */
  readonly telemetry: Readonly<Required<CiamTelemetryOptions>>;
}

/** Longest rendering of a value kept in an error message. */
const MAX_SHOWN = 200;
const clip = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

/**
 * A value as it was given, for error messages: `NaN`, `Infinity`, `-0`, `500n`, `"500"`,
 * `Symbol(x)`; objects as JSON where they can be. Never throws, whatever the value.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(clip(value));
    case 'symbol':
      return clip(String(value));
    case 'function':
      return 'a function';
    case 'undefined':
    case 'boolean':
      return String(value);
  }
  if (value === null) return 'null';
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return clip(json);
  } catch {
    // Cycles, bigints, throwing getters or toJSON: fall through to inspect.
  }
  try {
    return clip(inspect(value, { depth: 2, breakLength: Infinity, getters: false }));
  } catch {
    return 'an object that cannot be shown';
  }
}
const show = describeValue;

function fail(where: string, message: string): never {
  throw new CiamErrorsConfigError(`CiamErrorsModule: ${where} ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false; // a Proxy whose traps throw
  }
}

/**
 * The own enumerable entries of a plain object, each property read exactly once, so that a
 * getter cannot show one value to validation and another later.
 */
function entriesOf(where: string, object: Record<string, unknown>): [string, unknown][] {
  try {
    return Object.entries(object);
  } catch (failure) {
    fail(
      where,
      `could not be read: ${failure instanceof Error ? failure.message : show(failure)}.`,
    );
  }
}

function checkStatus(where: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 100 || (value as number) > 599) {
    fail(where, `must be an integer HTTP status from 100 to 599, got ${show(value)}.`);
  }
  return value as number;
}

function checkLocale(where: string, value: unknown): string {
  if (typeof value !== 'string' || !LOCALE_TAG.test(value)) {
    fail(where, `must be a locale tag such as "en" or "zh-CN", got ${show(value)}.`);
  }
  return value;
}

function checkFunction(where: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    fail(where, `must be a function, got ${show(value)}.`);
  }
}

/**
 * Validates one override value and returns its object form: a frozen copy, each field read once,
 * so that nothing the app does with its own object later changes how codes are answered.
 */
export function normalizeOverride(where: string, value: unknown): NormalizedOverride {
  if (typeof value === 'number') return Object.freeze({ status: checkStatus(where, value) });
  if (!isPlainObject(value)) {
    fail(where, `must be a status number or an override object, got ${show(value)}.`);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, field] of entriesOf(where, value)) {
    if (!OVERRIDE_FIELDS.has(key)) {
      fail(where, `has an unknown field "${key}" (allowed: ${[...OVERRIDE_FIELDS].join(', ')}).`);
    }
    fields[key] = field;
  }
  const { status, code, expose, message, retryAfter } = fields;
  const override: { -readonly [K in keyof NormalizedOverride]: NormalizedOverride[K] } = {};
  if (status !== undefined) override.status = checkStatus(`${where}.status`, status);
  if (code !== undefined) {
    if (!isCiamCodeSyntax(code)) {
      fail(`${where}.code`, `must be a code such as "AccountLocked", got ${show(code)}.`);
    }
    override.code = code;
  }
  if (expose !== undefined) {
    if (typeof expose !== 'boolean') {
      fail(`${where}.expose`, `must be a boolean, got ${show(expose)}.`);
    }
    override.expose = expose;
  }
  if (message !== undefined) override.message = checkMessage(`${where}.message`, message);
  if (retryAfter !== undefined) {
    if (
      !Number.isInteger(retryAfter) ||
      (retryAfter as number) < 0 ||
      (retryAfter as number) > 86400
    ) {
      fail(
        `${where}.retryAfter`,
        `must be whole seconds from 0 to 86400, got ${show(retryAfter)}.`,
      );
    }
    override.retryAfter = retryAfter as number;
  }
  return Object.freeze(override);
}

function checkMessage(where: string, message: unknown): NonNullable<NormalizedOverride['message']> {
  if (typeof message === 'string') {
    if (message.trim() === '') fail(where, 'must not be empty.');
    return message;
  }
  if (!isPlainObject(message)) {
    fail(where, `must be a text or a { [locale]: text } object, got ${show(message)}.`);
  }
  const texts: Record<string, string> = {};
  for (const [locale, text] of entriesOf(where, message)) {
    checkLocale(`${where} key "${locale}"`, locale);
    if (typeof text !== 'string' || text.trim() === '') {
      fail(`${where}["${locale}"]`, `must be a non-empty text, got ${show(text)}.`);
    }
    texts[locale] = text;
  }
  return Object.freeze(texts);
}

/**
 * Validates an override map keyed by catalog codes (`catalogOnly`) or by any dotted code, and
 * returns it as a table.
 */
export function normalizeOverrideMap(
  where: string,
  map: unknown,
  catalogOnly: boolean,
  into = new Map<string, NormalizedOverride>(),
): Map<string, NormalizedOverride> {
  if (map === undefined) return into;
  if (!isPlainObject(map)) fail(where, `must be an object keyed by CIAM codes, got ${show(map)}.`);
  for (const [code, override] of entriesOf(where, map)) {
    if (catalogOnly && !CATALOG_CODES.has(code)) {
      const suggestion = isCiamCodeSyntax(code) ? suggestCode(code, CATALOG_CODES) : undefined;
      fail(
        where,
        `has "${code}", which is not a CIAM catalog code` +
          (suggestion ? ` (did you mean ${suggestion}?).` : '.') +
          ' Codes outside the catalog go in the uncatalogued map.',
      );
    }
    if (!isCiamCodeSyntax(code)) {
      fail(where, `has "${code}", which is not a dotted code such as "FailedOperation.NewCode".`);
    }
    if (!catalogOnly && CATALOG_CODES.has(code)) {
      fail(where, `has "${code}", which is a catalog code: put it in the typed map instead.`);
    }
    into.set(code, normalizeOverride(`${where}["${code}"]`, override));
  }
  return into;
}

/** Validates `messages` and returns a frozen copy, each text read once. */
function checkMessages(
  messages: unknown,
): Readonly<Record<string, Readonly<Record<string, string>>>> | undefined {
  if (messages === undefined) return undefined;
  if (!isPlainObject(messages)) fail('messages', `must be { [locale]: { [code]: text } }.`);
  const copy: Record<string, Readonly<Record<string, string>>> = {};
  for (const [locale, texts] of entriesOf('messages', messages)) {
    checkLocale(`messages key "${locale}"`, locale);
    if (!isPlainObject(texts)) fail(`messages["${locale}"]`, 'must be a { [code]: text } object.');
    const localeCopy: Record<string, string> = {};
    for (const [code, text] of entriesOf(`messages["${locale}"]`, texts)) {
      if (!isCiamCodeSyntax(code)) fail(`messages["${locale}"]`, `has an invalid code "${code}".`);
      if (typeof text !== 'string' || text.trim() === '') {
        fail(`messages["${locale}"]["${code}"]`, `must be a non-empty text, got ${show(text)}.`);
      }
      localeCopy[code] = text;
    }
    copy[locale] = Object.freeze(localeCopy);
  }
  return Object.freeze(copy);
}

/** Methods every `logger` must have; `debug`, `verbose` and `fatal` are optional. */
const LOGGER_METHODS = ['error', 'warn', 'log'] as const;

function checkLogger(logger: unknown): void {
  if (logger === undefined || logger === false) return;
  if (typeof logger !== 'object' || logger === null) {
    fail('logger', `must be false or a LoggerService, got ${show(logger)}.`);
  }
  const missing = LOGGER_METHODS.filter((method) => {
    try {
      return typeof (logger as Record<string, unknown>)[method] !== 'function';
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    fail(
      'logger',
      `must be false or a LoggerService with error, warn and log methods, but it has no ` +
        `${missing.join(', ')} method${missing.length > 1 ? 's' : ''}.`,
    );
  }
}

/** RFC 8141: `urn:<NID>:<NSS>`, the NID 2 to 32 letters, digits or inner hyphens. */
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:[^\s]+$/i;
/** Whitespace and control characters, which have no place in a URL given as text. */
const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;

/** `typeBaseUrl` without its trailing slashes; only absolute http(s) URLs and URNs pass. */
function checkTypeBaseUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const valid = (() => {
    if (typeof value !== 'string' || SPACE_OR_CONTROL.test(value)) return false;
    if (/^urn:/i.test(value)) return URN.test(value);
    if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  })();
  if (!valid) {
    fail(
      'typeBaseUrl',
      `must be an absolute http: or https: URL or a urn: URN (such as ` +
        `"https://errors.example.com/ciam" or "urn:example:ciam-errors"), got ${show(value)}.`,
    );
  }
  return (value as string).replace(/\/+$/, '');
}

/**
 * Checks a boolean module option such as `registerFilter`, read when the module is built.
 * `undefined` gives `fallback`.
 */
export function checkBooleanOption(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(name, `must be a boolean, got ${show(value)}.`);
  return value;
}

/**
 * `telemetry`: an object of booleans, `traces` and `metrics` only, each read once; a misspelt
 * signal must not leave it silently on.
 */
function checkTelemetry(value: unknown): Readonly<Required<CiamTelemetryOptions>> {
  const signals: Record<string, unknown> = {};
  if (value !== undefined) {
    if (!isPlainObject(value)) {
      fail(
        'telemetry',
        `must be an object { traces?: boolean; metrics?: boolean }, got ${show(value)}.`,
      );
    }
    for (const [key, signal] of entriesOf('telemetry', value)) {
      if (!TELEMETRY_SIGNALS.has(key)) {
        const suggestion = suggestCode(key, TELEMETRY_SIGNALS);
        fail(
          'telemetry',
          `has an unknown field "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}` +
            ' (allowed: traces, metrics).',
        );
      }
      signals[key] = signal;
    }
  }
  return Object.freeze({
    traces: checkBooleanOption('telemetry.traces', signals.traces, true),
    metrics: checkBooleanOption('telemetry.metrics', signals.metrics, true),
  });
}

/**
 * Validates module options and applies defaults. Throws {@link CiamErrorsConfigError} naming
 * the option and the bad value.
 */
export function resolveCiamErrorsOptions(input: unknown = {}): ResolvedCiamErrorsOptions {
  if (resolved.has(input as object)) return input as ResolvedCiamErrorsOptions;
  if (!isPlainObject(input)) fail('options', `must be an object, got ${show(input)}.`);
  // Every option is read once, here: what is validated is what is used.
  const options = Object.fromEntries(entriesOf('options', input)) as CiamErrorsModuleOptions &
    Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      const suggestion = suggestCode(key, OPTION_NAMES);
      fail(
        'options',
        `have an unknown option "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`,
      );
    }
  }
  const messages = checkMessages(options.messages);
  const locales: string[] = [...BUILT_IN_LOCALES];
  for (const locale of Object.keys(messages ?? {})) {
    if (!locales.some((known) => known.toLowerCase() === locale.toLowerCase()))
      locales.push(locale);
  }
  const defaultLocale = options.defaultLocale ?? 'en';
  checkLocale('defaultLocale', defaultLocale);
  const canonicalDefault = locales.find((l) => l.toLowerCase() === defaultLocale.toLowerCase());
  if (!canonicalDefault) {
    fail(
      'defaultLocale',
      `"${defaultLocale}" has no texts: use one of ${locales.join(', ')} or add messages["${defaultLocale}"].`,
    );
  }
  const fallbackStatus = checkStatus('fallbackStatus', options.fallbackStatus ?? 502);
  const exposeUpstreamMessage = options.exposeUpstreamMessage ?? false;
  if (typeof exposeUpstreamMessage !== 'boolean') {
    fail('exposeUpstreamMessage', `must be a boolean, got ${show(exposeUpstreamMessage)}.`);
  }
  const format = options.format ?? 'problem';
  if (format !== 'problem' && format !== 'nest' && typeof format !== 'function') {
    fail('format', `must be 'problem', 'nest' or a function, got ${show(format)}.`);
  }
  const typeBaseUrl = checkTypeBaseUrl(options.typeBaseUrl);
  checkFunction('resolveLocale', options.resolveLocale);
  checkFunction('onError', options.onError);
  checkFunction('extract', options.extract);
  checkLogger(options.logger);
  if (options.registerFilter !== undefined) {
    checkBooleanOption('registerFilter', options.registerFilter, true);
  }
  const telemetry = checkTelemetry(options.telemetry);
  const overrides = normalizeOverrideMap('overrides', options.overrides, true);
  const uncatalogued = normalizeOverrideMap(
    'uncataloguedOverrides',
    options.uncataloguedOverrides,
    false,
  );
  const result: ResolvedCiamErrorsOptions = Object.freeze({
    ...options,
    ...(messages !== undefined && { messages }),
    ...(options.overrides !== undefined && {
      overrides: Object.freeze(Object.fromEntries(overrides)) as CiamErrorOverrideMap,
    }),
    ...(options.uncataloguedOverrides !== undefined && {
      uncataloguedOverrides: Object.freeze(Object.fromEntries(uncatalogued)),
    }),
    defaultLocale: canonicalDefault,
    fallbackStatus,
    exposeUpstreamMessage,
    format,
    typeBaseUrl,
    locales: Object.freeze(locales),
    overrideTable: new Map([...overrides, ...uncatalogued]),
    telemetry,
  });
  resolved.add(result);
  return result;
}

/** Options objects this module produced, so that they are not validated twice. */
const resolved = new WeakSet<object>();
