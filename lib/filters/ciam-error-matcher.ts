import { authHostsMatcher, extractWith } from '../extraction/extract-ciam-error.util.js';
import type { AuthHostMatcher } from '../extraction/auth-hosts.util.js';
import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { ignoreRejection } from '../utils/thenable.util.js';

/** An app's `extract` option. */
export type CiamExtractor = (error: unknown) => CiamErrorInfo | undefined;

/**
 * Not a class of errors but a test: Nest picks a filter with `exception instanceof X` for each
 * X of its `@Catch()` list, and `instanceof` defers to `Symbol.hasInstance`. So the filter
 * catches CIAM errors by shape, and every other error goes on to the filters (or Nest default
 * handling) that would have received it without this package.
 *
 * This one knows the built-in shapes only; {@link matcherFor} adds an app's `extract`.
 */
export abstract class CiamErrorMatcher {
  static [Symbol.hasInstance](value: unknown): boolean {
    return extractWith(value, DEFAULT_HOSTS) !== undefined;
  }
}

const DEFAULT_HOSTS: AuthHostMatcher = authHostsMatcher(undefined);

/**
 * A matcher for the built-in shapes, under the app's `authHosts`, or what its `extract`
 * recognizes, for the `@Catch` of one app's filter: `@Catch` metadata lives on a class, so each
 * app's options get their own class rather than a process-wide list that every app's filter
 * would consult.
 */
export function matcherFor(
  extract: CiamExtractor | undefined,
  authHosts?: readonly string[],
): typeof CiamErrorMatcher {
  const hosts = authHostsMatcher(authHosts);
  return class CiamAppErrorMatcher extends CiamErrorMatcher {
    static override [Symbol.hasInstance](value: unknown): boolean {
      return (
        extractWith(value, hosts) !== undefined ||
        (extract !== undefined && recognizes(extract, value))
      );
    }
  };
}

/**
 * Whether `extract` recognizes `value`, by the mapper's rule: a truthy answer that is not a
 * promise (`extract` is synchronous). A throwing extractor recognizes nothing; the mapper
 * reports it when it resolves a CIAM error.
 */
function recognizes(extract: CiamExtractor, value: unknown): boolean {
  try {
    const info: unknown = extract(value);
    return Boolean(info) && !ignoreRejection(info);
  } catch {
    return false;
  }
}
