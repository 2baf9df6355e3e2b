/**
 * One injected failure:
 * - a code string or `{ code, message? }`: a CIAM error envelope (HTTP 200, `Response.Error`);
 * - `{ httpStatus }`: a non-200 answer (400–599) with a plain-text body, as a gateway sends;
 * - `{ hang: true }`: no answer at all, so the client times out.
 *
 * @example
 * ```ts
 * emulator.failNext('FailedOperation.UserNotFound');
 * emulator.failNext({ code: 'InternalError', message: 'boom' });
 * emulator.failNext({ httpStatus: 503 });
 * emulator.failNext({ hang: true });
 * ```
 */
export type CiamEmulatorFailure =
  string | { code: string; message?: string } | { httpStatus: number } | { hang: true };

/**
 * Which requests a queued failure hits.
 *
 * @example
 * ```ts
 * emulator.failNext('RequestLimitExceeded', { action: 'CreateUser', times: 3 });
 * ```
 */
export interface CiamEmulatorFailNextOptions {
  /** Only requests for this action consume the failure; default: any action. */
  action?: string;
  /** How many matching requests fail; default 1. */
  times?: number;
}

/**
 * Options of `startCiamEmulator`; every one has a default.
 *
 * @example
 * ```ts
 * const emulator = await startCiamEmulator({ maxBodyBytes: 1024, rateLimitPerSecond: 20 });
 * ```
 */
export interface CiamEmulatorOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Loopback address to listen on (`127.0.0.1`, `::1` or `localhost`); default `127.0.0.1`. */
  host?: string;
  /** Accepted SecretId; default a random `AKID…` value. */
  secretId?: string;
  /** Accepted SecretKey; default a random value. */
  secretKey?: string;
  /** Region reported to clients; default `ap-guangzhou`. Any non-empty X-TC-Region is accepted. */
  region?: string;
  /** Largest accepted body in bytes; default 10 MB, beyond → `RequestSizeLimitExceeded`. */
  maxBodyBytes?: number;
  /** Largest accepted distance between X-TC-Timestamp and server time; default 300 s. */
  clockSkewSeconds?: number;
  /** Requests per second per action; default off. Beyond → `RequestLimitExceeded`. */
  rateLimitPerSecond?: number;
  /** How old a data-sync job must be before ListJobs reports it COMPLETED; default 50 ms. */
  jobDurationMs?: number;
}

/**
 * A running emulator, as `startCiamEmulator` resolves it.
 *
 * @example
 * ```ts
 * let emulator: CiamEmulator;
 * beforeAll(async () => (emulator = await startCiamEmulator()));
 * afterEach(() => emulator.reset());
 * afterAll(() => emulator.close());
 * ```
 */
export interface CiamEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`: the SDK's `endpoint` (with `protocol: 'http://'`). */
  readonly endpoint: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly region: string;
  /** A user store that exists from the start and survives `reset()`. */
  readonly userStoreId: string;
  /** Makes the next matching request(s) fail; failures queue in call order. */
  failNext(failure: CiamEmulatorFailure, options?: CiamEmulatorFailNextOptions): void;
  /** Changes the per-action rate limit; `undefined` turns it off. */
  setRateLimit(perSecond: number | undefined): void;
  /** Completes every PENDING or PROCESSING data-sync job now. */
  completeJobs(): void;
  /** Back to the initial data (same `userStoreId`), no queued failures, initial rate limit. */
  reset(): void;
  /** Stops listening and ends every connection, hanging ones included. */
  close(): Promise<void>;
}
