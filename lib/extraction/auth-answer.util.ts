import type { CiamErrorInfo } from '../interfaces/ciam-error-info.interface.js';
import { upstreamText } from './upstream-text.util.js';

/** An `error` value as CIAM and RFC 6749 spell them; anything else is unknown, never echoed. */
const ERROR_VALUE = /^[a-z][a-z0-9_]{0,63}$/;
/** Longest `WWW-Authenticate` or `Retry-After` value read: hostile headers can be huge. */
const MAX_HEADER_LENGTH = 4096;
const MAX_RETRY_AFTER = 86_400;
/** The endpoints that take a Bearer access token (RFC 6750). */
const BEARER_ENDPOINTS = new Set(['userinfo', 'userinfo_update', 'change_password']);

/** What the tenant host answered, read by any of the clients apps use. */
interface AuthAnswer {
  readonly status?: number;
  /** The OAuth `error` of the body; a non-string counts as a malformed value. */
  readonly error?: unknown;
  readonly description?: unknown;
  readonly wwwAuthenticate?: unknown;
  readonly retryAfter?: unknown;
  readonly endpoint: string;
}

/**
 * The `error` and `error_description` of the Bearer challenge of a `WWW-Authenticate` value
 * (RFC 6750 §3), read in one pass over at most 4 KiB; `undefined` without a Bearer challenge.
 */
function bearerChallengeOf(header: unknown): { error?: string; description?: string } | undefined {
  if (typeof header !== 'string' || header.length > MAX_HEADER_LENGTH) return undefined;
  const scheme = /(?:^|,)\s*bearer(?:\s+|$)/i.exec(header);
  if (scheme === null) return undefined;
  const params: Record<string, string> = {};
  const param = /\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(,|$)/y;
  param.lastIndex = scheme.index + scheme[0].length;
  for (let match = param.exec(header); match !== null; match = param.exec(header)) {
    const name = match[1]!.toLowerCase();
    params[name] ??= match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    if (match[4] === '') break;
  }
  return { error: params.error, description: params.error_description };
}

/** Longest body read for an `error`: OAuth error bodies are a few hundred bytes. */
const MAX_ERROR_BODY = 65_536;

/** An error answer's body as JSON: its fields, or `undefined` (too long, not JSON, no object). */
export function parseOAuthErrorBody(
  text: string,
): { error?: unknown; error_description?: unknown } | undefined {
  if (text.length > MAX_ERROR_BODY) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in whole seconds: delay-seconds or an HTTP date; else none. */
export function retryAfterOf(value: unknown, now = Date.now()): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? Math.min(value, MAX_RETRY_AFTER) : undefined;
  }
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER);
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) return undefined;
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), MAX_RETRY_AFTER);
}

/**
 * The error of an answer of the tenant host: its OAuth `error`, else the Bearer challenge's,
 * else what the status alone says (a bare 401 is a failed client authentication, or a missing
 * or bad token on a Bearer endpoint, a 403 a refusal or a missing scope, a 404 of a Bearer
 * endpoint an unknown user; a 503 an outage; any other 5xx an upstream failure; a 2xx that is no
 * JSON an invalid answer; anything else an unexpected answer).
 */
export function fromAuthAnswer(answer: AuthAnswer): CiamErrorInfo {
  const { status, endpoint, wwwAuthenticate } = answer;
  // Read only when there is one: most answers carry the error in their body.
  const challenge =
    wwwAuthenticate === undefined || wwwAuthenticate === null
      ? undefined
      : bearerChallengeOf(wwwAuthenticate);
  const given = answer.error !== undefined && answer.error !== '' ? answer.error : challenge?.error;
  let code: string | undefined;
  let failure: CiamErrorInfo['failure'];
  if (given !== undefined && given !== '') {
    // A malformed value is an unknown code: hidden, never echoed.
    code = typeof given === 'string' && ERROR_VALUE.test(given) ? given : '';
  } else {
    code = codeOfStatus(status, BEARER_ENDPOINTS.has(endpoint));
    if (code === undefined)
      failure = status === undefined || status < 400 ? 'invalid-response' : 'http';
  }
  return {
    code,
    failure,
    httpCode: failure === 'http' ? status : undefined,
    upstreamMessage: upstreamText(answer.description) ?? upstreamText(challenge?.description),
    endpoint,
    upstreamStatus: Number.isInteger(status) ? status : undefined,
    retryAfter:
      answer.retryAfter === undefined || answer.retryAfter === null
        ? undefined
        : retryAfterOf(answer.retryAfter),
  };
}

/** What a status alone says, where it says something: see {@link fromAuthAnswer}. */
function codeOfStatus(status: number | undefined, bearer: boolean): string | undefined {
  if (status === 401) return bearer ? 'invalid_token' : 'invalid_client';
  if (status === 403) return bearer ? 'insufficient_scope' : 'access_denied';
  // openid-client reads no body of a 404 from /userinfo: the user of the token is gone.
  if (status === 404 && bearer) return 'user_not_found';
  if (status === 503) return 'temporarily_unavailable';
  if (status !== undefined && status >= 500 && status <= 599) return 'server_error';
  return undefined;
}
