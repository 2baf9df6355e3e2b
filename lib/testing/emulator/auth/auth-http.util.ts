import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { isRecord } from '../params.util.js';
import { oauthError } from './oauth-error.js';
import type { AuthHttpError } from './oauth-error.js';

/** One request to the tenant host, body already read. */
export interface AuthRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What an endpoint answers: a JSON body, a redirect, or an empty 200. */
export type AuthResponse =
  | { kind: 'json'; status?: number; body: unknown; noStore?: boolean }
  | { kind: 'redirect'; location: string }
  | { kind: 'empty' };

export type BodyParams = Readonly<Record<string, unknown>>;

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function header(request: AuthRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function mediaType(request: AuthRequest): string | undefined {
  return header(request, 'content-type')?.split(';', 1)[0].trim().toLowerCase();
}

function formParams(body: Buffer): BodyParams {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    // RFC 6749 §3.2: a parameter sent twice is an invalid request.
    if (Object.hasOwn(params, name)) {
      throw oauthError('invalid_request', `OAuth 2.0 Parameter: ${name}`);
    }
    params[name] = value;
  }
  return params;
}

function jsonParams(body: Buffer): BodyParams {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw oauthError('invalid_request', 'The request body is not valid JSON.');
  }
  if (!isRecord(parsed)) {
    throw oauthError('invalid_request', 'The request body must be a JSON object.');
  }
  return parsed;
}

/**
 * The body as parameters: `application/x-www-form-urlencoded` and/or `application/json`, as
 * `accepted` allows; an empty body is `{}`.
 */
export function readParams(
  request: AuthRequest,
  accepted: readonly ('form' | 'json')[],
): BodyParams {
  if (request.body.length === 0) return {};
  const type = mediaType(request);
  if (type === 'application/x-www-form-urlencoded' && accepted.includes('form')) {
    return formParams(request.body);
  }
  if (type === 'application/json' && accepted.includes('json')) return jsonParams(request.body);
  const expected = accepted
    .map((kind) => (kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json'))
    .join(' or ');
  throw oauthError('invalid_request', `The Content-Type must be ${expected}.`);
}

/** A string parameter; absent or empty → `undefined`, any other type → `invalid_request`. */
export function stringParam(params: BodyParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw oauthError('invalid_request', `OAuth 2.0 Parameter: ${name}`);
  }
  return value;
}

export function requireParam(params: BodyParams, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined) throw oauthError('invalid_request', `OAuth 2.0 Parameter: ${name}`);
  return value;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** `Bearer error="…", error_description="…", error_uri="…"` */
export function bearerChallenge(error: AuthHttpError): string {
  const parts = [`error=${quoted(error.error ?? 'invalid_request')}`];
  if (error.description !== undefined) parts.push(`error_description=${quoted(error.description)}`);
  if (error.errorUri !== undefined) parts.push(`error_uri=${quoted(error.errorUri)}`);
  return `Bearer ${parts.join(', ')}`;
}

function end(response: ServerResponse, status: number, body: string, contentType?: string): void {
  if (response.headersSent || response.destroyed) return;
  response.statusCode = status;
  if (contentType !== undefined) response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(body);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  noStore = false,
): void {
  if (noStore) {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
  }
  end(response, status, JSON.stringify(body), JSON_CONTENT_TYPE);
}

export function sendEmpty(response: ServerResponse, status: number): void {
  end(response, status, '');
}

export function sendText(
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
): void {
  end(response, status, body, contentType);
}

/** Renders an error in its form; see `CiamAuthErrorForm`. */
export function sendError(response: ServerResponse, error: AuthHttpError): void {
  if (error.form === 'bare') return sendEmpty(response, error.status);
  if (error.form === 'www-authenticate') {
    response.setHeader('WWW-Authenticate', bearerChallenge(error));
    return sendEmpty(response, error.status);
  }
  const body: Record<string, string> = { error: error.error ?? 'invalid_request' };
  if (error.description !== undefined) body.error_description = error.description;
  if (error.errorUri !== undefined) body.error_uri = error.errorUri;
  sendJson(response, error.status, body, true);
}

export function sendResponse(response: ServerResponse, answer: AuthResponse): void {
  if (answer.kind === 'empty') return sendEmpty(response, 200);
  if (answer.kind === 'redirect') {
    response.setHeader('Location', answer.location);
    return sendEmpty(response, 302);
  }
  sendJson(response, answer.status ?? 200, answer.body, answer.noStore);
}
