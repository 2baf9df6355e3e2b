import { CiamEmulatorError, invalidParameterValue, missingParameter } from './emulator-error.js';

/** A decoded JSON request body: nothing is trusted until one of the readers below checks it. */
export type Params = Readonly<Record<string, unknown>>;

/** `Pageable` as CIAM takes and echoes it (PageNumber starts at 1). */
export interface Pageable {
  PageSize: number;
  PageNumber: number;
}

const MAX_PAGE_SIZE = 100;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** Tencent Cloud API 3.0 rejects parameters an action does not declare. */
export function rejectUnknownParameters(params: Params, allowed: readonly string[]): void {
  const unknown = Object.keys(params).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new CiamEmulatorError(
      'UnknownParameter',
      `The parameter \`${unknown}\` is not recognized.`,
    );
  }
}

export function optionalString(value: unknown, path: string): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') throw invalidParameterValue(path, 'a String');
  return value;
}

/** A required string; absent or empty answers `MissingParameter`. */
export function requireString(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === undefined || text === '') throw missingParameter(path);
  return text;
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean') throw invalidParameterValue(path, 'a Boolean');
  return value;
}

export function optionalInteger(value: unknown, path: string): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidParameterValue(path, 'an Integer');
  }
  return value;
}

export function requireInteger(value: unknown, path: string): number {
  const integer = optionalInteger(value, path);
  if (integer === undefined) throw missingParameter(path);
  return integer;
}

export function optionalStringArray(value: unknown, path: string): string[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value)) throw invalidParameterValue(path, 'an Array of String');
  return value.map((item: unknown, index) => {
    if (typeof item !== 'string') throw invalidParameterValue(`${path}.${index}`, 'a String');
    return item;
  });
}

export function requireStringArray(value: unknown, path: string): string[] {
  const items = optionalStringArray(value, path);
  if (items === undefined) throw missingParameter(path);
  return items;
}

export function optionalRecord(value: unknown, path: string): Record<string, unknown> | undefined {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) throw invalidParameterValue(path, 'an Object');
  return value;
}

export function requireRecord(value: unknown, path: string): Record<string, unknown> {
  const record = optionalRecord(value, path);
  if (record === undefined) throw missingParameter(path);
  return record;
}

export function optionalRecordArray(
  value: unknown,
  path: string,
): Record<string, unknown>[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value)) throw invalidParameterValue(path, 'an Array of Object');
  return value.map((item: unknown, index) => {
    if (!isRecord(item)) throw invalidParameterValue(`${path}.${index}`, 'an Object');
    return item;
  });
}

export function requireRecordArray(value: unknown, path: string): Record<string, unknown>[] {
  const items = optionalRecordArray(value, path);
  if (items === undefined) throw missingParameter(path);
  return items;
}

/** Checks `value` against an enumeration; `InvalidParameterValue` unless the caller maps it. */
export function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

export function optionalEnum<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const text = optionalString(value, path);
  if (text === undefined) return undefined;
  if (!isOneOf(text, allowed)) throw invalidParameterValue(path, `one of ${allowed.join(', ')}`);
  return text;
}

export function requirePageable(value: unknown, path = 'Pageable'): Pageable {
  const pageable = requireRecord(value, path);
  const PageSize = requireInteger(pageable.PageSize, `${path}.PageSize`);
  const PageNumber = requireInteger(pageable.PageNumber, `${path}.PageNumber`);
  if (PageSize < 1 || PageSize > MAX_PAGE_SIZE) {
    throw invalidParameterValue(`${path}.PageSize`, `an Integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (PageNumber < 1) throw invalidParameterValue(`${path}.PageNumber`, 'an Integer from 1');
  return { PageSize, PageNumber };
}

export function paginate<T>(items: readonly T[], pageable: Pageable): T[] {
  const start = (pageable.PageNumber - 1) * pageable.PageSize;
  return items.slice(start, start + pageable.PageSize);
}
