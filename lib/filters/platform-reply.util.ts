import type { HttpAdapterHost } from '@nestjs/core';
import * as crypto from 'node:crypto';

type HttpAdapter = HttpAdapterHost['httpAdapter'];

/** What a writer returns for a response object that is not its platform's. */
const NOT_MINE = Symbol('not this platform');

/** Everything an HTTP problem answer carries. */
export interface ProblemAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly locale: string;
  readonly retryAfter?: number;
  readonly body: string;
}

/**
 * Writes an answer to the platform's response object. Each writer makes exactly the calls on
 * the response that Nest's adapter would make for the same answer (so the bytes on the wire are
 * the same), minus the adapter's checks that cannot apply to a problem body: a stream, an
 * `Error`, a Content-Type that is not JSON.
 */
type PlatformWriter = (
  adapter: HttpAdapter,
  response: object,
  answer: ProblemAnswer,
) => void | typeof NOT_MINE;

/**
 * The adapter methods a writer stands in for, and `getType`: all must come from the one class
 * (Nest's), so that an adapter class that changes one of them gets no writer.
 */
const WRITER_METHODS = ['reply', 'setHeader', 'appendHeader', 'status', 'getType'] as const;

/**
 * Per adapter instance, its writer, or `null` when the answer goes through the adapter's own
 * methods (any adapter other than Nest's own Express and Fastify ones, or a subclass of those
 * that overrides how they reply). Decided once per adapter, at its first answer.
 */
const writers = new WeakMap<object, PlatformWriter | null>();

/**
 * Sends `answer` through the platform directly when the adapter is Nest's own Express or
 * Fastify adapter and `response` is that platform's response object; otherwise through the
 * adapter (`setHeader`, `appendHeader`, `reply`). Throws what the platform throws.
 *
 * Why: Nest's adapters, given a string, run checks that a problem body never needs, and on
 * Express `response.send(string)` re-parses and rewrites the Content-Type that is already set
 * (`setCharset`) and converts the string to a Buffer for the ETag. A Buffer with the same
 * Content-Type already set gives Express the same headers (Content-Type, Content-Length,
 * ETag) and body without that work. See bench/README.md for what it saves.
 */
export function writeProblem(adapter: HttpAdapter, response: unknown, answer: ProblemAnswer): void {
  let writer = writers.get(adapter);
  if (writer === undefined) {
    writer = writerFor(adapter);
    writers.set(adapter, writer);
  }
  if (writer !== null && isObject(response) && writer(adapter, response, answer) !== NOT_MINE) {
    return;
  }
  writeThroughAdapter(adapter, response, answer);
}

function writeThroughAdapter(adapter: HttpAdapter, response: unknown, answer: ProblemAnswer): void {
  adapter.setHeader(response, 'Content-Type', answer.contentType);
  adapter.setHeader(response, 'Content-Language', answer.locale);
  if (typeof adapter.appendHeader === 'function') {
    adapter.appendHeader(response, 'Vary', 'Accept-Language');
  } else {
    adapter.setHeader(response, 'Vary', 'Accept-Language');
  }
  if (answer.retryAfter !== undefined) {
    adapter.setHeader(response, 'Retry-After', String(answer.retryAfter));
  }
  // A string body: Fastify would not serialize an object sent as application/problem+json.
  adapter.reply(response, answer.body, answer.status);
}

/** The writer for Nest's own adapter classes, `null` for any other adapter. */
function writerFor(adapter: HttpAdapter): PlatformWriter | null {
  try {
    const owner = ownerOf(adapter, 'reply');
    if (owner === undefined || WRITER_METHODS.some((name) => ownerOf(adapter, name) !== owner)) {
      return null;
    }
    const className: unknown = (owner as { constructor?: { name?: unknown } }).constructor?.name;
    const type: unknown = typeof adapter.getType === 'function' ? adapter.getType() : undefined;
    if (className === 'ExpressAdapter' && type === 'express') return writeExpress;
    if (className === 'FastifyAdapter' && type === 'fastify') return writeFastify;
  } catch {
    // A hostile adapter: the adapter's own methods, which the filter already guards.
  }
  return null;
}

