import { isCiamCodeSyntax, suggestCode } from '../catalog/ciam-code.util.js';
import type { CiamErrorOverrideMap } from '../interfaces/ciam-error-override.interface.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';
import type { CiamTelemetryOptions } from '../interfaces/ciam-telemetry-options.interface.js';
import { describeValue as show } from './describe-value.util.js';
import {
  checkBooleanOption,
  checkFunction,
  checkLocale,
  checkStatus,
  entriesOf,
  fail,
  isPlainObject,
} from './option-checks.util.js';
import { normalizeOverrideMap } from './override-map.util.js';
import type { NormalizedOverride } from './override-map.util.js';

const BUILT_IN_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
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
