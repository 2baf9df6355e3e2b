/**
 * gRPC status codes (`@grpc/grpc-js`'s `status` enum), written out: the package must not import
 * grpc-js, which apps without gRPC do not install.
 */
export const GrpcStatus = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/**
 * The gRPC status of each HTTP status the package can answer (the catalog's, the localized
 * titles', and the common ones an override may pick). The README's gRPC table is this one.
 */
const BY_HTTP_STATUS: ReadonlyMap<number, number> = new Map([
  [400, GrpcStatus.INVALID_ARGUMENT],
  [401, GrpcStatus.UNAUTHENTICATED],
  [403, GrpcStatus.PERMISSION_DENIED],
  [404, GrpcStatus.NOT_FOUND],
  [405, GrpcStatus.UNIMPLEMENTED],
  [408, GrpcStatus.DEADLINE_EXCEEDED],
  [409, GrpcStatus.ALREADY_EXISTS],
  [410, GrpcStatus.NOT_FOUND],
  [412, GrpcStatus.FAILED_PRECONDITION],
  // The client must send less: an argument problem, not a quota that frees up with time.
  [413, GrpcStatus.INVALID_ARGUMENT],
  [415, GrpcStatus.INVALID_ARGUMENT],
  [416, GrpcStatus.OUT_OF_RANGE],
  [422, GrpcStatus.INVALID_ARGUMENT],
  [423, GrpcStatus.FAILED_PRECONDITION],
  [429, GrpcStatus.RESOURCE_EXHAUSTED],
  [499, GrpcStatus.CANCELLED],
  [500, GrpcStatus.INTERNAL],
  [501, GrpcStatus.UNIMPLEMENTED],
  [502, GrpcStatus.UNAVAILABLE],
  [503, GrpcStatus.UNAVAILABLE],
  [504, GrpcStatus.DEADLINE_EXCEEDED],
]);

/**
 * The gRPC status for an HTTP status: the table above; else any other 4xx is
 * `FAILED_PRECONDITION` (the caller must change something before retrying), any other 5xx
 * `INTERNAL`, and anything else (an override's 1xx or 3xx) `UNKNOWN`.
 */
export function grpcStatusOf(httpStatus: number): number {
  const status = BY_HTTP_STATUS.get(httpStatus);
  if (status !== undefined) return status;
  if (httpStatus >= 400 && httpStatus <= 499) return GrpcStatus.FAILED_PRECONDITION;
  if (httpStatus >= 500 && httpStatus <= 599) return GrpcStatus.INTERNAL;
  return GrpcStatus.UNKNOWN;
}
