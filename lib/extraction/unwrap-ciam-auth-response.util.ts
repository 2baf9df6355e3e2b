import type { CiamAuthEndpoint } from '../catalog/ciam-auth-code-defaults.js';
import { authEndpointOf } from './auth-hosts.util.js';
import { CiamAuthException } from './ciam-auth.exception.js';
import { retryAfterOf } from './auth-answer.util.js';

/** What `unwrapCiamAuthResponse` reads of a fetch `Response` (or anything shaped like one). */
export interface CiamAuthResponse {
  readonly ok?: boolean;
  readonly status: number;
  readonly url?: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** Longest body read for an `error`: OAuth error bodies are a few hundred bytes. */
const MAX_ERROR_BODY = 65_536;

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
  const endpoint = authEndpointOf(response.url) as CiamAuthEndpoint;
  const known = endpoint === ('other' as string) ? undefined : endpoint;
  const text = await response.text();
  const base = {
    status,
    ...(known !== undefined && { endpoint: known }),
    ...header(response, 'www-authenticate', (value) => ({ wwwAuthenticate: value })),
    ...header(response, 'retry-after', (value) => {
      const seconds = retryAfterOf(value);
      return seconds === undefined ? {} : { retryAfter: seconds };
    }),
  };
  const ok = response.ok ?? (status >= 200 && status <= 299);
  if (ok) {
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw CiamAuthException.uncatalogued('', { ...base, description: 'not JSON', cause });
    }
  }
  const body = parseError(text);
  const error = body?.error;
  throw CiamAuthException.uncatalogued(
    // A value that is no string is malformed: `?` resolves as an unknown code, never echoed.
    typeof error === 'string' ? error : error === undefined ? '' : '?',
    {
      ...base,
      ...(typeof body?.error_description === 'string' && { description: body.error_description }),
    },
  );
}

function parseError(text: string): { error?: unknown; error_description?: unknown } | undefined {
  if (text.length > MAX_ERROR_BODY) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

function header<T extends object>(
  response: CiamAuthResponse,
  name: string,
  use: (value: string) => T,
): T | object {
  try {
    const value = response.headers.get(name);
    return typeof value === 'string' && value !== '' ? use(value) : {};
  } catch {
    return {};
  }
}
