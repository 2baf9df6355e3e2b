import type { HttpAdapterHost } from '@nestjs/core';
import * as crypto from 'node:crypto';

type HttpAdapter = HttpAdapterHost['httpAdapter'];

/** Everything an HTTP problem answer carries. */
export interface ProblemAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly locale: string;
  readonly retryAfter?: number;
  readonly body: string;
}

/** How the answer's headers are named for one adapter. */
interface HeaderNames {
  readonly contentType: string;
  readonly contentLanguage: string;
  readonly vary: string;
  readonly retryAfter: string;
}

const HEADER_NAMES: HeaderNames = {
  contentType: 'Content-Type',
  contentLanguage: 'Content-Language',
  vary: 'Vary',
  retryAfter: 'Retry-After',
};
/**
 * Fastify keeps a reply's header names in lower case: given so, it makes no new string for each,
 * and the wire is the same.
 */
const LOWER_CASE_NAMES: HeaderNames = {
  contentType: 'content-type',
  contentLanguage: 'content-language',
  vary: 'vary',
  retryAfter: 'retry-after',
};

/** What the filter knows of an adapter, decided at its first answer. */
interface AdapterProfile {
  /**
   * Nest's own FastifyAdapter, unchanged: header names in lower case for its replies (a raw
   * response keeps them as given).
   */
  readonly fastify: boolean;
  /** Nest's own ExpressAdapter, unchanged: the one whose ETag work can be done beforehand. */
  readonly express: boolean;
}

const NO_SHORTCUTS: AdapterProfile = { fastify: false, express: false };
const profiles = new WeakMap<object, AdapterProfile>();

/**
 * Sends `answer` through the adapter (`setHeader`, `appendHeader`, `reply`: the package never
 * calls the platform's response itself). On Nest's own ExpressAdapter, the ETag that Express's
 * `res.send` would compute is set beforehand, where it is proven to be the same (see
 * {@link expressEtag}). Throws what the adapter throws.
 */
export function writeProblem(adapter: HttpAdapter, response: unknown, answer: ProblemAnswer): void {
  let profile = profiles.get(adapter);
  if (profile === undefined) {
    profile = profileOf(adapter);
    profiles.set(adapter, profile);
  }
  const names =
    profile.fastify && typeof response === 'object' && response !== null && 'status' in response
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
  const etag = profile.express ? expressEtag(adapter, response, answer.body) : undefined;
  // A string body: Fastify would not serialize an object sent as application/problem+json.
  adapter.reply(response, answer.body, answer.status);
  if (etag !== undefined) etag.check(adapter.getHeader(response, 'ETag'));
}

/**
 * The adapter methods the shortcuts rely on: all must come from Nest's own adapter class, so that
 * an adapter class that changes one of them gets neither shortcut.
 */
const ADAPTER_METHODS = ['reply', 'setHeader', 'appendHeader', 'getHeader', 'getType'];

function profileOf(adapter: HttpAdapter): AdapterProfile {
  try {
    const owner = ownerOf(adapter, 'reply');
    if (owner === undefined || ADAPTER_METHODS.some((name) => ownerOf(adapter, name) !== owner)) {
      return NO_SHORTCUTS;
    }
    const className: unknown = (owner as { constructor?: { name?: unknown } }).constructor?.name;
    const type: unknown = adapter.getType();
    return {
      fastify: type === 'fastify' && className === 'FastifyAdapter',
      express: type === 'express' && className === 'ExpressAdapter',
    };
  } catch {
    // A hostile adapter: its own methods, nothing more.
    return NO_SHORTCUTS;
  }
}

