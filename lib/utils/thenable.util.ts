const ignore = (): void => {};

/**
 * When a hook returned a promise (any thenable), hands its rejection to `onRejected` (which must
 * not throw) so it never becomes an unhandled rejection; the promise is never waited for.
 * Returns whether `value` was a thenable. A `then` that cannot be read counts as one.
 */
export function watchRejection(value: unknown, onRejected: (reason: unknown) => void): boolean {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return false;
  try {
    const then: unknown = (value as { then?: unknown }).then;
    if (typeof then !== 'function') return false;
    then.call(value, undefined, onRejected);
  } catch {
    // A hostile thenable: nothing more can be done with it.
  }
  return true;
}

/** For thenables whose rejection is a consequence of a failure already reported. */
export function ignoreRejection(value: unknown): boolean {
  return watchRejection(value, ignore);
}
