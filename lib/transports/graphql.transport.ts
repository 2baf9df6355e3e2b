import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { attempt } from '../utils/attempt.util.js';
import { safeId } from '../utils/safe-id.util.js';
import type { CiamCall, CiamTransport, RouteIdentity } from './ciam-transport.interface.js';
import { UNKNOWN_EXCEPTION_MESSAGE } from './ciam-transport.interface.js';
import { argsOf, isObject, logName } from './outside-http.util.js';

/**
 * The route of each resolver call, keyed by graphql-js's `info` (`[root, args, context, info]`),
 * made for each field it resolves: the context is shared by every field of an operation, so it
 * would mix resolvers. Nest builds one arguments array for the guards and another for the filter;
 * `info` is in both.
 */
const routes = new WeakMap<object, RouteIdentity>();

/**
 * GraphQL (Apollo, Mercurius): the error becomes the field's GraphQL error, with
 * `extensions { code, status, requestId?, retryAfter? }`. The caller is the HTTP request behind
 * the operation: both Nest drivers put it in the context as `req` (Apollo the Express request,
 * Mercurius the Fastify one; Mercurius also keeps it as `reply.request`). Without one (a
 * subscription over a socket), the caller is the GraphQL context itself.
 */
export const GRAPHQL_TRANSPORT: CiamTransport = {
  remember(context, route) {
    const info: unknown = context.getArgs()[3];
    if (isObject(info)) routes.set(info, route);
  },

  read(host): CiamCall {
    const args = argsOf(host);
    const context = args[2];
    const info = args[3];
    const route = isObject(info) ? routes.get(info) : undefined;
    const name = logName(attempt(() => fieldOf(info), undefined));
    return {
      context: {
        request: attempt(() => requestOf(context), undefined) ?? context,
        controller: route?.controller,
        handler: route?.handler,
        host,
      },
      kind: 'graphql',
      where: () => `graphql ${name}`,
    };
  },

  answer(problem, _view, _call, _host, kit) {
    // A resolved null, never a falsy value: NestJS 11 rethrows the original error on any falsy
    // result (12 on `undefined`), and graphql-js would send its message. An override's 2xx hides
    // the error (CiamErrorPresets.passwordReset), as over HTTP.
    return kit.mapper.isSilent(problem) ? Promise.resolve(null) : graphqlError(problem);
  },

  unanswered() {
    // Nest would rethrow the error, and graphql-js would send its (upstream) message.
    return Object.assign(new Error(UNKNOWN_EXCEPTION_MESSAGE), {
      stack: `Error: ${UNKNOWN_EXCEPTION_MESSAGE}`,
    });
  },
};

/** `Query.user`: the resolved field, from graphql-js's `info`. */
function fieldOf(info: unknown): string | undefined {
  const { parentType, fieldName } = (info ?? {}) as {
    parentType?: { name?: unknown };
    fieldName?: unknown;
  };
  const parent: unknown = parentType?.name;
  return typeof parent === 'string' && typeof fieldName === 'string'
    ? `${parent}.${fieldName}`
    : undefined;
}

function requestOf(context: unknown): unknown {
  if (typeof context !== 'object' || context === null) return undefined;
  const { req, reply } = context as { req?: unknown; reply?: { request?: unknown } };
  return req ?? reply?.request;
}

/**
 * What the resolver gives graphql-js instead of its result: an `Error`, which graphql-js turns
 * into the GraphQL error of the field, copying `message` and `extensions`. Apollo's
 * `includeStacktraceInErrorResponses` also sends the `stack`: it is cut to its first line, as
 * its frames would only point into this filter (the log line names the field).
 */
export function graphqlError(problem: CiamProblem): Error {
  const extensions: Record<string, unknown> = { code: problem.code, status: problem.status };
  const requestId = safeId(problem.requestId);
  if (requestId !== undefined) extensions.requestId = requestId;
  if (problem.retryAfter !== undefined) extensions.retryAfter = problem.retryAfter;
  const error = new Error(problem.detail);
  error.stack = `Error: ${problem.detail}`;
  return Object.assign(error, { extensions });
}
