import { Catch, Injectable, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter, LogLevel } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DEFAULT_AUTH_HOSTS } from '../extraction/auth-hosts.util.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import { writeLog } from '../utils/log-text.util.js';
import type { LogLevelName } from '../utils/log-text.util.js';
import { watchRejection } from '../utils/thenable.util.js';
import type { AnswerKit, CiamCall } from '../transports/ciam-transport.interface.js';
import { transportFor } from '../transports/transports.js';
import { CiamErrorMatcher, matcherFor } from './ciam-error-matcher.js';
import { formatLogLine, logLevelOf } from './log-line.js';

/** What a matched error gets when the filter cannot answer it: see `unanswered`. */
const UNANSWERED = Symbol('unanswered');

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
  /** What every transport answers with. */
  private readonly kit: AnswerKit;
  private readonly onErrorRejected = (reason: unknown): void =>
    this.mapper.reportFailure('onError', reason, 'rejected');
  private readonly loggerRejected = (reason: unknown): void =>
    this.mapper.reportFailure('logger', reason, 'rejected');

  constructor(
    private readonly mapper: CiamErrorMapper,
    adapterHost: HttpAdapterHost,
  ) {
    const { onError, format } = mapper.options;
    this.hooked = onError !== undefined || typeof format === 'function';
    this.kit = {
      mapper,
      adapterHost,
      internalOptions: Object.freeze({ ...mapper.options, format: 'problem' }),
      log: (level, line) => this.write(level, line),
    };
  }

  /** Resolve, record, log, notify, answer: the same for every transport. */
  catch(exception: unknown, host: ArgumentsHost): unknown {
    const transport = transportFor(host.getType());
    let answer: unknown = UNANSWERED;
    try {
      const call = transport.read(host, this.kit);
      const problem = this.resolve(exception, call);
      if (problem !== undefined) {
        // Counted here, once, rather than in resolve: the filter knows the context and the route
        // (the pattern, never the path: the counter must stay bounded).
        this.mapper.telemetry?.record(problem, exception, call.kind, call.route);
        this.log(problem, call);
        // What hooks see: a frozen copy, so that they cannot change the answer.
        const view = this.hooked ? Object.freeze({ ...problem }) : undefined;
        this.notify(view, exception, host);
        answer = transport.answer(problem, view, call, host, this.kit);
      }
    } catch (failure) {
      // Past every guard (a hostile value, a bug): never a half answer, nor none.
      this.mapper.reportFailure('filter', failure);
      answer = UNANSWERED;
    }
    return answer === UNANSWERED ? transport.unanswered(exception, host, this.kit) : answer;
  }

  /** Resolves without recording: the filter records each answered error once, itself. */
  private resolve(exception: unknown, call: CiamCall): CiamProblem | undefined {
    try {
      return this.mapper.resolveUnrecorded(exception, call.context);
    } catch (failure) {
      this.mapper.reportFailure('resolve', failure);
      return undefined;
    }
  }

  /**
   * One line per error: error level for 5xx, warn for 429, debug for other 4xx. Inside an active
   * span (with the `telemetry` option's traces), it ends with the span's `trace_id=… span_id=…`,
   * so that log and trace join. A line Nest's own logger would not print is not built.
   */
  private log(problem: CiamProblem, call: CiamCall): void {
    const logger = this.mapper.logger;
    if (!logger) return;
    const level = logLevelOf(problem.status);
    if (logger instanceof Logger && !nestLogs(level)) return;
    this.write(level, formatLogLine(problem, call.where(), this.mapper.telemetry?.traceIds()));
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

/**
 * Filter classes made for apps' options, one per `extract` function and `authHosts` list (by its
 * hosts: each app's options are validated into a list of their own).
 */
const filterClasses = new WeakMap<object, Map<string, typeof CiamExceptionFilter>>();
const NO_EXTRACT = {};

/**
 * @internal The module's filter. With an `extract` option or `authHosts` of its own, an instance
 * of a subclass whose own `@Catch` matcher knows them: Nest reads `@Catch` metadata from the
 * filter's class (its prototype), so they affect this app only. Otherwise, the plain class.
 */
export function createCiamExceptionFilter(
  mapper: CiamErrorMapper,
  adapterHost: HttpAdapterHost,
): CiamExceptionFilter {
  const { extract, authHosts } = mapper.options;
  if (!extract && authHosts === DEFAULT_AUTH_HOSTS) {
    return new CiamExceptionFilter(mapper, adapterHost);
  }
  let byHosts = filterClasses.get(extract ?? NO_EXTRACT);
  if (byHosts === undefined) filterClasses.set(extract ?? NO_EXTRACT, (byHosts = new Map()));
  const hostsKey = authHosts.join('\n');
  let Filter = byHosts.get(hostsKey);
  if (Filter === undefined) {
    Filter = class CiamAppExceptionFilter extends CiamExceptionFilter {};
    Catch(matcherFor(extract, authHosts))(Filter);
    byHosts.set(hostsKey, Filter);
  }
  return new Filter(mapper, adapterHost);
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
