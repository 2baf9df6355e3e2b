import { suggestCode } from '../catalog/ciam-code.util.js';
import { BUILT_IN_TEXTS } from '../locale/built-in-texts.js';
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
import {
  checkAuthHosts,
  checkLogger,
  checkMessages,
  checkTelemetry,
  checkTitles,
  checkTypeBaseUrl,
} from './option-values.util.js';
import { normalizeOverrideMap } from './override-map.util.js';
import type { NormalizedOverride } from './override-map.util.js';

const BUILT_IN_LOCALES = Object.keys(BUILT_IN_TEXTS);
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
  'authHosts',
  'titles',
]);

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
  /** The tenant hosts, in lower case: `['*.tencentciam.com']` unless the app set its own. */
  readonly authHosts: readonly string[];
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
  const authHosts = checkAuthHosts(options.authHosts);
  const titles = checkTitles(options.titles, locales);
  const overrides = normalizeOverrideMap('overrides', options.overrides, true);
  const uncatalogued = normalizeOverrideMap(
    'uncataloguedOverrides',
    options.uncataloguedOverrides,
    false,
  );
  const result: ResolvedCiamErrorsOptions = Object.freeze({
    ...options,
    ...(messages !== undefined && { messages }),
    ...(titles !== undefined && { titles }),
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
    authHosts,
  });
  resolved.add(result);
  return result;
}

/** Options objects this module produced, so that they are not validated twice. */
const resolved = new WeakSet<object>();
