import type { CiamProblemBody } from './ciam-problem-body.interface.js';

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
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
    const status = body.status;
    return (
      typeof status === 'number' &&
      Number.isInteger(status) &&
      status >= 100 &&
      status <= 599 &&
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
