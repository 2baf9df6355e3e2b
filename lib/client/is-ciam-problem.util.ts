import type { CiamNestErrorBody, CiamProblemBody } from './ciam-problem-body.interface.js';

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isStatus(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/**
 * Whether `value` (a parsed response body) has the shape of {@link CiamProblemBody}: string
 * `type`, `title`, `detail`, `instance` and `code`, an integer `status` from 100 to 599, and
 * `requestId` and `upstreamMessage` strings when present. Never throws: a value whose properties
 * cannot be read (a hostile proxy, a throwing getter) is not a problem.
 *
 * @example
 * const body: unknown = await response.json().catch(() => undefined);
 * if (isCiamProblem(body)) showError(body.detail, body.code);
 * @publicApi
 */
export function isCiamProblem(value: unknown): value is CiamProblemBody {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const body = value as Record<string, unknown>;
    // Each property is read once: a getter could answer differently the second time.
    return (
      isStatus(body.status) &&
      typeof body.type === 'string' &&
      typeof body.title === 'string' &&
      typeof body.detail === 'string' &&
      typeof body.instance === 'string' &&
      typeof body.code === 'string' &&
      isOptionalString(body.requestId) &&
      isOptionalString(body.upstreamMessage)
    );
  } catch {
    return false;
  }
}

/**
 * Whether `value` (a parsed response body) has the shape of {@link CiamNestErrorBody}: string
 * `message`, `error` and `errorCode`, an integer `statusCode` from 100 to 599, and `requestId`
 * and `upstreamMessage` strings when present. Never throws. A NestJS 12 app's own
 * `HttpException` with an `errorCode` passes too: that is the point of the format.
 *
 * @example
 * const body: unknown = await response.json().catch(() => undefined);
 * if (isCiamNestError(body)) showError(body.message, body.errorCode);
 * @publicApi
 */
export function isCiamNestError(value: unknown): value is CiamNestErrorBody {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const body = value as Record<string, unknown>;
    return (
      isStatus(body.statusCode) &&
      typeof body.message === 'string' &&
      typeof body.error === 'string' &&
      typeof body.errorCode === 'string' &&
      isOptionalString(body.requestId) &&
      isOptionalString(body.upstreamMessage)
    );
  } catch {
    return false;
  }
}
