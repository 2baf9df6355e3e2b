/** Upstream ids reach clients, logs and spans only when they look like ids. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `value` when it looks like an id (letters, digits, `._:-`, at most 128), else `undefined`. */
export function safeId(value: string | undefined): string | undefined {
  // A custom extract can hand back anything: only a string is tested, and then written as is.
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
}
