import { STATUS_CODES } from 'node:http';

/** Standard English reason phrase of a status ("Not Found"), or `undefined` for an unassigned one. */
export function englishReasonPhrase(status: number): string | undefined {
  return STATUS_CODES[status];
}

/**
 * The generic public code of a status: its reason phrase in PascalCase (`InternalServerError`,
 * `BadGateway`, `ImATeapot`), or `Status499` for a status without one.
 */
export function genericCodeOf(status: number): string {
  const phrase = englishReasonPhrase(status);
  if (!phrase) return `Status${status}`;
  return phrase
    .replace(/'/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
