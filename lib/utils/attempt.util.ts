/**
 * Runs `fn` and answers its result, or `fallback` when it throws: hosts, contexts, adapters and
 * sockets can be anything, and a read or a write on them must not break an answer.
 */
export function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
