import * as client from 'openid-client';
import { CiamAuthException } from 'nestjs-ciam-errors';
import type { CiamAuthEndpoint } from 'nestjs-ciam-errors';

/**
 * A request to the tenant host that got no answer, as the package's `CiamAuthException`: it
 * timed out (answered 504) or the connection failed (502).
 *
 * nestjs-ciam-errors reads openid-client's errors that carry an answer (an OAuth error body, a
 * Bearer challenge, an unexpected status) by the host they came from, but not these two:
 * openid-client throws a `ClientError` with code `OAUTH_TIMEOUT` for the first and fetch's bare
 * `TypeError('fetch failed')` for the second, and neither says which host it was. `AuthService`
 * says it for them.
 */
export function tenantHostFailure(
  error: unknown,
  endpoint: CiamAuthEndpoint,
): CiamAuthException | undefined {
  const failure =
    error instanceof client.ClientError && error.code === 'OAUTH_TIMEOUT'
      ? 'timeout'
      : // undici's message for any failure to connect, send or receive (its cause says which).
        error instanceof TypeError && error.message === 'fetch failed'
        ? 'network'
        : undefined;
  if (failure === undefined) return undefined;
  const cause = error as { message?: unknown; cause?: { message?: unknown } };
  const reason = cause.cause?.message ?? cause.message;
  // The reason is for the log line only: never sent to clients.
  return CiamAuthException.uncatalogued('', {
    failure,
    endpoint,
    ...(typeof reason === 'string' && { description: reason }),
    cause: error,
  });
}
