/** Upstream strings kept for logs (and span events) are cut to this length. */
export const MAX_UPSTREAM_TEXT = 1024;

/**
 * An upstream text as logs and span events keep it: at most {@link MAX_UPSTREAM_TEXT}
 * characters, also when a custom `extract` returned a longer one.
 */
export function clipUpstreamText(value: string): string {
  return value.length > MAX_UPSTREAM_TEXT ? value.slice(0, MAX_UPSTREAM_TEXT) : value;
}

/** A non-empty string cut to the length kept for logs; anything else is none. */
export function upstreamText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? clipUpstreamText(value) : undefined;
}
