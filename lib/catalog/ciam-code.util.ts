/** Longest code we look at; longer strings are unknown and never echoed. */
export const MAX_CODE_LENGTH = 128;

// Dotted identifiers like `FailedOperation.UserNotFound`: linear, no backtracking.
const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Whether `value` is a string shaped like a CIAM code. */
export function isCiamCodeSyntax(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CODE_LENGTH && CODE_PATTERN.test(value);
}

/** `'A.B.C'` → `'A.B'`; a top-level code has no parent. */
export function parentCode(code: string): string | undefined {
  const dot = code.lastIndexOf('.');
  return dot === -1 ? undefined : code.slice(0, dot);
}

/** The code itself, then each dotted prefix, longest first. */
export function* codeAndAncestors(code: string): Generator<string> {
  for (let current: string | undefined = code; current; current = parentCode(current)) {
    yield current;
  }
}

/** The closest known code to a misspelt one, for "did you mean" messages. */
export function suggestCode(input: string, known: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(wanted.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot stay below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}
