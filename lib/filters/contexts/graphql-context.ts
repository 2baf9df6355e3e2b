import { routeOfCall } from '../../decorators/route-context.guard.js';
import type { CiamProblem } from '../../interfaces/ciam-problem.interface.js';
import { safeId } from '../ciam-response.util.js';
import { nameOf, tryRead } from './outside-http-call.util.js';
import type { OutsideHttpCall } from './outside-http-call.util.js';

/**
 * A resolver call, from its arguments `[root, args, context, info]`. The caller is the HTTP
 * request behind the operation: both Nest drivers put it in the context as `req` (Apollo the
 * Express request, Mercurius the Fastify one; Mercurius also keeps it as `reply.request`).
 * Without one (a subscription over a socket), the caller is the GraphQL context itself.
 */
export function graphqlCall(args: readonly unknown[]): OutsideHttpCall {
  const context = args[2];
  return {
    caller: tryRead(() => requestOf(context), undefined) ?? context,
    route: routeOfCall('graphql', args),
    kind: 'graphql',
    name: nameOf(tryRead(() => fieldOf(args[3]), undefined)),
  };
}

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
