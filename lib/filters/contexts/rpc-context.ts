import { routeOfCall } from '../../decorators/route-context.guard.js';
import type { CiamProblem } from '../../interfaces/ciam-problem.interface.js';
import { safeId } from '../ciam-response.util.js';
import { grpcStatusOf } from './grpc-status.js';
import { errorPayload, nameOf, tryRead } from './outside-http-call.util.js';
import type { CiamErrorPayload, OutsideHttpCall } from './outside-http-call.util.js';

/** What the filter uses of `@grpc/grpc-js`'s `Metadata`, which it must not import. */
interface GrpcMetadata {
  get(key: string): unknown[];
  set(key: string, value: string): void;
}

/** A message handler call: `[data, context]`, and for gRPC `[request, metadata, call]`. */
export interface RpcCall extends OutsideHttpCall {
  /** The incoming gRPC metadata; `undefined` over every other transport. */
  readonly grpcMetadata?: GrpcMetadata;
}

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

/**
 * The caller of a message handler: the gRPC `Metadata` (whose `accept-language` entries give
 * the locale), or the transport's context object (`TcpContext`, `NatsContext`, `RmqContext`…),
 * which carries no Accept-Language of its own.
 */
export function rpcCall(args: readonly unknown[]): RpcCall {
  const context = args[1];
  const route = routeOfCall('rpc', args);
  if (isGrpcMetadata(context)) {
    return {
      caller: context,
      acceptLanguage: tryRead(() => acceptLanguageOf(context), undefined),
      route,
      kind: 'grpc',
      name: nameOf(tryRead(() => (args[2] as { getPath?: () => unknown }).getPath?.(), undefined)),
      grpcMetadata: context,
    };
  }
  return {
    caller: context,
    route,
    kind: 'rpc',
    name: nameOf(tryRead(() => patternOf(context), undefined)),
  };
}

function acceptLanguageOf(metadata: GrpcMetadata): string | undefined {
  const values = metadata.get('accept-language').filter((v) => typeof v === 'string');
  return values.length === 0 ? undefined : values.join(', ');
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
export interface GrpcErrorObject {
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
export function rpcError(problem: CiamProblem, call: RpcCall): CiamErrorPayload | GrpcErrorObject {
  if (call.grpcMetadata === undefined) return errorPayload(problem);
  const error: GrpcErrorObject = {
    code: grpcStatusOf(problem.status),
    details: problem.detail,
    message: problem.detail,
  };
  const trailers = tryRead(() => trailersFor(problem, call.grpcMetadata!), undefined);
  if (trailers !== undefined) error.metadata = trailers;
  return error;
}

/** Header values grpc-js accepts in metadata that is not binary (`-bin`). */
const METADATA_VALUE = /^[ -~]*$/;

/**
 * The trailers: `ciam-code`, `ciam-status` (the HTTP status), `ciam-request-id` and
 * `retry-after`. grpc-js accepts only a real `Metadata` (it calls its methods), so this one is
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
  return trailers;
}
