import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { fromAuthAnswer, parseOAuthErrorBody } from './auth-answer.util.js';
import { authEndpointOf } from './auth-hosts.util.js';
import type { AuthHostMatcher } from './auth-hosts.util.js';
import { upstreamText } from './upstream-text.util.js';

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null;

/** A header of a fetch `Response`'s `Headers`, an `AxiosHeaders` or a plain headers object. */
export function headerOf(headers: unknown, name: string): unknown {
  if (!isBag(headers)) return undefined;
  if (typeof headers.get === 'function') return (headers.get as (n: string) => unknown)(name);
  return headers[name];
}

/** The codes oauth4webapi (under openid-client 6) gives the errors that carry an answer. */
const OAUTH_BODY_ERROR = 'OAUTH_RESPONSE_BODY_ERROR';
const OAUTH_CHALLENGE = 'OAUTH_WWW_AUTHENTICATE_CHALLENGE';
/** An answer that is not the expected one: a bare status, or a body that is not JSON. */
const OAUTH_NOT_CONFORM = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);
/** axios's codes of a request that timed out. */
const AXIOS_TIMEOUTS = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * Errors of the HTTP clients apps reach the tenant host with, by shape (none is imported):
 * openid-client 6 and oauth4webapi (`ResponseBodyError`, `WWWAuthenticateChallengeError`, and the
 * `ClientError` of an answer without an OAuth body), and axios (also through `@nestjs/axios`).
 * Claimed only when the request went to one of `authHosts`: an OAuth error of another provider
 * the app talks to is none of CIAM's.
 */
export function fromAuthClientError(
  thrown: Bag,
  hosts: AuthHostMatcher,
): CiamErrorInfo | undefined {
  if (thrown.isAxiosError === true) return fromAxios(thrown, hosts);
  const { code } = thrown;
  if (
    code === OAUTH_BODY_ERROR ||
    code === OAUTH_CHALLENGE ||
    OAUTH_NOT_CONFORM.has(code as string)
  ) {
    // The answer: `response` of the first two (not enumerable), `cause` of the third.
    const response =
      code === OAUTH_BODY_ERROR || code === OAUTH_CHALLENGE ? thrown.response : thrown.cause;
    if (!isBag(response) || !hosts.matches(response.url)) return undefined;
    const headers = response.headers;
    let error: unknown;
    let description: unknown;
    if (code === OAUTH_BODY_ERROR) {
      error = thrown.error;
      description = thrown.error_description;
    } else if (code === OAUTH_CHALLENGE) {
      const parameters = bearerParameters(thrown.cause);
      error = parameters?.error;
      description = parameters?.error_description;
    }
    const status = typeof response.status === 'number' ? response.status : undefined;
    return fromAuthAnswer({
      status,
      error,
      description,
      // Only where they can count: a challenge when the body names no error, a delay on a 429
      // or a 503 (RFC 9110 §10.2.3).
      wwwAuthenticate: error === undefined ? headerOf(headers, 'www-authenticate') : undefined,
      retryAfter: status === 429 || status === 503 ? headerOf(headers, 'retry-after') : undefined,
      endpoint: authEndpointOf(response.url),
    });
  }
  return undefined;
}

/** The parameters of the Bearer challenge among oauth4webapi's parsed challenges. */
function bearerParameters(challenges: unknown): Bag | undefined {
  if (!Array.isArray(challenges)) return undefined;
  for (const challenge of challenges as unknown[]) {
    if (isBag(challenge) && String(challenge.scheme).toLowerCase() === 'bearer') {
      return isBag(challenge.parameters) ? challenge.parameters : undefined;
    }
  }
  return undefined;
}

/** An axios error of a request to a tenant host: its answer, or a transport failure. */
function fromAxios(error: Bag, hosts: AuthHostMatcher): CiamErrorInfo | undefined {
  const config = isBag(error.config) ? error.config : {};
  const url = urlOf(config.url, config.baseURL);
  if (!hosts.matches(url)) return undefined;
  const endpoint = authEndpointOf(url, config.method);
  const response = error.response;
  if (!isBag(response)) {
    const timedOut = AXIOS_TIMEOUTS.has(error.code as string);
    return {
      failure: timedOut ? 'timeout' : 'network',
      upstreamMessage: upstreamText(error.message),
      endpoint,
    };
  }
  // A string body is parsed; one that is not JSON (a gateway's HTML page) leaves the status to
  // decide.
  const data: unknown =
    typeof response.data === 'string' ? parseOAuthErrorBody(response.data) : response.data;
  return fromAuthAnswer({
    status: typeof response.status === 'number' ? response.status : undefined,
    error: isBag(data) ? data.error : undefined,
    description: isBag(data) ? data.error_description : undefined,
    wwwAuthenticate: headerOf(response.headers, 'www-authenticate'),
    retryAfter: headerOf(response.headers, 'retry-after'),
    endpoint,
  });
}

/** axios's request URL: `url`, resolved against `baseURL` when it is relative. */
function urlOf(url: unknown, base: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  // An app calls a handful of URLs, and the matcher and the mapper both read each error: the
  // resolution of each pair is kept (bounded), so that a URL is parsed once, not per error.
  const key = typeof base === 'string' ? `${base}\n${url}` : url;
  let resolved = resolvedUrls.get(key);
  if (resolved === undefined && !resolvedUrls.has(key)) {
    resolved = URL.canParse(url)
      ? url
      : typeof base === 'string' && URL.canParse(url, base)
        ? new URL(url, base).href
        : undefined;
    if (key.length <= MAX_URL_KEY) {
      if (resolvedUrls.size >= MAX_RESOLVED_URLS) resolvedUrls.clear();
      resolvedUrls.set(key, resolved);
    }
  }
  return resolved;
}

/** Resolved axios URLs; past the bound, forgotten all at once. Longer keys are not kept. */
const resolvedUrls = new Map<string, string | undefined>();
const MAX_RESOLVED_URLS = 256;
const MAX_URL_KEY = 2048;
