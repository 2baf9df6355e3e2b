import { CATALOG_CODES } from '../catalog/catalog-codes.js';
import { isCiamCodeSyntax, suggestCode } from '../catalog/ciam-code.util.js';
import { describeValue as show } from './describe-value.util.js';
import { checkLocale, checkStatus, entriesOf, fail, isPlainObject } from './option-checks.util.js';

const OVERRIDE_FIELDS = new Set(['status', 'code', 'expose', 'message', 'retryAfter']);

/** An override reduced to its object form. */
export interface NormalizedOverride {
  readonly status?: number;
  readonly code?: string;
  readonly expose?: boolean;
  readonly message?: string | Readonly<Record<string, string>>;
  readonly retryAfter?: number;
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
