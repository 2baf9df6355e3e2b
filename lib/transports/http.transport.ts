import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { ResolvedCiamErrorsOptions } from '../options/module-options.util.js';
import { attempt } from '../utils/attempt.util.js';
import { escapeLogValue } from '../utils/log-text.util.js';
import { pathOf, routePathOf } from '../utils/request-path.util.js';
import type {
  AnswerKit,
  CiamCall,
  CiamTransport,
  RouteIdentity,
} from './ciam-transport.interface.js';
import { AsyncFormatError, renderBody } from './http-body.util.js';
import { writeProblem } from './http-reply.util.js';

type HttpAdapter = AnswerKit['adapterHost']['httpAdapter'];
type Rendered = ReturnType<typeof renderBody>;

/** An HTTP request that failed: its request, response and path. */
interface HttpCall extends CiamCall {
  readonly request: unknown;
  readonly response: unknown;
  /** The path without its query: the body's `instance`, and the log line's fallback. */
  readonly path: string;
}

/**
 * The route of each request, keyed by the request itself: the guard and the filter both get it.
 * Not the context: it holds the request, and a WeakMap value that refers back to its key makes
 * every garbage collection of the young generation far dearer.
 */
const routes = new WeakMap<object, RouteIdentity>();

/**
 * HTTP, on Express and Fastify, through Nest's HTTP adapter: a problem answer (RFC 9457, Nest's
 * error body or the app's `format`), the route's success answer for an override's 2xx, the
 * generic 500 when answering failed.
 */
export const HTTP_TRANSPORT: CiamTransport<HttpCall> = {
  remember(context: ExecutionContext, route: RouteIdentity): void {
    const request: unknown = context.switchToHttp().getRequest();
    if (typeof request === 'object' && request !== null) routes.set(request, route);
  },

  read(host: ArgumentsHost, kit: AnswerKit): HttpCall {
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
    const adapter = kit.adapterHost.httpAdapter;
    const route = typeof request === 'object' && request !== null ? routes.get(request) : undefined;
    const path = pathOf(attempt(() => adapter.getRequestUrl(request), '/'));
    // Read once for the counter and the log line (on Fastify a getter that builds an object).
    const pattern = routePathOf(request);
    return {
      context: { request, controller: route?.controller, handler: route?.handler, host },
      kind: 'http',
      route: pattern,
      request,
      response,
      path,
      where: () => {
        const method = attempt(() => String(adapter.getRequestMethod(request)), 'GET');
        return `${method} ${pattern ?? path}`;
      },
    };
  },

  answer(problem, view, call, host, kit): undefined {
    const adapter = kit.adapterHost.httpAdapter;
    const { response, path } = call;
    if (attempt(() => adapter.isHeadersSent(response), false)) {
      kit.log(
        'warn',
        `CIAM error after the response had started: ${escapeLogValue(problem.code)}` +
          ` on ${escapeLogValue(path)}`,
      );
      attempt(() => adapter.end(response), undefined);
      return undefined;
    }
    const { mapper } = kit;
    if (mapper.isSilent(problem)) {
      // An override's 2xx hides the error (CiamErrorPresets.passwordReset): it must look exactly
      // like a handler that returned nothing, so it goes through the same adapter call, bare.
      try {
        adapter.reply(response, undefined, problem.status);
      } catch (failure) {
        mapper.reportFailure('reply', failure);
        attempt(() => adapter.end(response), undefined);
      }
      return undefined;
    }
    let answer = problem;
    let rendered = render(view ?? problem, path, mapper.options, host, kit);
    // A 1xx is not a final answer (the client would wait for one): the generic 500 instead.
    const { status } = problem;
    if (rendered === undefined || !Number.isInteger(status) || status < 200 || status > 599) {
      answer = mapper.internalError(problem.locale);
      rendered = renderBody(answer, path, kit.internalOptions, host);
    }
    if (!send(adapter, response, answer, rendered, kit)) {
      sendInternalError(adapter, response, path, host, kit);
    }
    return undefined;
  },

  unanswered(exception, host, kit): void {
    new BaseExceptionFilter(kit.adapterHost.httpAdapter).catch(exception, host);
  },
};

/** The body per the `format` option; `undefined` when a custom format failed (reported). */
function render(
  problem: CiamProblem,
  path: string,
  options: ResolvedCiamErrorsOptions,
  host: ArgumentsHost,
  kit: AnswerKit,
): Rendered | undefined {
  try {
    return renderBody(problem, path, options, host);
  } catch (failure) {
    // A promise's own stack says nothing about the format: its message is enough.
    const reported = failure instanceof AsyncFormatError ? failure.message : failure;
    kit.mapper.reportFailure('format', reported);
    return undefined;
  }
}

/** Sends the answer; `false` (reported) when the platform refused a header or the body. */
function send(
  adapter: HttpAdapter,
  response: unknown,
  answer: CiamProblem,
  rendered: Rendered,
  kit: AnswerKit,
): boolean {
  try {
    writeProblem(adapter, response, {
      status: answer.status,
      contentType: rendered.contentType,
      locale: answer.locale,
      retryAfter: answer.retryAfter,
      wwwAuthenticate: answer.wwwAuthenticate,
      body: rendered.body,
    });
    return true;
  } catch (failure) {
    kit.mapper.reportFailure('reply', failure);
    return false;
  }
}

/**
 * After a failed reply: the generic 500, else a bare 500. Never an `end()` alone, which the
 * platform would send as 200.
 */
function sendInternalError(
  adapter: HttpAdapter,
  response: unknown,
  path: string,
  host: ArgumentsHost,
  kit: AnswerKit,
): void {
  if (!attempt(() => adapter.isHeadersSent(response), true)) {
    const internal = kit.mapper.internalError(kit.mapper.options.defaultLocale);
    const rendered = renderBody(internal, path, kit.internalOptions, host);
    if (send(adapter, response, internal, rendered, kit)) return;
    attempt(() => adapter.status(response, 500), undefined);
  }
  attempt(() => adapter.end(response), undefined);
}
