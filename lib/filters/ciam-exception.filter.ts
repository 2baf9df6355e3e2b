import { Catch, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter, OnModuleDestroy } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { routeOf } from '../decorators/route-context.guard.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import { CiamErrorMatcher, registerCustomExtractor } from './ciam-error-matcher.js';
import { PROBLEM_CONTENT_TYPE, pathOf, renderBody, safeId } from './ciam-response.util.js';

type HttpAdapter = HttpAdapterHost['httpAdapter'];

/**
 * Answers every CIAM error (SDK exception, envelope, `CiamException`) thrown anywhere in the
 * request pipeline, and nothing else: other errors reach the filters and the Nest default
 * handling that would have received them anyway.
 *
 * `CiamErrorsModule` registers it globally; with `registerFilter: false`, apply it yourself.
 *
 * @example
 * @UseFilters(CiamExceptionFilter)
 * @Controller('users')
 * export class UsersController {}
 * @publicApi
 */
@Catch(CiamErrorMatcher)
@Injectable()
export class CiamExceptionFilter implements ExceptionFilter, OnModuleDestroy {
  private readonly unregister: (() => void) | undefined;

  constructor(
    private readonly mapper: CiamErrorMapper,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const { extract } = mapper.options;
    this.unregister = extract ? registerCustomExtractor(extract) : undefined;
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // Other contexts (rpc, ws, graphql) get the error back untouched for their own layer.
    if (host.getType() !== 'http') return exception;
    const http = host.switchToHttp();
    const request: unknown = http.getRequest();
    const response: unknown = http.getResponse();
    const adapter = this.adapterHost.httpAdapter;

    let problem: CiamProblem | undefined;
    try {
      problem = this.mapper.resolve(exception, { request, ...routeOf(request) });
    } catch (failure) {
      this.mapper.reportFailure('resolve', failure);
    }
    if (problem === undefined) {
      // Matched by another app's extractor, or resolution failed: what Nest would have done.
      return new BaseExceptionFilter(adapter).catch(exception, host);
    }
    const method = safeCall(() => String(adapter.getRequestMethod(request)), 'GET');
    const path = pathOf(safeCall(() => adapter.getRequestUrl(request), '/'));
    this.log(problem, method, path);
    this.notify(problem, exception, host);
    this.reply(adapter, response, problem, path, host);
    return undefined;
  }

  private reply(
    adapter: HttpAdapter,
    response: unknown,
    problem: CiamProblem,
    path: string,
    host: ArgumentsHost,
  ): void {
    if (safeCall(() => adapter.isHeadersSent(response), false)) {
      this.mapper.logger?.warn?.(
        `CIAM error after the response had started: ${problem.code} on ${path}`,
      );
      safeCall(() => adapter.end(response), undefined);
      return;
    }
    let status = problem.status;
    let rendered: { body: string; contentType: string };
    try {
      rendered = renderBody(problem, path, this.mapper.options, host);
    } catch (failure) {
      this.mapper.reportFailure('format', failure);
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      rendered = { body: JSON.stringify(genericProblem(path)), contentType: PROBLEM_CONTENT_TYPE };
    }
    if (!Number.isInteger(status) || status < 100 || status > 599) status = 500;
    adapter.setHeader(response, 'Content-Type', rendered.contentType);
    adapter.setHeader(response, 'Content-Language', problem.locale);
    if (typeof adapter.appendHeader === 'function') {
      adapter.appendHeader(response, 'Vary', 'Accept-Language');
    } else {
      adapter.setHeader(response, 'Vary', 'Accept-Language');
    }
    if (problem.retryAfter !== undefined) {
      adapter.setHeader(response, 'Retry-After', String(problem.retryAfter));
    }
    // A string body: Fastify would not serialize an object sent as application/problem+json.
    adapter.reply(response, rendered.body, status);
  }

  /** One line per error: error level for 5xx, warn for 429, debug for other 4xx. */
  private log(problem: CiamProblem, method: string, path: string): void {
    const logger = this.mapper.logger;
    if (!logger) return;
    const { status } = problem;
    const level = status >= 500 ? 'error' : status === 429 ? 'warn' : 'debug';
    if (logger instanceof Logger && !Logger.isLevelEnabled(level)) return;
    const line =
      `${method} ${path} -> ${status} ${problem.code}` +
      ` upstreamCode=${problem.upstreamCode ?? '-'}` +
      ` requestId=${safeId(problem.requestId) ?? '-'}` +
      ` traceId=${safeId(problem.traceId) ?? '-'}` +
      ` upstreamMessage=${JSON.stringify(problem.upstreamMessage ?? '')}`;
    try {
      if (level === 'error') logger.error(line);
      else if (level === 'warn') logger.warn(line);
      else logger.debug?.(line);
    } catch {
      // A broken logger must not break the response.
    }
  }

  private notify(problem: CiamProblem, exception: unknown, host: ArgumentsHost): void {
    const { onError } = this.mapper.options;
    if (!onError) return;
    try {
      onError(problem, exception, host);
    } catch (failure) {
      this.mapper.reportFailure('onError', failure);
    }
  }
}

function safeCall<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function genericProblem(instance: string) {
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side. Please try again later.',
    instance,
    code: 'InternalServerError',
  };
}
