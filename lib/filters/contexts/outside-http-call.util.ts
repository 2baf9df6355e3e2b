import type { RouteIdentity } from '../../decorators/route-context.guard.js';
import type { CiamProblem } from '../../interfaces/ciam-problem.interface.js';
import { safeId } from '../ciam-response.util.js';

/** What the filter reads from a call outside HTTP before it resolves the error. */
export interface OutsideHttpCall {
  /** What identifies the caller, handed to `resolveLocale`; `undefined` when there is none. */
  readonly caller: unknown;
  /** The caller's Accept-Language, where the transport carries headers apart from `caller`. */
  readonly acceptLanguage?: string;
  /** The handler recorded by `@CiamErrorMap`'s guard for this call. */
  readonly route?: RouteIdentity;
  /** For the log line, in place of the HTTP method: `graphql`, `rpc`, `grpc`, `ws`. */
  readonly kind: string;
  /** For the log line, in place of the route: `Query.user`, a pattern, a gRPC path; or `-`. */
  readonly name: string;
}

/** Caps what a log line repeats of a pattern or field path (an app's own names). */
const MAX_NAME_LENGTH = 256;

/** A pattern, field or path for the log line; `-` for what is not a string. */
export function nameOf(name: unknown): string {
  if (typeof name !== 'string' || name === '') return '-';
  return name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name;
}

/** Runs `fn`, or answers `fallback` when it throws: hosts and contexts can be anything. */
export function tryRead<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * The error object that rpc clients (gRPC aside) and WebSocket clients receive: Nest's
 * `{ status: 'error', message }` with the status, the public code, and the upstream request id
 * (when it looks like an id) and retry delay in whole seconds (when set). Never the upstream
 * message or a hidden code.
 */
export interface CiamErrorPayload {
  status: 'error';
  statusCode: number;
  code: string;
  message: string;
  requestId?: string;
  retryAfter?: number;
}

/** The {@link CiamErrorPayload} of a problem. */
export function errorPayload(problem: CiamProblem): CiamErrorPayload {
  const payload: CiamErrorPayload = {
    status: 'error',
    statusCode: problem.status,
    code: problem.code,
    message: problem.detail,
  };
  const requestId = safeId(problem.requestId);
  if (requestId !== undefined) payload.requestId = requestId;
  if (problem.retryAfter !== undefined) payload.retryAfter = problem.retryAfter;
  return payload;
}
