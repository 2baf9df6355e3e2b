import { CIAM_CODE_DEFAULTS } from '../catalog/ciam-code-defaults.js';
import { isCiamCodeSyntax, suggestCode } from '../catalog/ciam-code.util.js';
import type { CiamErrorsModuleOptions } from '../interfaces/ciam-errors-options.interface.js';

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
]);
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
}

const show = (value: unknown): string => {
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

function fail(where: string, message: string): never {
  throw new CiamErrorsConfigError(`CiamErrorsModule: ${where} ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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

/** Validates one override value and returns its object form. */
export function normalizeOverride(where: string, value: unknown): NormalizedOverride {
  if (typeof value === 'number') return { status: checkStatus(where, value) };
  if (!isPlainObject(value)) {
    fail(where, `must be a status number or an override object, got ${show(value)}.`);
  }
  for (const key of Object.keys(value)) {
    if (!OVERRIDE_FIELDS.has(key)) {
      fail(where, `has an unknown field "${key}" (allowed: ${[...OVERRIDE_FIELDS].join(', ')}).`);
    }
  }
  const { status, code, expose, message, retryAfter } = value;
  if (status !== undefined) checkStatus(`${where}.status`, status);
  if (code !== undefined && !isCiamCodeSyntax(code)) {
    fail(`${where}.code`, `must be a code such as "AccountLocked", got ${show(code)}.`);
  }
  if (expose !== undefined && typeof expose !== 'boolean') {
    fail(`${where}.expose`, `must be a boolean, got ${show(expose)}.`);
  }
  if (message !== undefined) checkMessage(`${where}.message`, message);
  if (
    retryAfter !== undefined &&
    (!Number.isInteger(retryAfter) || (retryAfter as number) < 0 || (retryAfter as number) > 86400)
  ) {
    fail(`${where}.retryAfter`, `must be whole seconds from 0 to 86400, got ${show(retryAfter)}.`);
  }
  return value as NormalizedOverride;
}

function checkMessage(where: string, message: unknown): void {
  if (typeof message === 'string') {
    if (message.trim() === '') fail(where, 'must not be empty.');
    return;
  }
  if (!isPlainObject(message)) {
    fail(where, `must be a text or a { [locale]: text } object, got ${show(message)}.`);
  }
  for (const [locale, text] of Object.entries(message)) {
    checkLocale(`${where} key "${locale}"`, locale);
    if (typeof text !== 'string' || text.trim() === '') {
      fail(`${where}["${locale}"]`, `must be a non-empty text, got ${show(text)}.`);
    }
  }
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
  for (const [code, override] of Object.entries(map)) {
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

function checkMessages(messages: unknown): string[] {
  if (messages === undefined) return [];
  if (!isPlainObject(messages)) fail('messages', `must be { [locale]: { [code]: text } }.`);
  for (const [locale, texts] of Object.entries(messages)) {
    checkLocale(`messages key "${locale}"`, locale);
    if (!isPlainObject(texts)) fail(`messages["${locale}"]`, 'must be a { [code]: text } object.');
    for (const [code, text] of Object.entries(texts)) {
      if (!isCiamCodeSyntax(code)) fail(`messages["${locale}"]`, `has an invalid code "${code}".`);
      if (typeof text !== 'string' || text.trim() === '') {
        fail(`messages["${locale}"]["${code}"]`, `must be a non-empty text, got ${show(text)}.`);
      }
    }
  }
  return Object.keys(messages);
}

/**
 * Validates module options and applies defaults. Throws {@link CiamErrorsConfigError} naming
 * the option and the bad value.
 */
export function resolveCiamErrorsOptions(input: unknown = {}): ResolvedCiamErrorsOptions {
  if (resolved.has(input as object)) return input as ResolvedCiamErrorsOptions;
  if (!isPlainObject(input)) fail('options', `must be an object, got ${show(input)}.`);
  const options = input as CiamErrorsModuleOptions & Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      const suggestion = suggestCode(key, OPTION_NAMES);
      fail(
        'options',
        `have an unknown option "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`,
      );
    }
  }
  const locales: string[] = [...BUILT_IN_LOCALES];
  for (const locale of checkMessages(options.messages)) {
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
  let typeBaseUrl = options.typeBaseUrl;
  if (typeBaseUrl !== undefined) {
    if (typeof typeBaseUrl !== 'string' || !URL.canParse(typeBaseUrl)) {
      fail('typeBaseUrl', `must be an absolute URL, got ${show(typeBaseUrl)}.`);
    }
    typeBaseUrl = typeBaseUrl.replace(/\/+$/, '');
  }
  checkFunction('resolveLocale', options.resolveLocale);
  checkFunction('onError', options.onError);
  checkFunction('extract', options.extract);
  const logger = options.logger;
  if (
    logger !== undefined &&
    logger !== false &&
    (typeof logger !== 'object' || logger === null || typeof logger.error !== 'function')
  ) {
    fail('logger', `must be false or a LoggerService, got ${show(logger)}.`);
  }
  if (options.registerFilter !== undefined && typeof options.registerFilter !== 'boolean') {
    fail('registerFilter', `must be a boolean, got ${show(options.registerFilter)}.`);
  }
  const overrideTable = normalizeOverrideMap('overrides', options.overrides, true);
  normalizeOverrideMap(
    'uncataloguedOverrides',
    options.uncataloguedOverrides,
    false,
    overrideTable,
  );
  const result: ResolvedCiamErrorsOptions = Object.freeze({
    ...options,
    defaultLocale: canonicalDefault,
    fallbackStatus,
    exposeUpstreamMessage,
    format,
    typeBaseUrl,
    locales: Object.freeze(locales),
    overrideTable,
  });
  resolved.add(result);
  return result;
}

/** Options objects this module produced, so that they are not validated twice. */
const resolved = new WeakSet<object>();
