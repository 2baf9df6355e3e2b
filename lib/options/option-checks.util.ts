import { CiamErrorsConfigError } from './ciam-errors-config.error.js';
import { describeValue as show } from './describe-value.util.js';

const LOCALE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** Throws the start-up error for `where`: `CiamErrorsModule: <where> <message>`. */
export function fail(where: string, message: string): never {
  throw new CiamErrorsConfigError(`CiamErrorsModule: ${where} ${message}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
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
export function entriesOf(where: string, object: Record<string, unknown>): [string, unknown][] {
  try {
    return Object.entries(object);
  } catch (failure) {
    fail(
      where,
      `could not be read: ${failure instanceof Error ? failure.message : show(failure)}.`,
    );
  }
}

export function checkStatus(where: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 100 || (value as number) > 599) {
    fail(where, `must be an integer HTTP status from 100 to 599, got ${show(value)}.`);
  }
  return value as number;
}

export function checkLocale(where: string, value: unknown): string {
  if (typeof value !== 'string' || !LOCALE_TAG.test(value)) {
    fail(where, `must be a locale tag such as "en" or "zh-CN", got ${show(value)}.`);
  }
  return value;
}

export function checkFunction(where: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    fail(where, `must be a function, got ${show(value)}.`);
  }
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
