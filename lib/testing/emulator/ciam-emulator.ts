import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { USER_ACTIONS } from './actions/users.actions.js';
import { completeAllJobs } from './actions/index.js';
import { AuthServer } from './auth/auth-server.js';
import { resolveAuthSettings } from './auth/auth-settings.js';
import type { AuthSettings } from './auth/auth-settings.js';
import { createSigningKey } from './auth/jwt.util.js';
import type { CiamEmulator, CiamEmulatorOptions } from './ciam-emulator.interface.js';
import { EmulatorState } from './emulator-state.js';
import { FailureInjector } from './failure-injector.js';
import { ActionRateLimiter } from './rate-limiter.js';
import { handleCiamRequest } from './request-pipeline.js';
import type { PipelineContext } from './request-pipeline.js';

const DEFAULT_REGION = 'ap-guangzhou';
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_CLOCK_SKEW_SECONDS = 5 * 60;
const DEFAULT_JOB_DURATION_MS = 50;

type Settings = Required<Omit<CiamEmulatorOptions, 'rateLimitPerSecond' | 'auth'>> &
  Pick<CiamEmulatorOptions, 'rateLimitPerSecond'> & { auth: AuthSettings };

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`startCiamEmulator: ${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function resolveSettings(options: CiamEmulatorOptions): Settings {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new RangeError(`startCiamEmulator: host must be a loopback address, got ${host}`);
  }
  return {
    host,
    port: nonNegativeInteger('port', options.port ?? 0),
    // AKID + 32 characters: the shape of a real SecretId.
    secretId: options.secretId ?? `AKID${randomBytes(16).toString('hex')}`,
    secretKey: options.secretKey ?? randomBytes(24).toString('base64url'),
    region: options.region ?? DEFAULT_REGION,
    maxBodyBytes: nonNegativeInteger(
      'maxBodyBytes',
      options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ),
    clockSkewSeconds: nonNegativeInteger(
      'clockSkewSeconds',
      options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    ),
    jobDurationMs: nonNegativeInteger(
      'jobDurationMs',
      options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
    ),
    rateLimitPerSecond: options.rateLimitPerSecond,
    auth: resolveAuthSettings(options.auth),
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Malformed HTTP: answer 400 if possible, never let the error reach the process.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return sockets;
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    // Hanging requests would keep server.close() waiting forever.
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
}

/**
 * Starts an in-memory Tencent Cloud CIAM on a loopback port. `POST /` is the management API
 * (API 2022-03-31): it verifies TC3-HMAC-SHA256 signatures as the real gateway does and answers
 * the 23 CIAM actions with their documented error codes. The other paths are the tenant host
 * (`https://<tenant>.portal.tencentciam.com`): OAuth 2.0 / OpenID Connect over the same users,
 * with RS256 tokens verifiable through `GET /oauth2/jwks`. Tests can inject failures, hangs and
 * rate limits on both.
 *
 * @example
 * ```ts
 * import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
 * import * as client from 'openid-client';
 * import { startCiamEmulator } from 'nestjs-ciam-errors/testing';
 *
 * const emulator = await startCiamEmulator();
 * const sdk = new CommonClient(emulator.endpoint, '2022-03-31', {
 *   credential: { secretId: emulator.secretId, secretKey: emulator.secretKey },
 *   region: emulator.region,
 *   profile: { httpProfile: { protocol: 'http://', endpoint: emulator.endpoint } },
 * });
 * await sdk.request('CreateUser', { UserStoreId: emulator.userStoreId, UserName: 'ada', Password: 'S3cret!42' });
 * emulator.failNext('FailedOperation.UserNotFound', { action: 'DescribeUserById' });
 *
 * const config = await client.discovery(new URL(emulator.issuer), emulator.clientId, emulator.clientSecret, undefined, {
 *   execute: [client.allowInsecureRequests],
 * });
 * const tokens = await client.genericGrantRequest(config, 'password', {
 *   auth_source_id: emulator.authSourceId, username: 'ada', password: 'S3cret!42', scope: 'openid',
 * });
 * await emulator.close();
 * ```
 */
export async function startCiamEmulator(options: CiamEmulatorOptions = {}): Promise<CiamEmulator> {
  const settings = resolveSettings(options);
  const key = await createSigningKey(options.auth?.signingKey);
  const context: PipelineContext = {
    state: new EmulatorState(),
    credentials: { secretId: settings.secretId, secretKey: settings.secretKey },
    maxBodyBytes: settings.maxBodyBytes,
    clockSkewSeconds: settings.clockSkewSeconds,
    jobDurationMs: settings.jobDurationMs,
    injector: new FailureInjector(),
    rateLimiter: new ActionRateLimiter(settings.rateLimitPerSecond),
  };
  const server = createServer();
  const sockets = trackSockets(server);
  const { port } = await listen(server, settings.port, settings.host);
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const endpoint = `${host}:${port}`;
  const url = `http://${endpoint}`;
  const auth = new AuthServer({
    settings: settings.auth,
    key,
    issuer: url,
    state: context.state,
    injector: context.injector,
    maxBodyBytes: settings.maxBodyBytes,
  });
  server.on('request', (request, response) => {
    if (auth.handles(request)) void auth.handle(request, response);
    else void handleCiamRequest(request, response, context);
  });
  let closing: Promise<void> | undefined;

  return {
    url,
    endpoint,
    secretId: settings.secretId,
    secretKey: settings.secretKey,
    region: settings.region,
    userStoreId: context.state.defaultStoreId,
    issuer: url,
    clientId: settings.auth.clientId,
    clientSecret: settings.auth.clientSecret,
    authSourceId: settings.auth.authSourceId,
    redirectUris: Object.freeze([...settings.auth.redirectUris]),
    failNext: (failure, failOptions) => context.injector.add(failure, failOptions),
    setRateLimit: (perSecond) => context.rateLimiter.setLimit(perSecond),
    completeJobs: () => completeAllJobs(context.state, Date.now()),
    createUser: (params) => {
      const { User } = USER_ACTIONS.CreateUser!.handle(
        { ...params, UserStoreId: context.state.defaultStoreId },
        { state: context.state, now: Date.now(), jobDurationMs: context.jobDurationMs },
      ) as { User: { UserId: string } & Record<string, unknown> };
      return User;
    },
    authorize: (request) => auth.authorize(request),
    sentOtps: () => auth.sentOtps(),
    lastOtp: (recipient) => auth.lastOtp(recipient),
    advanceAuthClock: (seconds) => auth.advanceClock(seconds),
    reset: () => {
      context.state.reset();
      context.injector.clear();
      context.rateLimiter.setLimit(settings.rateLimitPerSecond);
      auth.reset();
    },
    close: () => (closing ??= closeServer(server, sockets)),
  };
}
