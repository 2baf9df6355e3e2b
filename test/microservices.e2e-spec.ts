import { Controller, Logger } from '@nestjs/common';
import type { ArgumentsHost, INestApplication, INestMicroservice, Type } from '@nestjs/common';
import {
  GrpcMethod,
  MessagePattern,
  NatsContext,
  RpcException,
  Transport,
} from '@nestjs/microservices';
import type { ClientProxy } from '@nestjs/microservices';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, timeout } from 'rxjs';
import type { Observable } from 'rxjs';
import {
  CiamErrorMap,
  CiamErrorPresets,
  CiamErrorsModule,
  CiamExceptionFilter,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import { GrpcStatus, grpcStatusOf } from '../lib/transports/grpc-status.js';
import { startMicroservice, tcpClient } from './fixtures/microservices.js';
import {
  CASES,
  CLASS_MAP,
  LOCALES,
  METHOD_MAP,
  OPTIONS,
  REQUEST_ID,
  requestIdOf,
  UPSTREAM_SECRET,
  ciamError,
  expected,
  logged,
} from './fixtures/transport-cases.js';

// Real transports on 127.0.0.1: a TCP microservice with a ClientProxy, a gRPC server with a
// grpc-js client, and a hybrid HTTP app. Each answer is compared with what HTTP answers for the
// same error (the mapper with the same options), and non-CIAM errors with an app without the
// package.

/** What a handler throws for `code`: a CIAM error, or errors the package must leave alone. */
function failure(code: string): Error {
  if (code === 'plain') return new Error(`boom: ${UPSTREAM_SECRET}`);
  if (code === 'rpc-exception') return new RpcException('not allowed here');
  return ciamError(code);
}

interface FailData {
  code: string;
  locale?: string;
}

@Controller()
@CiamErrorMap(CLASS_MAP)
class UsersRpcController {
  @MessagePattern('fail')
  fail(data: FailData): never {
    throw failure(data.code);
  }

  @MessagePattern('fail-overridden')
  @CiamErrorMap(METHOD_MAP)
  failOverridden(data: FailData): never {
    throw failure(data.code);
  }

  @MessagePattern('reset')
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  reset(data: FailData): void {
    if (data.code !== 'ok') throw failure(data.code);
  }
}

@Controller()
@CiamErrorMap(CLASS_MAP)
class UsersGrpcController {
  @GrpcMethod('Users', 'Fail')
  fail(data: FailData): never {
    throw failure(data.code);
  }

  @GrpcMethod('Users', 'FailOverridden')
  @CiamErrorMap(METHOD_MAP)
  failOverridden(data: FailData): never {
    throw failure(data.code);
  }
}

/** Every `resolveLocale` call, to check what it receives in each context. */
const callers: { caller: unknown; type: string | undefined }[] = [];

/**
 * The locale of the message (TCP carries no headers), else the gRPC metadata's `x-locale`,
 * which wins over its `accept-language`.
 */
const options: CiamErrorsModuleOptions = {
  ...OPTIONS,
  resolveLocale: (caller, host) => {
    callers.push({ caller, type: host?.getType() });
    const data = host?.switchToRpc().getData<FailData | undefined>();
    if (data?.locale) return data.locale;
    const chosen = (caller as { get?: (key: string) => unknown[] }).get?.('x-locale')?.[0];
    return typeof chosen === 'string' ? chosen : undefined;
  },
};

const withPackage = (controller: Type) => ({
  imports: [CiamErrorsModule.forRoot(options)],
  controllers: [controller],
});
const withoutPackage = (controller: Type) => ({ controllers: [controller] });

type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What `send` answers for a reply without a value (a handler that returned nothing). */
const NO_VALUE = Symbol('no value');

/** The call's answer, success or error, within 2 s: an unanswered call fails the test. */
async function send(client: ClientProxy, pattern: string, data: FailData): Promise<Answer> {
  try {
    const reply = client.send(pattern, data).pipe(timeout(2000));
    return { ok: true, value: await lastValueFrom(reply, { defaultValue: NO_VALUE }) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The TCP shape of a problem, as the client receives it. */
function tcpShape(code: string, locale: string, handler?: Function) {
  const problem = expected(code, locale, UsersRpcController, handler);
  return {
    status: 'error',
    statusCode: problem.status,
    code: problem.code,
    message: problem.detail,
    ...requestIdOf(problem),
    ...(problem.retryAfter === undefined ? {} : { retryAfter: problem.retryAfter }),
  };
}

describe('TCP microservice', () => {
  let app: INestMicroservice;
  let bare: INestMicroservice;
  let client: ClientProxy;
  let bareClient: ClientProxy;
  beforeAll(async () => {
    const started = await startMicroservice(withPackage(UsersRpcController));
    const startedBare = await startMicroservice(withoutPackage(UsersRpcController));
    app = started.microservice;
    bare = startedBare.microservice;
    client = tcpClient(started.port);
    bareClient = tcpClient(startedBare.port);
  });
  afterAll(async () => {
    await client.close();
    await bareClient.close();
    await app.close();
    await bare.close();
  });

  describe.each(LOCALES)('in %s', (locale) => {
    it.each([CASES.conflict, CASES.signature, CASES.limit, CASES.userNotFound, CASES.token])(
      'answers %s as an error with the status, code and text HTTP would',
      async (code) => {
        const answer = await send(client, 'fail', { code, locale });
        expect(answer).toEqual({ ok: false, error: tcpShape(code, locale) });
        expect(JSON.stringify(answer)).not.toContain(UPSTREAM_SECRET);
      },
    );

    it("applies the method's @CiamErrorMap over its class's", async () => {
      const answer = await send(client, 'fail-overridden', { code: CASES.userNotFound, locale });
      const shape = tcpShape(
        CASES.userNotFound,
        locale,
        UsersRpcController.prototype.failOverridden,
      );
      expect(answer).toEqual({ ok: false, error: shape });
      expect(shape).toMatchObject({ statusCode: 423, code: 'AccountLocked' });
    });
  });

  it('exposes the 409, hides the signature failure and carries the retry delay', async () => {
    expect(await send(client, 'fail', { code: CASES.conflict })).toMatchObject({
      error: { statusCode: 409, code: CASES.conflict },
    });
    expect(await send(client, 'fail', { code: CASES.signature })).toMatchObject({
      error: { statusCode: 500, code: 'InternalServerError' },
    });
    expect(await send(client, 'fail', { code: CASES.limit })).toMatchObject({
      error: { statusCode: 429, code: CASES.limit, retryAfter: 1 },
    });
    expect(await send(client, 'fail', { code: CASES.userNotFound })).toMatchObject({
      error: { statusCode: 401 },
    });
  });

  it('logs one line naming the pattern, without the upstream message in the answer', async () => {
    logged.length = 0;
    await send(client, 'fail', { code: CASES.signature });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^rpc fail -> 500 InternalServerError upstreamCode=AuthFailure\.SignatureFailure /,
    );
  });

  it('hands resolveLocale the TcpContext and the host', async () => {
    callers.length = 0;
    await send(client, 'fail', { code: CASES.conflict, locale: 'zh-CN' });
    expect(callers).toHaveLength(1);
    expect(callers[0]!.type).toBe('rpc');
    expect((callers[0]!.caller as { getPattern(): string }).getPattern()).toBe('fail');
  });

  it('answers a 2xx override exactly as a handler that returned nothing', async () => {
    const silent = await send(client, 'reset', { code: CASES.userNotFound });
    const success = await send(client, 'reset', { code: 'ok' });
    expect(success).toEqual({ ok: true, value: NO_VALUE });
    expect(silent).toEqual(success);
  });

  it.each(['plain', 'rpc-exception'])(
    'answers a non-CIAM error (%s) exactly as an app without the package',
    async (code) => {
      const answer = await send(client, 'fail', { code });
      expect(answer.ok).toBe(false);
      expect(answer).toEqual(await send(bareClient, 'fail', { code }));
    },
  );
});

describe('other transports (NATS, Redis, RMQ…): the TCP shape', () => {
  it('answers from a NatsContext as over TCP', async () => {
    const moduleRef = await Test.createTestingModule(withPackage(UsersRpcController)).compile();
    const filter = moduleRef.get(CiamExceptionFilter);
    const context = new NatsContext(['users.fail', undefined]);
    const host = {
      getType: () => 'rpc',
      getArgs: () => [{ code: CASES.conflict }, context],
      switchToRpc: () => ({ getData: () => ({ code: CASES.conflict }), getContext: () => context }),
    } as unknown as ArgumentsHost;
    const answer = filter.catch(ciamError(CASES.conflict), host) as Observable<never>;
    await expect(lastValueFrom(answer)).rejects.toEqual(tcpShape(CASES.conflict, 'en'));
    await moduleRef.close();
  });
});

const PROTO_PATH = fileURLToPath(new URL('./fixtures/ciam-test.proto', import.meta.url));

/** A free loopback port: the gRPC server does not say which one it bound. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startGrpc(metadata: ReturnType<typeof withoutPackage>) {
  const port = await freePort();
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const microservice = moduleRef.createNestMicroservice({
    transport: Transport.GRPC,
    options: { package: 'ciamtest', protoPath: PROTO_PATH, url: `127.0.0.1:${port}` },
    logger: false,
  });
  await microservice.listen();
  return { microservice, port };
}

type UsersClient = grpc.Client &
  Record<
    'Fail' | 'FailOverridden',
    (
      request: { code: string },
      metadata: grpc.Metadata,
      callback: (error: grpc.ServiceError | null, reply?: unknown) => void,
    ) => void
  >;

function grpcClient(port: number): UsersClient {
  const definition = protoLoader.loadSync(PROTO_PATH);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    ciamtest: { Users: new (address: string, credentials: grpc.ChannelCredentials) => UsersClient };
  };
  return new pkg.ciamtest.Users(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

interface GrpcAnswer {
  code: number;
  details: string;
  trailers: Record<string, unknown>;
}

function grpcCall(
  client: UsersClient,
  method: 'Fail' | 'FailOverridden',
  code: string,
  headers: Record<string, string> = {},
): Promise<GrpcAnswer> {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return new Promise((resolve, reject) => {
    client[method]({ code }, metadata, (error) => {
      if (!error) return reject(new Error('the call succeeded'));
      // The client's metadata merges the response headers (content-type, date) and trailers.
      const trailers = Object.fromEntries(
        Object.entries(error.metadata.getMap()).filter(
          ([key]) => key.startsWith('ciam-') || key === 'retry-after' || key === 'www-authenticate',
        ),
      );
      resolve({ code: error.code, details: error.details, trailers });
    });
  });
}

/** What the gRPC client receives for a problem. */
function grpcShape(code: string, locale: string, handler?: Function): GrpcAnswer {
  const problem = expected(code, locale, UsersGrpcController, handler);
  return {
    code: grpcStatusOf(problem.status),
    details: problem.detail,
    trailers: {
      'ciam-code': problem.code,
      'ciam-status': String(problem.status),
      ...(problem.requestId === undefined ? {} : { 'ciam-request-id': REQUEST_ID }),
      ...(problem.wwwAuthenticate === undefined
        ? {}
        : { 'www-authenticate': problem.wwwAuthenticate }),
      ...(problem.retryAfter === undefined ? {} : { 'retry-after': String(problem.retryAfter) }),
    },
  };
}

describe('gRPC microservice', () => {
  let app: INestMicroservice;
  let bare: INestMicroservice;
  let client: UsersClient;
  let bareClient: UsersClient;
  beforeAll(async () => {
    const started = await startGrpc(withPackage(UsersGrpcController));
    const startedBare = await startGrpc(withoutPackage(UsersGrpcController));
    app = started.microservice;
    bare = startedBare.microservice;
    client = grpcClient(started.port);
    bareClient = grpcClient(startedBare.port);
  });
  afterAll(async () => {
    client.close();
    bareClient.close();
    await app.close();
    await bare.close();
  });

  describe.each(LOCALES)('with accept-language: %s', (locale) => {
    it.each([CASES.conflict, CASES.signature, CASES.limit, CASES.userNotFound, CASES.token])(
      'fails %s with the gRPC status of the HTTP status, its text and trailers',
      async (code) => {
        const answer = await grpcCall(client, 'Fail', code, { 'accept-language': locale });
        expect(answer).toEqual(grpcShape(code, locale));
        expect(JSON.stringify(answer)).not.toContain(UPSTREAM_SECRET);
      },
    );

    it("applies the method's @CiamErrorMap over its class's", async () => {
      const answer = await grpcCall(client, 'FailOverridden', CASES.userNotFound, {
        'accept-language': locale,
      });
      const handler = UsersGrpcController.prototype.failOverridden;
      expect(answer).toEqual(grpcShape(CASES.userNotFound, locale, handler));
      expect(answer.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(answer.trailers['ciam-code']).toBe('AccountLocked');
    });
  });

  it('maps 409, 500, 429, 401 to their gRPC statuses, with the retry delay', async () => {
    const codes = [];
    for (const code of [CASES.conflict, CASES.signature, CASES.limit, CASES.userNotFound]) {
      codes.push((await grpcCall(client, 'Fail', code)).code);
    }
    expect(codes).toEqual([
      grpc.status.ALREADY_EXISTS,
      grpc.status.INTERNAL,
      grpc.status.RESOURCE_EXHAUSTED,
      grpc.status.UNAUTHENTICATED,
    ]);
    const limited = await grpcCall(client, 'Fail', CASES.limit);
    expect(limited.trailers['retry-after']).toBe('1');
  });

  it('logs one line naming the gRPC method', async () => {
    logged.length = 0;
    await grpcCall(client, 'Fail', CASES.conflict);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^grpc \/ciamtest\.Users\/Fail -> 409 /);
  });

  it('hands resolveLocale the Metadata, which wins over accept-language', async () => {
    callers.length = 0;
    const answer = await grpcCall(client, 'Fail', CASES.conflict, {
      'accept-language': 'en',
      'x-locale': 'zh-CN',
    });
    expect(answer.details).toBe(expected(CASES.conflict, 'zh-CN').detail);
    expect(callers).toHaveLength(1);
    expect(callers[0]!.type).toBe('rpc');
    expect(callers[0]!.caller).toBeInstanceOf(grpc.Metadata);
  });

  it('answers a non-CIAM error exactly as an app without the package', async () => {
    for (const code of ['plain', 'rpc-exception']) {
      const answer = await grpcCall(client, 'Fail', code);
      expect(answer).toEqual(await grpcCall(bareClient, 'Fail', code));
      expect(answer.details).not.toContain(UPSTREAM_SECRET);
    }
  });
});

describe('the gRPC status table', () => {
  it.each([
    [400, grpc.status.INVALID_ARGUMENT],
    [401, grpc.status.UNAUTHENTICATED],
    [403, grpc.status.PERMISSION_DENIED],
    [404, grpc.status.NOT_FOUND],
    [405, grpc.status.UNIMPLEMENTED],
    [408, grpc.status.DEADLINE_EXCEEDED],
    [409, grpc.status.ALREADY_EXISTS],
    [410, grpc.status.NOT_FOUND],
    [412, grpc.status.FAILED_PRECONDITION],
    [413, grpc.status.INVALID_ARGUMENT],
    [415, grpc.status.INVALID_ARGUMENT],
    [416, grpc.status.OUT_OF_RANGE],
    [418, grpc.status.FAILED_PRECONDITION],
    [422, grpc.status.INVALID_ARGUMENT],
    [423, grpc.status.FAILED_PRECONDITION],
    [429, grpc.status.RESOURCE_EXHAUSTED],
    [499, grpc.status.CANCELLED],
    [500, grpc.status.INTERNAL],
    [501, grpc.status.UNIMPLEMENTED],
    [502, grpc.status.UNAVAILABLE],
    [503, grpc.status.UNAVAILABLE],
    [504, grpc.status.DEADLINE_EXCEEDED],
    [507, grpc.status.INTERNAL],
    [302, grpc.status.UNKNOWN],
  ])('%i -> %i', (http, expectedStatus) => {
    expect(grpcStatusOf(http)).toBe(expectedStatus);
  });
});

describe('a hybrid app (HTTP and TCP)', () => {
  async function startHybrid(inheritAppConfig: boolean) {
    const moduleRef = await Test.createTestingModule(withPackage(UsersRpcController)).compile();
    const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
    const microservice = app.connectMicroservice(
      { transport: Transport.TCP, options: { host: '127.0.0.1', port: 0 } },
      { inheritAppConfig },
    );
    await app.startAllMicroservices();
    await app.init();
    const port = (microservice.unwrap<Server>().address() as AddressInfo).port;
    return { app, client: tcpClient(port) };
  }

  let apps: { app: INestApplication; client: ClientProxy }[] = [];
  afterAll(async () => {
    for (const { app, client } of apps) {
      await client.close();
      await app.close();
    }
    apps = [];
  });

  it("answers CIAM errors with the module's global filter when it inherits the app config", async () => {
    const started = await startHybrid(true);
    apps.push(started);
    expect(await send(started.client, 'fail', { code: CASES.conflict })).toEqual({
      ok: false,
      error: tcpShape(CASES.conflict, 'en'),
    });
  });

  it("gets Nest's generic error without inheritAppConfig: the global filter is not its", async () => {
    const started = await startHybrid(false);
    apps.push(started);
    expect(await send(started.client, 'fail', { code: CASES.conflict })).toEqual({
      ok: false,
      error: { status: 'error', message: 'Internal server error' },
    });
  });
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
