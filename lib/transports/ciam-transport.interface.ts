import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { CiamProblem, CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import type { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import type { ResolvedCiamErrorsOptions } from '../options/module-options.util.js';
import type { LogLevelName } from '../utils/log-text.util.js';

/** The controller (resolver, gateway) and handler a call reached. */
export interface RouteIdentity {
  readonly controller: Function;
  readonly handler: Function;
}

/** What a transport reads from the filter's `ArgumentsHost` before the error is resolved. */
export interface CiamCall {
  /** What `CiamErrorMapper.resolve` gets: the caller, its Accept-Language, the route, the host. */
  readonly context: CiamResolveContext;
  /**
   * The counter's `ciam.context` (`http`, `graphql`, `rpc`, `grpc`, `ws`, or another context type
   * of Nest's): a handful of values whatever the traffic.
   */
  readonly kind: string;
  /** Over HTTP, the route pattern (`/users/:id`) for the counter; never a concrete path. */
  readonly route?: string;
  /** The start of the log line: `GET /users/:id`, `graphql Query.user`, `ws user.get`. */
  where(): string;
}

/** What the filter lends a transport to answer with. */
export interface AnswerKit {
  readonly mapper: CiamErrorMapper;
  readonly adapterHost: HttpAdapterHost;
  /** The options of the generic 500: the built-in format, whatever `format` says. */
  readonly internalOptions: ResolvedCiamErrorsOptions;
  /** Writes a line through the module's logger; a broken logger changes nothing. */
  log(level: LogLevelName, line: string): void;
}

/**
 * Everything the package does that differs between Nest's execution contexts (`http`, `graphql`,
 * `rpc`, `ws`), in one object per context: the filter and the route guard of `@CiamErrorMap` ask
 * the transport of the call's `getType()`, and never branch on it themselves.
 */
export interface CiamTransport<Call extends CiamCall = CiamCall> {
  /** For the guard of `@CiamErrorMap`: remembers which route a call reached. */
  remember(context: ExecutionContext, route: RouteIdentity): void;
  /** For the filter: the caller, its locale sources and the route remembered for this call. */
  read(host: ArgumentsHost, kit: AnswerKit): Call;
  /**
   * Answers `problem` in the transport's own form (an HTTP response, a GraphQL error, an rpc
   * error, a WebSocket `exception` event) and returns what the filter returns to Nest. `view` is
   * the frozen copy hooks see (`undefined` without hooks).
   */
  answer(
    problem: CiamProblem,
    view: Readonly<CiamProblem> | undefined,
    call: Call,
    host: ArgumentsHost,
    kit: AnswerKit,
  ): unknown;
  /**
   * A matched error the filter cannot answer (the mapper does not resolve it, or answering
   * failed): what Nest gives an error that no filter handles. Never a success, never silence.
   */
  unanswered(exception: unknown, host: ArgumentsHost, kit: AnswerKit): unknown;
}

/** Nest's text for an error no filter handles (`MESSAGES.UNKNOWN_EXCEPTION_MESSAGE`). */
export const UNKNOWN_EXCEPTION_MESSAGE = 'Internal server error';
