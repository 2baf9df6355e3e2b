import { of, throwError } from 'rxjs';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import { acceptLanguageOf } from '../locale/accept-language-header.util.js';
import { attempt } from '../utils/attempt.util.js';
import { safeId } from '../utils/safe-id.util.js';
import type { CiamCall, CiamTransport, RouteIdentity } from './ciam-transport.interface.js';
import { UNKNOWN_EXCEPTION_MESSAGE } from './ciam-transport.interface.js';
import { grpcStatusOf } from './grpc-status.js';
import { argsOf, errorPayload, isObject, logName } from './outside-http.util.js';
import type { CiamErrorPayload } from './outside-http.util.js';

/** What the filter uses of `@grpc/grpc-js`'s `Metadata`, which it must not import. */
interface GrpcMetadata {
  get(key: string): unknown[];
  set(key: string, value: string): void;
}

/** A message handler call: `[data, context]`, and for gRPC `[request, metadata, call]`. */
interface RpcCall extends CiamCall {
  /** The incoming gRPC metadata; `undefined` over every other transport. */
  readonly grpcMetadata?: GrpcMetadata;
}

/**
 * The route of each message, keyed by the transport's context (`TcpContext`, gRPC `Metadata`,
 * `NatsContext`…), made for each message and in both the guards' and the filter's arguments;
 * else by the data, when it is an object.
 */
const routes = new WeakMap<object, RouteIdentity>();

function keyOf(args: readonly unknown[]): object | undefined {
  const [data, context] = args;
  return isObject(context) ? context : isObject(data) ? data : undefined;
}

/**
 * Microservices: TCP, Redis, NATS, RabbitMQ, Kafka, MQTT answer an observable error carrying
 * `{ status: 'error', statusCode, code, message, requestId?, retryAfter? }`; gRPC a status, the
 * text as its message and trailers. The caller is the gRPC `Metadata` (whose `accept-language`
 * entries give the locale), or the transport's context, which carries no Accept-Language.
 */
export const RPC_TRANSPORT: CiamTransport<RpcCall> = {
  remember(context, route) {
    const key = keyOf(context.getArgs());
    if (key !== undefined) routes.set(key, route);
  },

  read(host): RpcCall {
    const args = argsOf(host);
    const context = args[1];
    const key = keyOf(args);
    const route = key === undefined ? undefined : routes.get(key);
    const routed = { controller: route?.controller, handler: route?.handler, host };
    if (isGrpcMetadata(context)) {
      const path = logName(
        attempt(() => (args[2] as { getPath?: () => unknown }).getPath?.(), undefined),
      );
      return {
        context: { request: context, acceptLanguage: acceptLanguageOf(context), ...routed },
        kind: 'grpc',
        where: () => `grpc ${path}`,
        grpcMetadata: context,
      };
    }
    const pattern = logName(attempt(() => patternOf(context), undefined));
    return {
      context: { request: context, ...routed },
      kind: 'rpc',
      where: () => `rpc ${pattern}`,
    };
  },

  answer(problem, _view, call, _host, kit) {
    if (!kit.mapper.isSilent(problem)) return throwError(() => rpcError(problem, call));
    // An override's 2xx hides the error, as over HTTP: a handler that returned nothing. gRPC
    // serializes the reply: an empty message, not `undefined`.
    return of(call.grpcMetadata !== undefined ? {} : undefined);
  },

  unanswered() {
    // BaseRpcExceptionFilter's answer to an unknown error.
    return throwError(() => ({ status: 'error', message: UNKNOWN_EXCEPTION_MESSAGE }));
  },
};

/**
 * Nest's gRPC server calls a handler with the call's `Metadata` where other transports put their
 * context (`TcpContext`, `NatsContext`…): told apart by the methods only `Metadata` has, so that
 * the package needs neither `@nestjs/microservices` nor grpc-js.
 */
function isGrpcMetadata(value: unknown): value is GrpcMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const metadata = value as Record<string, unknown>;
  return (
    typeof metadata.get === 'function' &&
    typeof metadata.set === 'function' &&
    typeof metadata.getMap === 'function' &&
    typeof metadata.clone === 'function'
  );
}

/** The pattern, subject, channel or topic the message came by, for the log line. */
function patternOf(context: unknown): unknown {
  if (typeof context !== 'object' || context === null) return undefined;
  const ctx = context as Record<'getPattern' | 'getSubject' | 'getChannel' | 'getTopic', unknown>;
  for (const read of [ctx.getPattern, ctx.getSubject, ctx.getChannel, ctx.getTopic]) {
    if (typeof read === 'function') return read.call(context) as unknown;
  }
  return undefined;
}

/** What a gRPC client receives: grpc-js reads `code`, `details` and `metadata` of the error. */
interface GrpcErrorObject {
  code: number;
  details: string;
  message: string;
  metadata?: GrpcMetadata;
}

/**
 * The error a message handler's observable fails with. For gRPC, Nest's server hands it to
 * grpc-js, which sends `code` as the call's status, `details` as its message and `metadata` as
 * its trailers; every other transport sends the object itself to the client.
 */
function rpcError(problem: CiamProblem, call: RpcCall): CiamErrorPayload | GrpcErrorObject {
  if (call.grpcMetadata === undefined) return errorPayload(problem);
  const error: GrpcErrorObject = {
    code: grpcStatusOf(problem.status),
    details: problem.detail,
    message: problem.detail,
  };
  const trailers = attempt(() => trailersFor(problem, call.grpcMetadata!), undefined);
  if (trailers !== undefined) error.metadata = trailers;
  return error;
}

/** Header values grpc-js accepts in metadata that is not binary (`-bin`). */
const METADATA_VALUE = /^[ -~]*$/;

/**
 * The trailers: `ciam-code`, `ciam-status` (the HTTP status), `ciam-request-id`, `retry-after`
 * and `www-authenticate` (a Bearer challenge). grpc-js accepts only a real `Metadata` (it calls its methods), so this one is
 * made with the constructor of the call's own metadata: the grpc-js copy the server uses.
 */
function trailersFor(problem: CiamProblem, incoming: GrpcMetadata): GrpcMetadata | undefined {
  const Metadata: unknown = (incoming as { constructor?: unknown }).constructor;
  if (typeof Metadata !== 'function') return undefined;
  const trailers = new (Metadata as new () => GrpcMetadata)();
  if (!isGrpcMetadata(trailers)) return undefined;
  // An override's code could hold characters a header cannot carry: left out rather than fail.
  if (METADATA_VALUE.test(problem.code)) trailers.set('ciam-code', problem.code);
  trailers.set('ciam-status', String(problem.status));
  const requestId = safeId(problem.requestId);
  if (requestId !== undefined) trailers.set('ciam-request-id', requestId);
  if (problem.retryAfter !== undefined) trailers.set('retry-after', String(problem.retryAfter));
  if (problem.wwwAuthenticate !== undefined) {
    trailers.set('www-authenticate', problem.wwwAuthenticate);
  }
  return trailers;
}