/** The prototype that defines `name` for `target`; `undefined` when it is an own property. */
function ownerOf(target: object, name: string): object | undefined {
  if (Object.prototype.hasOwnProperty.call(target, name)) return undefined;
  let proto: object | null = Object.getPrototypeOf(target) as object | null;
  while (proto !== null) {
    if (Object.prototype.hasOwnProperty.call(proto, name)) return proto;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

/** The Express methods that `res.send` and the adapter's `setHeader` run through. */
const EXPRESS_METHODS = ['send', 'set', 'get'] as const;
type ExpressMethods = Record<(typeof EXPRESS_METHODS)[number], unknown>;

/**
 * Per response prototype (each Express app's `app.response`), Express's own `send`, `set` and
 * `get` as found there, or `null` when one object does not define them all.
 */
const expressMethods = new WeakMap<object, ExpressMethods | null>();

/**
 * Whether the response still has Express's own `send`, `set` and `get`: a middleware that wraps
 * `res.send` can change the body after the ETag was computed, so such a response keeps
 * Express's own ETag. Only read, never called.
 */
function hasExpressOwnMethods(response: unknown): boolean {
  if (typeof response !== 'object' || response === null) return false;
  const proto = Object.getPrototypeOf(response) as object | null;
  if (proto === null) return false;
  let own = expressMethods.get(proto);
  if (own === undefined) {
    const owner = ownerOf(proto, 'send');
    own =
      owner !== undefined && EXPRESS_METHODS.every((name) => ownerOf(proto, name) === owner)
        ? (owner as ExpressMethods)
        : null;
    expressMethods.set(proto, own);
  }
  // Compared on every answer: an override on the response itself, or one made later on a
  // prototype, resolves to another function.
  const res = response as ExpressMethods;
  return own !== null && res.send === own.send && res.set === own.set && res.get === own.get;
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
 * public `app.get('etag')` on the adapter's instance), the tag is the length and SHA-1 of the
 * body's bytes, which `crypto.hash` computes in one call; set through the adapter (after
 * Content-Length, in Express's order), `res.send` keeps it. The first answer of each app, and
 * again whenever its setting or the generator Express compiled from it changes, is left to
 * Express and compared with ours: only a match lets later answers use ours, so another Express,
 * another `etag` package or a custom generator can never get a different header.
 *
 * Returns the check to run on the sent ETag when the proof is still to make; `undefined`
 * otherwise.
 */
function expressEtag(
  adapter: HttpAdapter,
  response: unknown,
  text: string,
): { check(sent: unknown): void } | undefined {
  const app = adapter.getInstance<{ get?(setting: string): unknown } | undefined>();
  if (typeof crypto.hash !== 'function' || typeof app?.get !== 'function') return undefined;
  const setting = app.get('etag');
  const weak = ETAG_SETTINGS.get(setting);
  // Off, or the app's own function; a tag already set (as `res.send` tests it: truthy); a
  // Transfer-Encoding (Express versions differ on Content-Length then); a wrapped `res.send`:
  // Express does as it always does.
  if (
    weak === undefined ||
    adapter.getHeader(response, 'ETag') ||
    adapter.getHeader(response, 'Transfer-Encoding') ||
    !hasExpressOwnMethods(response)
  ) {
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
  const tag = etagOf(text, weak);
  if (proof.proven === true) {
    // Where `res.send` would set it, so that the headers keep Express's order.
    adapter.setHeader(response, 'Content-Length', String(Buffer.byteLength(text)));
    adapter.setHeader(response, 'ETag', tag);
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

/**
 * The `etag` package's tag of a body's UTF-8 bytes:
 * `W/"<length in hex>-<27 characters of base64 SHA-1>"`.
 */
function etagOf(text: string, weak: boolean): string {
  let tag = recentTags.get(text);
  if (tag === undefined) {
    const length = Buffer.byteLength(text, 'utf8');
    tag = `"${length.toString(16)}-${crypto.hash('sha1', text, 'base64').slice(0, 27)}"`;
    if (text.length <= MAX_TAGGED_LENGTH) {
      if (recentTags.size >= MAX_RECENT_TAGS) recentTags.clear();
      recentTags.set(text, tag);
    }
  }
  return weak ? `W/${tag}` : tag;
}
