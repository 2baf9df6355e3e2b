import type { LoggerService } from '@nestjs/common';
import { watchRejection } from './thenable.util.js';

/**
 * What must not reach a log line raw: C0 and C1 controls and DEL (line breaks, terminal
 * escapes), U+2028/U+2029 (line and paragraph separators), bidi controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069: they reorder what a reader sees), and `"` and `\`, so
 * that an escape in the output always means an escape.
 */
const UNSAFE_SOURCE =
  '["\\\\\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]';
const UNSAFE = new RegExp(UNSAFE_SOURCE);
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'g');

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `value` as the inside of a JSON string literal, with line and paragraph separators, C1
 * controls and bidi controls escaped too: nothing in it can end a log line, fake another or
 * reorder what is shown. Safe text (nearly all of it) is returned as is, after one regex test.
 */
export function escapeLogValue(value: string): string {
  return UNSAFE.test(value) ? value.replace(UNSAFE_ALL, escapeChar) : value;
}

/** The levels the package writes at. */
export type LogLevelName = 'error' | 'warn' | 'debug';

const ignore = (): void => {};

/**
 * Writes one line through the app's logger, which can be anything: a missing method, one that
 * throws, or one that returns a rejected promise changes nothing for the caller. A rejection
 * goes to `onRejected`, off the response path (by default dropped: a report of a failed report
 * would loop).
 */
export function writeLog(
  logger: LoggerService,
  level: LogLevelName,
  line: string,
  trace?: string,
  onRejected: (reason: unknown) => void = ignore,
): void {
  let result: unknown;
  try {
    const method: unknown = logger[level];
    if (typeof method !== 'function') return;
    result = trace === undefined ? method.call(logger, line) : method.call(logger, line, trace);
  } catch {
    return;
  }
  if (result !== undefined) watchRejection(result, onRejected);
}

/**
 * The message and stack of what an app's function threw or rejected with, escaped for a log
 * line (a hook's error can quote request data); never throws. The stack is kept, escaped onto
 * one line, because it is the only pointer to the failing line of the app's own code.
 */
export function describeFailure(failure: unknown): { message: string; stack?: string } {
  try {
    if (!(failure instanceof Error)) return { message: escapeLogValue(String(failure)) };
    const { message, stack } = failure;
    return {
      message: escapeLogValue(String(message)),
      stack: typeof stack === 'string' ? escapeLogValue(stack) : undefined,
    };
  } catch {
    return { message: '(a value that cannot be printed)' };
  }
}