/** The prototype that defines `name` for `adapter`; `undefined` when it is an own property. */
function ownerOf(adapter: object, name: string): object | undefined {
  if (Object.prototype.hasOwnProperty.call(adapter, name)) return undefined;
  let proto: object | null = Object.getPrototypeOf(adapter) as object | null;
  while (proto !== null) {
    if (Object.prototype.hasOwnProperty.call(proto, name)) return proto;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

interface ExpressResponse {
  app?: { get?(setting: string): unknown };
  send(body: Buffer): unknown;
  set(name: string, value: string): unknown;
  append(name: string, value: string): unknown;
  status(code: number): unknown;
  get(name: string): unknown;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
}

/** The Express methods whose work the writer takes over or changes the argument of. */
const EXPRESS_METHODS = ['send', 'set', 'append', 'status', 'get'] as const;
type ExpressMethods = Pick<ExpressResponse, (typeof EXPRESS_METHODS)[number]>;

/**
 * Per response prototype (each Express app's `app.response`), Express's own methods as found
 * there, or `null` when they are not all defined by one object (something replaced one).
 */
const expressMethods = new WeakMap<object, ExpressMethods | null>();

/**
 * Whether `res` still has Express's own `send`, `set`, `append`, `status` and `get`: a
 * middleware that wraps one (to rewrite or log bodies, to change a header) must see what the
 * adapter path gives it, a string through `res.send` and every header through `res.set`, so such
 * a response goes through the adapter.
 */
function hasExpressOwnMethods(res: Partial<ExpressResponse>): boolean {
  const proto = Object.getPrototypeOf(res) as object | null;
  if (proto === null) return false;
  let own = expressMethods.get(proto);
  if (own === undefined) {
    own = expressMethodsOf(proto);
    expressMethods.set(proto, own);
  }
  // Compared on every answer: an override on the response itself, or one made later on a
  // prototype, resolves to another function.
  return (
    own !== null &&
    res.send === own.send &&
    res.set === own.set &&
    res.append === own.append &&
    res.status === own.status &&
    res.get === own.get
  );
}

function expressMethodsOf(proto: object): ExpressMethods | null {
  const owner = ownerOf(proto, 'send');
  if (owner === undefined || EXPRESS_METHODS.some((name) => ownerOf(proto, name) !== owner)) {
    return null;
  }
  const methods = owner as Partial<ExpressMethods>;
  return EXPRESS_METHODS.every((name) => typeof methods[name] === 'function')
    ? (methods as ExpressMethods)
    : null;
}

/**
 * Nest's ExpressAdapter: `setHeader` is `response.set` (for a Content-Type that names its
 * charset, as ours do, and for plain strings, Express sets the value as given), `appendHeader`
 * is the adapter's own, `reply` is `response.status` then `response.send`. The body goes as a
 * Buffer, and the ETag of the app's `etag` setting is set beforehand where this module has
 * proven it computes the same one as Express (see {@link expressEtag}).
 */
function writeExpress(
  adapter: HttpAdapter,
  response: object,
  answer: ProblemAnswer,
): void | typeof NOT_MINE {
  const res = response as Partial<ExpressResponse>;
  if (
    typeof res.getHeader !== 'function' ||
    typeof res.setHeader !== 'function' ||
    !hasExpressOwnMethods(res)
  ) {
    return NOT_MINE;
  }
  const express = res as ExpressResponse;
  express.setHeader('Content-Type', answer.contentType);
  express.setHeader('Content-Language', answer.locale);
  // What `res.append` does when there is no Vary yet; with one, the adapter's own append.
  if (express.getHeader('Vary') === undefined) express.setHeader('Vary', 'Accept-Language');
  else adapter.appendHeader(express, 'Vary', 'Accept-Language');
  if (answer.retryAfter !== undefined) {
    express.setHeader('Retry-After', String(answer.retryAfter));
  }
  express.status(answer.status);
  const body = Buffer.from(answer.body, 'utf8');
  const etag = expressEtag(express, answer.body, body);
  express.send(body);
  if (etag !== undefined) etag.check(express.getHeader('ETag'));
}

/** What Express's own ETag settings compute: the `etag` package's tag of the body's bytes. */
const ETAG_SETTINGS = new Map<unknown, boolean>([
  [true, true],
  ['weak', true],
  ['strong', false],
]);

/**
 * Per Express app: the ETag setting and generator last seen, and whether {@link etagOf} gave
 * Express's own tag for them (`undefined` until an answer has shown it).
 */
interface EtagProof {
  readonly setting: unknown;
  readonly generator: unknown;
  proven: boolean | undefined;
}
const etagProofs = new WeakMap<object, EtagProof>();

/**
 * Express's `res.send` hashes every body for its ETag with `crypto.createHash`, which measured
 * about 5 µs of server CPU per answer here: most of the cost of an Express error answer that
 * is ours to change. For the built-in settings (`true`, `'weak'`, `'strong'`, read with the
 * public `app.get('etag')`), the tag is the length and SHA-1 of the bytes, which
 * `crypto.hash` computes in one call; setting it (after Content-Length, in Express's order)
 * makes `res.send` keep it. The first answer of each app, and again whenever its setting or the
 * generator Express compiled from it changes, is left to Express and compared with ours: only a
 * match lets later answers use ours, so another Express, another `etag` package or a custom
 * generator can never get a different header.
 *
 * Returns the check to run on Express's header after `send` when the proof is still to make;
 * `undefined` otherwise.
 */
function expressEtag(
  res: ExpressResponse,
  text: string,
  body: Buffer,
): { check(sent: unknown): void } | undefined {
  const app = res.app;
  if (typeof crypto.hash !== 'function' || typeof app?.get !== 'function') return undefined;
  const setting = app.get('etag');
  const weak = ETAG_SETTINGS.get(setting);
  // Off, or the app's own function, or a tag already set (as `res.send` tests it: truthy), or
  // a Transfer-Encoding (Express versions differ on Content-Length then): Express does as it
  // always does.
  if (weak === undefined || res.getHeader('ETag') || res.getHeader('Transfer-Encoding')) {
    return undefined;
  }
  // What Express will call: only compared, never called, so that a generator set another way
  // than through `etag` needs a proof of its own.
  const generator = app.get('etag fn');
  let proof = etagProofs.get(app);
  if (proof === undefined || proof.setting !== setting || proof.generator !== generator) {
    proof = { setting, generator, proven: undefined };
    etagProofs.set(app, proof);
  }
  if (proof.proven === false) return undefined;
  const tag = etagOf(text, body, weak);
  if (proof.proven === true) {
    // Where `res.send` would set it, so that the headers keep Express's order.
    res.setHeader('Content-Length', String(body.length));
    res.setHeader('ETag', tag);
    return undefined;
  }
  const pending = proof;
  return {
    check(sent) {
      pending.proven = sent === tag;
    },
  };
}

/**
 * Strong tags of recent bodies. Most of an answer is fixed per rule and locale, and an error
 * that carries no upstream request id (a `CiamException` thrown by the app) on a path without
 * ids comes back byte for byte: its tag is computed once. Bounded: emptied when full, so that
 * bodies that never repeat (request ids, ids in paths) cost one insertion each and no memory.
 */
const recentTags = new Map<string, string>();
const MAX_RECENT_TAGS = 256;
const MAX_TAGGED_LENGTH = 1024;

/** The `etag` package's tag of a body: `W/"<length in hex>-<27 characters of base64 SHA-1>"`. */
function etagOf(text: string, body: Buffer, weak: boolean): string {
  let tag = recentTags.get(text);
  if (tag === undefined) {
    tag = `"${body.length.toString(16)}-${crypto.hash('sha1', body, 'base64').slice(0, 27)}"`;
    if (text.length <= MAX_TAGGED_LENGTH) {
      if (recentTags.size >= MAX_RECENT_TAGS) recentTags.clear();
      recentTags.set(text, tag);
    }
  }
  return weak ? `W/${tag}` : tag;
}

interface FastifyReply {
  code(status: number): unknown;
  header(name: string, value: unknown): unknown;
  getHeader(name: string): unknown;
  send(body: string): unknown;
}

/**
 * Nest's FastifyAdapter with a Fastify reply (a raw Node.js response, as in middleware, goes
 * through the adapter): `setHeader` is `reply.header`, `appendHeader` is the adapter's own,
 * `reply` is `reply.code` then `reply.send`.
 */
function writeFastify(
  adapter: HttpAdapter,
  response: object,
  answer: ProblemAnswer,
): void | typeof NOT_MINE {
  const reply = response as Partial<FastifyReply>;
  if (
    // The adapter's own test for a raw response.
    !('status' in response) ||
    typeof reply.code !== 'function' ||
    typeof reply.header !== 'function' ||
    typeof reply.getHeader !== 'function' ||
    typeof reply.send !== 'function'
  ) {
    return NOT_MINE;
  }
  const fastify = reply as FastifyReply;
  // Fastify keeps header names in lower case: given so, it has no new string to make for each.
  fastify.header('content-type', answer.contentType);
  fastify.header('content-language', answer.locale);
  // With no Vary yet, every NestJS sets it; with one, NestJS 11's adapter replaces it and 12's
  // extends it: the adapter's own append then.
  if (fastify.getHeader('vary') === undefined) fastify.header('vary', 'Accept-Language');
  else adapter.appendHeader(fastify, 'Vary', 'Accept-Language');
  if (answer.retryAfter !== undefined) {
    fastify.header('retry-after', String(answer.retryAfter));
  }
  fastify.code(answer.status);
  fastify.send(answer.body);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
