import type { ArgumentsHost } from '@nestjs/common';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { attempt } from '../utils/attempt.util.js';
import { safeId } from '../utils/safe-id.util.js';

/** Caps what a log line repeats of a pattern or field path (an app's own names). */
const MAX_NAME_LENGTH = 256;

/** A pattern, field or path as the log line names what was called; `-` for what is no string. */
export function logName(name: unknown): string {
  if (typeof name !== 'string' || name === '') return '-';
  return name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name;
}

/** The handler's arguments; a host that has none (or fails) gives none. */
export function argsOf(host: ArgumentsHost): readonly unknown[] {
  const args: unknown = attempt(() => host.getArgs(), []);
  return Array.isArray(args) ? args : [];
}

/** Whether `value` can be a WeakMap key. */
export function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
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
