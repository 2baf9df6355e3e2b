import { extractCiamError } from '../extraction/extract-ciam-error.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';

type Extractor = (error: unknown) => CiamErrorInfo | undefined;

/**
 * Custom `extract` options of the live filters, counted: the same function can serve several
 * filter instances (a global one and `@UseFilters` ones), and stays until the last is destroyed.
 * The registry is process-wide, as `@Catch` metadata is.
 */
const customExtractors = new Map<Extractor, number>();

/** Makes `@Catch(CiamErrorMatcher)` also match what an app's `extract` option recognizes. */
export function registerCustomExtractor(extract: Extractor): () => void {
  customExtractors.set(extract, (customExtractors.get(extract) ?? 0) + 1);
  let registered = true;
  return () => {
    if (!registered) return;
    registered = false;
    const count = customExtractors.get(extract) ?? 0;
    if (count <= 1) customExtractors.delete(extract);
    else customExtractors.set(extract, count - 1);
  };
}

/**
 * Not a class of errors but a test: Nest picks a filter with `exception instanceof X` for each
 * X of its `@Catch()` list, and `instanceof` defers to `Symbol.hasInstance`. So the filter
 * catches CIAM errors by shape, and every other error goes on to the filters (or Nest default
 * handling) that would have received it without this package.
 */
export abstract class CiamErrorMatcher {
  static [Symbol.hasInstance](value: unknown): boolean {
    if (extractCiamError(value) !== undefined) return true;
    for (const extract of customExtractors.keys()) {
      try {
        if (extract(value) !== undefined) return true;
      } catch {
        // The mapper reports a throwing extractor when it resolves the error.
      }
    }
    return false;
  }
}
