import { inspect } from 'node:util';

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
