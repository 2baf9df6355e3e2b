import { clipUpstreamText } from '../extraction/upstream-text.util.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { escapeLogValue } from '../utils/log-text.util.js';
import type { LogLevelName } from '../utils/log-text.util.js';
import { safeId } from '../utils/safe-id.util.js';

/** The ids of the active span, which end the line inside one. */
export interface LogTraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/** `error` for 5xx, `warn` for 429, `debug` for every other status. */
export function logLevelOf(status: number): LogLevelName {
  return status >= 500 ? 'error' : status === 429 ? 'warn' : 'debug';
}

/**
 * The one line of a handled error: where (`GET /users/:id`, `graphql Query.user`,
 * `rpc users.get`, `grpc /users.Users/GetUser`, `ws user.get`), status, public and upstream
 * code (for the authentication API, also the endpoint and the upstream status), requestId,
 * traceId, the upstream message, and inside an active span its ids. Every value is escaped:
 * paths, routes and upstream texts can carry line breaks or bidi controls.
 *
 * @example
 * formatLogLine(problem, 'GET /users/:id');
 * // 'GET /users/:id -> 404 FailedOperation.UserNotFound upstreamCode=… requestId=… traceId=- upstreamMessage="…"'
 */
export function formatLogLine(problem: CiamProblem, where: string, ids?: LogTraceIds): string {
  const { status, upstreamCode, upstreamMessage } = problem;
  const message =
    typeof upstreamMessage === 'string' ? escapeLogValue(clipUpstreamText(upstreamMessage)) : '';
  return (
    `${escapeLogValue(where)} -> ${status} ${escapeLogValue(problem.code)}` +
    ` upstreamCode=${upstreamCode === undefined ? '-' : escapeLogValue(upstreamCode)}` +
    (problem.endpoint === undefined
      ? ''
      : ` endpoint=${escapeLogValue(problem.endpoint)} upstreamStatus=${problem.upstreamStatus ?? '-'}`) +
    ` requestId=${safeId(problem.requestId) ?? '-'}` +
    ` traceId=${safeId(problem.traceId) ?? '-'}` +
    ` upstreamMessage="${message}"` +
    (ids === undefined
      ? ''
      : ` trace_id=${escapeLogValue(ids.traceId)} span_id=${escapeLogValue(ids.spanId)}`)
  );
}
