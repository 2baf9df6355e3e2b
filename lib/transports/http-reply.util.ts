import type { HttpAdapterHost } from '@nestjs/core';

type HttpAdapter = HttpAdapterHost['httpAdapter'];

/** Everything an HTTP problem answer carries. */
export interface ProblemAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly locale: string;
  readonly retryAfter?: number;
  readonly wwwAuthenticate?: string;
  readonly body: string;
}

/** How the answer's headers are named for one adapter. */
interface HeaderNames {
  readonly contentType: string;
  readonly contentLanguage: string;
  readonly vary: string;
  readonly retryAfter: string;
  readonly wwwAuthenticate: string;
}

const HEADER_NAMES: HeaderNames = {
  contentType: 'Content-Type',
  contentLanguage: 'Content-Language',
  vary: 'Vary',
  retryAfter: 'Retry-After',
  wwwAuthenticate: 'WWW-Authenticate',
};
/**
 * Fastify keeps a reply's header names in lower case: given so, it makes no new string for each,
 * and the wire is the same. A raw Node.js response keeps the names as given.
 */
const LOWER_CASE_NAMES: HeaderNames = {
  contentType: 'content-type',
  contentLanguage: 'content-language',
  vary: 'vary',
  retryAfter: 'retry-after',
  wwwAuthenticate: 'www-authenticate',
};

/** The adapter's platform (`getType()`), read once per adapter. */
const platforms = new WeakMap<object, unknown>();

function platformOf(adapter: HttpAdapter): unknown {
  let platform = platforms.get(adapter);
  if (platform === undefined) {
    try {
      platform = adapter.getType();
    } catch {
      platform = null; // a hostile adapter: its `reply`, nothing more
    }
    platforms.set(adapter, platform);
  }
  return platform;
}

/**
 * Sends `answer` through the adapter (`setHeader`, `appendHeader`, `status`, `end`, `reply`: the
 * package never calls the platform's response itself). Throws what the adapter throws.
 *
 * A problem answer carries no ETag (docs/how-it-decides.md, "How the answer is written"): on
 * Express, whose `res.send` (behind the adapter's `reply`) would add one and answer a conditional
 * GET of a 2xx problem with an empty 304, the body is written with the adapter's `end` after the
 * status and a Content-Length. Fastify adds no ETag; its `reply` serializes nothing of its own for
 * a string body.
 */
export function writeProblem(adapter: HttpAdapter, response: unknown, answer: ProblemAnswer): void {
  const platform = platformOf(adapter);
  const names =
    platform === 'fastify' && typeof response === 'object' && response !== null && 'raw' in response
      ? LOWER_CASE_NAMES
      : HEADER_NAMES;
  adapter.setHeader(response, names.contentType, answer.contentType);
  adapter.setHeader(response, names.contentLanguage, answer.locale);
  if (typeof adapter.appendHeader === 'function') {
    adapter.appendHeader(response, names.vary, 'Accept-Language');
  } else {
    adapter.setHeader(response, names.vary, 'Accept-Language');
  }
  if (answer.retryAfter !== undefined) {
    adapter.setHeader(response, names.retryAfter, String(answer.retryAfter));
  }
  if (answer.wwwAuthenticate !== undefined) {
    adapter.setHeader(response, names.wwwAuthenticate, answer.wwwAuthenticate);
  }
  if (platform === 'express') {
    // A Transfer-Encoding a middleware set wins: both headers at once would be ambiguous.
    if (!adapter.getHeader(response, 'Transfer-Encoding')) {
      adapter.setHeader(response, 'Content-Length', String(Buffer.byteLength(answer.body)));
    }
    adapter.status(response, answer.status);
    adapter.end(response, answer.body);
    return;
  }
  // A string body: Fastify would not serialize an object sent as application/problem+json.
  adapter.reply(response, answer.body, answer.status);
}
