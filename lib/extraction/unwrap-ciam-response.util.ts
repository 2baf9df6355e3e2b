import { CiamException } from './ciam.exception.js';
import { readCiamEnvelope } from './extract-ciam-error.util.js';

/**
 * For callers of the raw CIAM HTTP API (fetch, axios): returns `body.Response` when it holds no
 * `Error`, else throws the matching {@link CiamException}.
 *
 * Anything else is an upstream answer we cannot trust, and throws a `CiamException` with an
 * empty (unknown) code, answered 502: a body without a `Response` object (`null`, a string, an
 * array), or a `Response` whose `Error` key is present but not an error object (`'Code'`,
 * `null`, `false`).
 *
 * @example
 * const res = await fetch(endpoint, { method: 'POST', headers, body });
 * const { User } = unwrapCiamResponse<{ User: CiamUser }>(await res.json());
 * @throws CiamException when the envelope carries an error, or when `body` is no CIAM envelope.
 * @publicApi
 */
export function unwrapCiamResponse<T extends object = Record<string, unknown>>(
  body: unknown,
): T & { RequestId?: string } {
  const info = readCiamEnvelope(body);
  if (info) {
    throw CiamException.uncatalogued(info.code ?? '', {
      requestId: info.requestId,
      upstreamMessage: info.upstreamMessage,
    });
  }
  const response = (body as { Response?: unknown } | null | undefined)?.Response;
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw malformed('The CIAM answer has no Response object.');
  }
  if (Object.hasOwn(response, 'Error')) {
    throw malformed('The CIAM answer has an Error that is not an error object.');
  }
  return response as T & { RequestId?: string };
}

/** An unknown code: resolved with `fallbackStatus` (502), hidden, never echoed. */
function malformed(upstreamMessage: string): CiamException {
  return CiamException.uncatalogued('', { upstreamMessage });
}
