import type { ArgumentsHost } from '@nestjs/common';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { ResolvedCiamErrorsOptions } from '../mapper/ciam-errors-options.util.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Upstream ids reach clients only when they look like ids. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_INSTANCE_LENGTH = 2048;

export function safeId(value: string | undefined): string | undefined {
  return value !== undefined && SAFE_ID.test(value) ? value : undefined;
}

/** The request path without query string or fragment (a query can carry tokens). */
export function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '/';
  let end = url.indexOf('?');
  const hash = url.indexOf('#');
  if (hash !== -1 && (end === -1 || hash < end)) end = hash;
  const path = end === -1 ? url : url.slice(0, end);
  return (path.length > MAX_INSTANCE_LENGTH ? path.slice(0, MAX_INSTANCE_LENGTH) : path) || '/';
}

/**
 * The route pattern (`/users/:id`) where the platform exposes it, for logs: concrete paths can
 * carry identifiers and tokens. Express sets `req.route`, Fastify `request.routeOptions`.
 */
export function routePathOf(request: unknown): string | undefined {
  try {
    const req = request as { route?: { path?: unknown }; routeOptions?: { url?: unknown } };
    const pattern = req.route?.path ?? req.routeOptions?.url;
    return typeof pattern === 'string' ? pattern : undefined;
  } catch {
    return undefined;
  }
}

/** The serialized body and its content type, per the `format` option. */
export function renderBody(
  problem: CiamProblem,
  instance: string,
  options: ResolvedCiamErrorsOptions,
  host: ArgumentsHost,
): { body: string; contentType: string } {
  const { format } = options;
  if (format === 'problem' || format === 'nest') {
    const body: Record<string, unknown> =
      format === 'problem'
        ? {
            type: problem.type,
            title: problem.title,
            status: problem.status,
            detail: problem.detail,
            instance,
            code: problem.code,
          }
        : {
            statusCode: problem.status,
            message: problem.detail,
            error: problem.title,
            code: problem.code,
          };
    const requestId = safeId(problem.requestId);
    if (requestId) body.requestId = requestId;
    if (options.exposeUpstreamMessage && problem.upstreamMessage) {
      body.upstreamMessage = problem.upstreamMessage;
    }
    return {
      body: JSON.stringify(body),
      contentType: format === 'problem' ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE,
    };
  }
  return { body: JSON.stringify(format(problem, host)) ?? 'null', contentType: JSON_CONTENT_TYPE };
}
