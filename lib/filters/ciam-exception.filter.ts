import { Catch, Injectable, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter, LogLevel } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { of, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { routeOf } from '../decorators/route-context.guard.js';
import { clipUpstreamText } from '../extraction/extract-ciam-error.util.js';
import type { CiamProblem, CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import type { ResolvedCiamErrorsOptions } from '../mapper/ciam-errors-options.util.js';
import { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import { CiamErrorMatcher, matcherFor } from './ciam-error-matcher.js';
import type { CiamExtractor } from './ciam-error-matcher.js';
import { AsyncFormatError, pathOf, renderBody, routePathOf, safeId } from './ciam-response.util.js';
import { graphqlCall, graphqlError } from './contexts/graphql-context.js';
import { errorPayload, tryRead } from './contexts/outside-http-call.util.js';
import type { OutsideHttpCall } from './contexts/outside-http-call.util.js';
import { rpcCall, rpcError } from './contexts/rpc-context.js';
import type { RpcCall } from './contexts/rpc-context.js';
import { emitWsException, wsCall } from './contexts/ws-context.js';
import { escapeLogValue, watchRejection, writeLog } from './log-line.util.js';
import type { LogLevelName } from './log-line.util.js';
import { writeProblem } from './platform-reply.util.js';

type HttpAdapter = HttpAdapterHost['httpAdapter'];
type Rendered = ReturnType<typeof renderBody>;

/** What a matched error gets when the filter cannot answer it: see `unanswered`. */
const UNANSWERED = Symbol('unanswered');
/** Nest's text for an error no filter handles (`MESSAGES.UNKNOWN_EXCEPTION_MESSAGE`). */
const UNKNOWN_EXCEPTION_MESSAGE = 'Internal server error';

/**
 * Answers every CIAM error (SDK exception, envelope, `CiamException`) thrown anywhere in the
 * request pipeline, and nothing else: other errors reach the filters and the Nest default
 * handling that would have received them anyway.
 *
 * Outside HTTP it answers with the same rules in each transport's own form: a GraphQL error,
 * an rpc error (a gRPC status over gRPC), a WebSocket `exception` event.
 *
 * `CiamErrorsModule` registers it globally (`app.get(CiamExceptionFilter)` is that instance);
 * with `registerFilter: false`, apply it yourself. Nest applies no global filter to WebSocket
 * gateways: put `@UseFilters(CiamExceptionFilter)` on each. Applied by class, as in
 * `@UseFilters(CiamExceptionFilter)`, it catches the built-in shapes only, not what the
 * `extract` option recognizes: `@Catch` metadata belongs to the class, which every app shares,
 * so only the module's instance (of a subclass made for that app's `extract`) catches those.
 *
 * @example
 * @UseFilters(CiamExceptionFilter)
 * @Controller('users')
 * export class UsersController {}
 * @publicApi
 */
@Catch(CiamErrorMatcher)
@Injectable()
export class CiamExceptionFilter implements ExceptionFilter {
  /** Whether a hook sees problems: only then is a frozen copy made for it. */
  private readonly hooked: boolean;
  /** The options for the generic 500: the built-in format, whatever `format` says. */
  private readonly internalOptions: ResolvedCiamErrorsOptions;
  private readonly onErrorRejected = (reason: unknown): void =>
    this.mapper.reportFailure('onError', reason, 'rejected');
  private readonly loggerRejected = (reason: unknown): void =>
    this.mapper.reportFailure('logger', reason, 'rejected');

  constructor(
    private readonly mapper: CiamErrorMapper,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const { onError, format } = mapper.options;
    this.hooked = onError !== undefined || typeof format === 'function';
    this.internalOptions = Object.freeze({ ...mapper.options, format: 'problem' });
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType();
    let answer: unknown;
    try {
      answer =
        type === 'http'
          ? this.catchHttp(exception, host)
          : this.catchOutsideHttp(exception, host, type);
    } catch (failure) {
      // Past every guard (a hostile value, a bug): never a half answer, nor none.
      this.mapper.reportFailure('filter', failure);
      answer = UNANSWERED;
    }
    return answer === UNANSWERED ? this.unanswered(exception, host, type) : answer;
  }

  private catchHttp(exception: unknown, host: ArgumentsHost): typeof UNANSWERED | undefined {
    let request: unknown;
    let response: unknown;
    if (typeof (host as Partial<ArgumentsHost>).getArgByIndex === 'function') {
      // What `switchToHttp().getRequest()` reads, without the three closures that Nest's
      // `switchToHttp` assigns onto the host on every call.
      request = host.getArgByIndex(0);
      response = host.getArgByIndex(1);
    } else {
      const http = host.switchToHttp();
      request = http.getRequest();
      response = http.getResponse();
    }
    const adapter = this.adapterHost.httpAdapter;

    const route = routeOf(request);
    const problem = this.resolve(exception, {
      request,
      controller: route?.controller,
      handler: route?.handler,
      host,
    });
    if (problem === undefined) return UNANSWERED;
    let url: unknown;
    try {
      url = adapter.getRequestUrl(request);
    } catch {
      url = '/';
    }
    const path = pathOf(url);
    const telemetry = this.mapper.telemetry;
    // Recorded here, once, rather than in resolve: the filter knows the context and the route
    // (the pattern, never the path: the counter must stay bounded).
    // Read once for both (on Fastify a getter that builds an object on every read).
    const pattern = telemetry !== undefined ? routePathOf(request) : undefined;
    if (telemetry !== undefined) telemetry.record(problem, exception, 'http', pattern);
    if (this.mapper.logger) {
      const method = tryRead(() => String(adapter.getRequestMethod(request)), 'GET');
      this.log(problem, method, path, pattern, request);
    }
    const view = this.viewOf(problem);
    this.notify(view, exception, host);
    this.reply(adapter, response, problem, view, path, host);
    return undefined;
  }

  /** Resolves without recording: the filter records each answered error once, itself. */
  private resolve(exception: unknown, context: CiamResolveContext): CiamProblem | undefined {
    try {
      return this.mapper.resolveUnrecorded(exception, context);
    } catch (failure) {
      this.mapper.reportFailure('resolve', failure);
      return undefined;
    }
  }

  /**
   * What hooks see: a frozen copy, so that they cannot change the answer, which is made from
   * the filter's own problem. No copy without hooks.
   */
  private viewOf(problem: CiamProblem): Readonly<CiamProblem> | undefined {
    return this.hooked ? Object.freeze({ ...problem }) : undefined;
  }

  /**
   * Other contexts get the same problem as HTTP, answered in the form their layer expects:
   * graphql an `Error` that graphql-js reports as the field's error, rpc an observable error
   * (gRPC: a status, its message and trailers), ws an `exception` event. The caller (for the
   * locale) and the route (for `@CiamErrorMap`) are read from the handler's arguments.
   */
  private catchOutsideHttp(exception: unknown, host: ArgumentsHost, type: string): unknown {
    const args = argsOf(host);
    let call: OutsideHttpCall | RpcCall;
    let client: unknown;
    switch (type) {
      case 'graphql':
        call = graphqlCall(args);
        break;
      case 'rpc':
        call = rpcCall(args);
        break;
      case 'ws':
        client = tryRead(() => host.switchToWs().getClient<unknown>(), args[0]);
        call = wsCall(client, args);
        break;
      default:
        call = { caller: undefined, kind: type, name: '-' };
    }
    const { route } = call;
    const problem = this.resolve(exception, {
      request: call.caller,
      acceptLanguage: call.acceptLanguage,
      controller: route?.controller,
      handler: route?.handler,
      host,
    });
    if (problem === undefined) return UNANSWERED;
    // Counted by context type: field names, patterns and paths can be many (a subject with ids).
    this.mapper.telemetry?.record(problem, exception, call.kind);
    this.log(problem, call.kind, call.name, undefined);
    this.notify(this.viewOf(problem), exception, host);
    // An override's 2xx hides the error (CiamErrorPresets.passwordReset): as over HTTP, the
    // answer looks exactly like a handler that returned nothing.
    const silent = this.mapper.isSilent(problem);
    switch (type) {
      case 'rpc':
        if (!silent) return throwError(() => rpcError(problem, call)) satisfies Observable<never>;
        // gRPC serializes the reply: an empty message, not `undefined`.
        return of(call.kind === 'grpc' ? {} : undefined);
      case 'ws':
        if (!silent) emitWsException(client, errorPayload(problem));
        return undefined;
      case 'graphql':
        // A resolved null, never a falsy value: NestJS 11 rethrows the original error on any
        // falsy result (12 on `undefined`), and graphql-js would send its message.
        return silent ? Promise.resolve(null) : graphqlError(problem);
      default:
        // Returned, an error would be taken for the handler's value: thrown, it stays an error.
        throw graphqlError(problem);
    }
  }

  /**
   * A matched error the filter cannot answer (its mapper does not resolve it, or answering
   * failed) gets what Nest gives an error that no filter handles, replicated where the Nest
   * package is not a dependency: never a success value, never silence. In graphql, Nest would
   * rethrow it, and graphql-js would send its message (the upstream one): it gets Nest's
   * generic text instead.
   */
  private unanswered(exception: unknown, host: ArgumentsHost, type: string): unknown {
    switch (type) {
      case 'http':
        return new BaseExceptionFilter(this.adapterHost.httpAdapter).catch(exception, host);
      case 'rpc':
        // BaseRpcExceptionFilter's answer to an unknown error.
        return throwError(() => ({ status: 'error', message: UNKNOWN_EXCEPTION_MESSAGE }));
      case 'ws':
        // BaseWsExceptionFilter's answer to an unknown error.
        tryRead(
          () =>
            emitWsException(host.switchToWs().getClient<unknown>(), {
              status: 'error',
              message: UNKNOWN_EXCEPTION_MESSAGE,
            }),
          undefined,
        );
        return undefined;
      case 'graphql':
        return Object.assign(new Error(UNKNOWN_EXCEPTION_MESSAGE), {
          stack: `Error: ${UNKNOWN_EXCEPTION_MESSAGE}`,
        });
      default:
        // Nest's ExternalExceptionFilter (other contexts) rethrows.
        throw exception;
    }
  }

  private reply(
    adapter: HttpAdapter,
    response: unknown,
    problem: CiamProblem,
    view: Readonly<CiamProblem> | undefined,
    path: string,
    host: ArgumentsHost,
  ): void {
    let headersSent: unknown;
    try {
      headersSent = adapter.isHeadersSent(response);
    } catch {
      headersSent = false;
    }
    if (headersSent) {
      this.write(
        'warn',
        `CIAM error after the response had started: ${escapeLogValue(problem.code)}` +
          ` on ${escapeLogValue(path)}`,
      );
      tryRead(() => adapter.end(response), undefined);
      return;
    }
    const { status } = problem;
    if (this.mapper.isSilent(problem)) {
      // An override's 2xx hides the error (CiamErrorPresets.passwordReset): it must look exactly
      // like a handler that returned nothing, so it goes through the same adapter call, bare.
      try {
        adapter.reply(response, undefined, status);
      } catch (failure) {
        this.mapper.reportFailure('reply', failure);
        tryRead(() => adapter.end(response), undefined);
      }
      return;
    }
    let answer = problem;
    let rendered = this.render(view ?? problem, path, host);
    // A 1xx is not a final answer (the client would wait for one): the generic 500 instead.
    if (rendered === undefined || !Number.isInteger(status) || status < 200 || status > 599) {
      answer = this.mapper.internalError(problem.locale);
      rendered = this.renderInternal(answer, path, host);
    }
    if (!this.send(adapter, response, answer, rendered)) {
      this.sendInternalError(adapter, response, path, host);
    }
  }

  /** The body per the `format` option; `undefined` when a custom format failed (reported). */
  private render(problem: CiamProblem, path: string, host: ArgumentsHost): Rendered | undefined {
    try {
      return renderBody(problem, path, this.mapper.options, host);
    } catch (failure) {
      // A promise's own stack says nothing about the format: its message is enough.
      const reported = failure instanceof AsyncFormatError ? failure.message : failure;
      this.mapper.reportFailure('format', reported);
      return undefined;
    }
  }

  private renderInternal(problem: CiamProblem, path: string, host: ArgumentsHost): Rendered {
    return renderBody(problem, path, this.internalOptions, host);
  }

  /** Sends the answer; `false` (reported) when the platform refused a header or the body. */
  private send(
    adapter: HttpAdapter,
    response: unknown,
    answer: CiamProblem,
    rendered: Rendered,
  ): boolean {
    try {
      writeProblem(adapter, response, {
        status: answer.status,
        contentType: rendered.contentType,
        locale: answer.locale,
        retryAfter: answer.retryAfter,
        body: rendered.body,
      });
      return true;
    } catch (failure) {
      this.mapper.reportFailure('reply', failure);
      return false;
    }
  }

  /**
   * After a failed reply: the generic 500, else a bare 500. Never an `end()` alone, which the
   * platform would send as 200.
   */
  private sendInternalError(
    adapter: HttpAdapter,
    response: unknown,
    path: string,
    host: ArgumentsHost,
  ): void {
    if (!tryRead(() => adapter.isHeadersSent(response), true)) {
      const internal = this.mapper.internalError(this.mapper.options.defaultLocale);
      if (this.send(adapter, response, internal, this.renderInternal(internal, path, host))) return;
      tryRead(() => adapter.status(response, 500), undefined);
    }
    tryRead(() => adapter.end(response), undefined);
  }

  /**
   * One line per error: error level for 5xx, warn for 429, debug for other 4xx. It starts with
   * the method and route (`GET /users/:id`), or outside HTTP the context and what was called
   * (`graphql Query.user`, `rpc users.get`, `grpc /users.Users/GetUser`, `ws user.get`). Inside
   * an active span (with the `telemetry` option's traces), it ends with the span's
   * `trace_id=… span_id=…`, so that log and trace join.
   */
  private log(
    problem: CiamProblem,
    method: string,
    path: string,
    pattern: string | undefined,
    request?: unknown,
  ): void {
    const logger = this.mapper.logger;
    if (!logger) return;
    const { status, upstreamCode, upstreamMessage } = problem;
    const level = status >= 500 ? 'error' : status === 429 ? 'warn' : 'debug';
    if (logger instanceof Logger && !nestLogs(level)) return;
    const ids = this.mapper.telemetry?.traceIds();
    // The pattern when the caller read it already, else read now; the path where there is none.
    const where = pattern ?? (request === undefined ? undefined : routePathOf(request)) ?? path;
    // Every value escaped: paths, routes and upstream texts can carry line breaks or bidi controls.
    this.write(
      level,
      `${escapeLogValue(method)} ${escapeLogValue(where)}` +
        ` -> ${status} ${escapeLogValue(problem.code)}` +
        ` upstreamCode=${upstreamCode === undefined ? '-' : escapeLogValue(upstreamCode)}` +
        ` requestId=${safeId(problem.requestId) ?? '-'}` +
        ` traceId=${safeId(problem.traceId) ?? '-'}` +
        ` upstreamMessage="${typeof upstreamMessage === 'string' ? escapeLogValue(clipUpstreamText(upstreamMessage)) : ''}"` +
        (ids === undefined
          ? ''
          : ` trace_id=${escapeLogValue(ids.traceId)} span_id=${escapeLogValue(ids.spanId)}`),
    );
  }

  /** Through the guarded helper: a broken logger must not break the response. */
  private write(level: LogLevelName, line: string): void {
    const logger = this.mapper.logger;
    if (logger) writeLog(logger, level, line, undefined, this.loggerRejected);
  }

  /** Calls `onError` with the frozen copy; what it throws or rejects with is reported. */
  private notify(
    view: Readonly<CiamProblem> | undefined,
    exception: unknown,
    host: ArgumentsHost,
  ): void {
    const { onError } = this.mapper.options;
    if (!onError || view === undefined) return;
    try {
      const result: unknown = onError(view, exception, host);
      // Awaited off the response path, for its rejection only.
      if (result !== undefined) watchRejection(result, this.onErrorRejected);
    } catch (failure) {
      this.mapper.reportFailure('onError', failure);
    }
  }
}

/** Filter classes made for `extract` options, so that each function gets one class. */
const filterClasses = new WeakMap<CiamExtractor, typeof CiamExceptionFilter>();

/**
 * @internal The module's filter. With an `extract` option, an instance of a subclass whose
 * own `@Catch` matcher also tests that extractor: Nest reads `@Catch` metadata from the
 * filter's class (its prototype), so the extractor affects this app only. Without `extract`,
 * the plain class.
 */
export function createCiamExceptionFilter(
  mapper: CiamErrorMapper,
  adapterHost: HttpAdapterHost,
): CiamExceptionFilter {
  const { extract } = mapper.options;
  if (!extract) return new CiamExceptionFilter(mapper, adapterHost);
  let Filter = filterClasses.get(extract);
  if (Filter === undefined) {
    Filter = class CiamExtractExceptionFilter extends CiamExceptionFilter {};
    Catch(matcherFor(extract))(Filter);
    filterClasses.set(extract, Filter);
  }
  return new Filter(mapper, adapterHost);
}

/** The handler's arguments; a host that has none (or fails) gives none. */
function argsOf(host: ArgumentsHost): readonly unknown[] {
  const args: unknown = tryRead(() => host.getArgs(), []);
  return Array.isArray(args) ? args : [];
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
