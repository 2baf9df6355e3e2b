import { CiamException } from './ciam.exception.js';
import { readCiamEnvelope } from './extract-ciam-error.util.js';

/**
 * For callers of the raw CIAM HTTP API (fetch, axios): returns `body.Response` when it holds no
 * `Error`, else throws the matching {@link CiamException}.
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
  if (typeof response !== 'object' || response === null) {
    throw new CiamException('InternalError', {
      upstreamMessage: 'The CIAM answer has no Response object.',
    });
  }
  return response as T & { RequestId?: string };
}
