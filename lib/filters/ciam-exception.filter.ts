import { Catch, Injectable, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter, LogLevel, OnModuleDestroy } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { routeOf } from '../decorators/route-context.guard.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import { CiamErrorMatcher, registerCustomExtractor } from './ciam-error-matcher.js';
import { pathOf, renderBody, routePathOf, safeId } from './ciam-response.util.js';

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
    if (host.getType() !== 'http') return this.catchOutsideHttp(exception, host);
    const http = host.switchToHttp();
    const request: unknown = http.getRequest();
    const response: unknown = http.getResponse();
    const adapter = this.adapterHost.httpAdapter;

    const route = routeOf(request);
    const problem = this.resolve(exception, {
      request,
      controller: route?.controller,
      handler: route?.handler,
    });
    if (problem === undefined) {
      // Matched by another app's extractor, or resolution failed: what Nest would have done.
      return new BaseExceptionFilter(adapter).catch(exception, host);
    }
    const path = pathOf(safeCall(() => adapter.getRequestUrl(request), '/'));
    if (this.mapper.logger) {
      const method = safeCall(() => String(adapter.getRequestMethod(request)), 'GET');
      this.log(problem, method, request, path);
    }
    this.notify(problem, exception, host);
    this.reply(adapter, response, problem, path, host);
    return undefined;
  }

  private resolve(exception: unknown, context: object): CiamProblem | undefined {
    try {
      return this.mapper.resolve(exception, context);
    } catch (failure) {
      this.mapper.reportFailure('resolve', failure);
      return undefined;
    }
  }

  /**
   * Other contexts get a sanitized error in the form their layer expects: rpc an observable
   * error, ws an `exception` event, graphql an Error whose message is the client text.
   */
  private catchOutsideHttp(exception: unknown, host: ArgumentsHost): unknown {
    const problem = this.resolve(exception, {});
    if (problem === undefined) return exception;
    this.log(problem, host.getType(), undefined, '-');
    this.notify(problem, exception, host);
    const payload = {
      status: 'error',
      statusCode: problem.status,
      code: problem.code,
      message: problem.detail,
    };
    switch (host.getType()) {
      case 'rpc':
        return throwError(() => payload) satisfies Observable<never>;
      case 'ws':
        safeCall(() => {
          const client = host.switchToWs().getClient<{ emit?: (e: string, p: unknown) => void }>();
          client?.emit?.('exception', payload);
        }, undefined);
        return undefined;
      default:
        // graphql-js copies `extensions` of the original error into the reported one.
        return Object.assign(new Error(problem.detail), {
          extensions: { code: problem.code, status: problem.status },
        });
    }
  }

  private reply(
    adapter: HttpAdapter,
    response: unknown,
    problem: CiamProblem,
    path: string,
    host: ArgumentsHost,
  ): void {
    if (safeCall(() => adapter.isHeadersSent(response), false)) {
      this.mapper.logger?.warn(
        `CIAM error after the response had started: ${problem.code} on ${path}`,
      );
      safeCall(() => adapter.end(response), undefined);
      return;
    }
    if (problem.status >= 200 && problem.status <= 299) {
      // A 2xx answer hides the error (CiamErrorPresets.passwordReset): it must look exactly like
      // a handler that returned nothing, so it goes through the same adapter call, bare.
      try {
        adapter.reply(response, undefined, problem.status);
      } catch (failure) {
        this.mapper.reportFailure('reply', failure);
        safeCall(() => adapter.end(response), undefined);
      }
      return;
    }
    let answer = problem;
    let rendered: { body: string; contentType: string };
    try {
      rendered = renderBody(answer, path, this.mapper.options, host);
    } catch (failure) {
      this.mapper.reportFailure('format', failure);
      answer = this.mapper.internalError(problem.locale);
      rendered = renderBody(answer, path, { ...this.mapper.options, format: 'problem' }, host);
    }
    const status =
      Number.isInteger(answer.status) && answer.status >= 100 && answer.status <= 599
        ? answer.status
        : 500;
    try {
      adapter.setHeader(response, 'Content-Type', rendered.contentType);
      adapter.setHeader(response, 'Content-Language', answer.locale);
      if (typeof adapter.appendHeader === 'function') {
        adapter.appendHeader(response, 'Vary', 'Accept-Language');
      } else {
        adapter.setHeader(response, 'Vary', 'Accept-Language');
      }
      if (answer.retryAfter !== undefined) {
        adapter.setHeader(response, 'Retry-After', String(answer.retryAfter));
      }
      // A string body: Fastify would not serialize an object sent as application/problem+json.
      adapter.reply(response, rendered.body, status);
    } catch (failure) {
      this.mapper.reportFailure('reply', failure);
      safeCall(() => adapter.end(response), undefined);
    }
  }

  /** One line per error: error level for 5xx, warn for 429, debug for other 4xx. */
  private log(problem: CiamProblem, method: string, request: unknown, path: string): void {
    const logger = this.mapper.logger;
    if (!logger) return;
    const { status } = problem;
    const level = status >= 500 ? 'error' : status === 429 ? 'warn' : 'debug';
    if (logger instanceof Logger && !nestLogs(level)) return;
    const line =
      `${method} ${routePathOf(request) ?? path} -> ${status} ${problem.code}` +
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

/**
 * Whether Nest's own `Logger` prints `level`, so that a line nobody reads is not built. NestJS 11's
 * `Logger.isLevelEnabled` answers `false` until the app sets log levels, although its default
 * logger then prints every level; NestJS 12 answers for that default itself.
 */
function nestLogs(level: LogLevel): boolean {
  if (Logger.isLevelEnabled(level)) return true;
  const statics = Logger as unknown as { logLevels?: unknown; staticInstanceRef?: unknown };
  return statics.logLevels === undefined && statics.staticInstanceRef !== undefined;
}

function safeCall<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
