import { isCiamCodeSyntax, suggestCode } from '../catalog/ciam-code.util.js';
import { DEFAULT_AUTH_HOSTS, isAuthHostPattern } from '../extraction/auth-hosts.util.js';
import type { CiamTelemetryOptions } from '../interfaces/ciam-telemetry-options.interface.js';
import { describeValue as show } from './describe-value.util.js';
import {
  checkBooleanOption,
  checkLocale,
  entriesOf,
  fail,
  isPlainObject,
} from './option-checks.util.js';

// The checks of the options that are more than a status, a locale, a function or a boolean.

const TELEMETRY_SIGNALS = new Set<string>(['traces', 'metrics']);

/** Validates `messages` and returns a frozen copy, each text read once. */
export function checkMessages(
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

/**
 * Validates `titles` (`{ [locale]: { [status]: title } }`) and returns a frozen copy. Each locale
 * must have texts (built in, or through `messages`).
 */
export function checkTitles(
  titles: unknown,
  locales: readonly string[],
): Readonly<Record<string, Readonly<Record<string, string>>>> | undefined {
  if (titles === undefined) return undefined;
  if (!isPlainObject(titles)) fail('titles', `must be { [locale]: { [status]: title } }.`);
  const copy: Record<string, Readonly<Record<string, string>>> = {};
  for (const [locale, byStatus] of entriesOf('titles', titles)) {
    checkLocale(`titles key "${locale}"`, locale);
    if (!locales.some((known) => known.toLowerCase() === locale.toLowerCase())) {
      fail(`titles["${locale}"]`, `is for a locale without texts: add messages["${locale}"].`);
    }
    if (!isPlainObject(byStatus))
      fail(`titles["${locale}"]`, 'must be a { [status]: title } object.');
    const localeCopy: Record<string, string> = {};
    for (const [status, title] of entriesOf(`titles["${locale}"]`, byStatus)) {
      if (!/^[1-5]\d\d$/.test(status)) {
        fail(
          `titles["${locale}"]`,
          `has "${status}", which is not an HTTP status from 100 to 599.`,
        );
      }
      if (typeof title !== 'string' || title.trim() === '') {
        fail(`titles["${locale}"]["${status}"]`, `must be a non-empty text, got ${show(title)}.`);
      }
      localeCopy[status] = title;
    }
    copy[locale] = Object.freeze(localeCopy);
  }
  return Object.freeze(copy);
}

/** Methods every `logger` must have; `debug`, `verbose` and `fatal` are optional. */
const LOGGER_METHODS = ['error', 'warn', 'log'] as const;

export function checkLogger(logger: unknown): void {
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
export function checkTypeBaseUrl(value: unknown): string | undefined {
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
export function checkTelemetry(value: unknown): Readonly<Required<CiamTelemetryOptions>> {
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
 * `authHosts`: hostnames (no scheme, port or path), each optionally under a `*.` wildcard. Lower
 * case, frozen; the default list itself when absent.
 */
export function checkAuthHosts(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_AUTH_HOSTS;
  if (!Array.isArray(value)) {
    fail(
      'authHosts',
      `must be an array of hostnames such as "*.tencentciam.com", got ${show(value)}.`,
    );
  }
  const hosts: string[] = [];
  for (const [index, host] of (value as unknown[]).entries()) {
    const name = typeof host === 'string' ? host.trim().toLowerCase() : host;
    if (!isAuthHostPattern(name)) {
      fail(
        `authHosts[${index}]`,
        `must be a hostname, optionally with a "*." prefix, without scheme, port or path ` +
          `(such as "acme.portal.tencentciam.com" or "*.tencentciam.com"), got ${show(host)}.`,
      );
    }
    hosts.push(name);
  }
  return Object.freeze(hosts);
}
