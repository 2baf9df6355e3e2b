import type { CiamAuthEndpoint } from '../catalog/ciam-auth-code-defaults.js';
import { authEndpointOf } from './auth-hosts.util.js';
import { CiamAuthException } from './ciam-auth.exception.js';
import type { CiamAuthExceptionOptions } from './ciam-auth.exception.js';
import { headerOf } from './auth-clients.util.js';
import { attempt } from '../utils/attempt.util.js';
import { parseOAuthErrorBody, retryAfterOf } from './auth-answer.util.js';

/** What `unwrapCiamAuthResponse` reads of a fetch `Response` (or anything shaped like one). */
export interface CiamAuthResponse {
  readonly ok?: boolean;
  readonly status: number;
  readonly url?: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * For `fetch` callers of the tenant host (`/oauth2/token`, `/userinfo`, …): resolves to the
 * parsed body of a 2xx answer (`undefined` for an empty one, as `/oauth2/revoke` answers), else
 * throws the matching {@link CiamAuthException}: the body's OAuth `error`, else the Bearer
 * challenge of `WWW-Authenticate`, else what the status says (a bare 401 `invalid_client`, a 503
 * `temporarily_unavailable`, …). A 2xx that is not JSON throws too (an unexpected answer, 502).
 * `error_description` goes into the exception's `description`, for logs only.
 *
 * @example
 * const response = await fetch(`${issuer}/oauth2/token`, { method: 'POST', body: form });
 * const tokens = await unwrapCiamAuthResponse<{ access_token: string }>(response);
 * @throws CiamAuthException for an error answer, or a 2xx whose body is not JSON.
 * @publicApi
 */
export async function unwrapCiamAuthResponse<T = Record<string, unknown>>(
  response: CiamAuthResponse,
): Promise<T> {
  const status = response.status;
  const text = await response.text();
  const ok = response.ok ?? (status >= 200 && status <= 299);
  if (ok && text.trim() === '') return undefined as T;
  if (ok) {
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw CiamAuthException.uncatalogued('', {
        ...errorOptions(response),
        description: 'not JSON',
        cause,
      });
    }
  }
  const body = parseOAuthErrorBody(text);
  const error = body?.error;
  const description = body?.error_description;
  throw CiamAuthException.uncatalogued(
    // A value that is no string is malformed: `?` resolves as an unknown code, never echoed.
    typeof error === 'string' ? error : error === undefined ? '' : '?',
    {
      ...errorOptions(response),
      description: typeof description === 'string' ? description : undefined,
    },
  );
}

/** What an error answer says besides its body; read only when there is an error to throw. */
function errorOptions(response: CiamAuthResponse): CiamAuthExceptionOptions {
  const endpoint = authEndpointOf(response.url);
  const read = (name: string) => {
    const value = attempt(() => headerOf(response.headers, name), undefined);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return {
    status: response.status,
    // The exception leaves out what is undefined.
    endpoint: endpoint === 'other' ? undefined : (endpoint as CiamAuthEndpoint),
    wwwAuthenticate: read('www-authenticate'),
    retryAfter: retryAfterOf(read('retry-after')),
  };
}
