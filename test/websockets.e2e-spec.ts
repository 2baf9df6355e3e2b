import { Logger, UseFilters } from '@nestjs/common';
import type { INestApplication, ModuleMetadata, Type } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { ExpressAdapter } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import { SubscribeMessage, WebSocketGateway, WsException } from '@nestjs/websockets';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import type { Socket as IoClient } from 'socket.io-client';
import WebSocket from 'ws';
import {
  CiamErrorMap,
  CiamErrorsModule,
  CiamExceptionFilter,
  withCiamHandshakes,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import {
  CASES,
  CLASS_MAP,
  LOCALES,
  METHOD_MAP,
  OPTIONS,
  requestIdOf,
  UPSTREAM_SECRET,
  ciamError,
  expected,
  logged,
} from './fixtures/transport-cases.js';

// Real gateways on 127.0.0.1, on socket.io and on `ws`, with real clients. Each `exception`
// event is compared with what HTTP answers for the same error (the mapper with the same
// options), and non-CIAM errors with an app without the package.

/** What a handler throws for `code`: a CIAM error, or errors the package must leave alone. */
function failure(code: string): Error {
  if (code === 'plain') return new Error(`boom: ${UPSTREAM_SECRET}`);
  if (code === 'ws-exception') return new WsException('not allowed here');
  return ciamError(code);
}

/** The handlers; each app's gateway extends it. */
class UsersHandlers {
  @SubscribeMessage('fail')
  fail(_client: unknown, data: { code: string }): never {
    throw failure(data.code);
  }

  @SubscribeMessage('fail-overridden')
  @CiamErrorMap(METHOD_MAP)
  failOverridden(_client: unknown, data: { code: string }): never {
    throw failure(data.code);
  }
}

@WebSocketGateway()
@UseFilters(CiamExceptionFilter)
@CiamErrorMap(CLASS_MAP)
class UsersGateway extends UsersHandlers {}

/** The same handlers in an app without the package. */
@WebSocketGateway()
class BareUsersGateway extends UsersHandlers {}

/** A gateway of the packaged app without `@UseFilters`: global filters never reach gateways. */
@WebSocketGateway()
class UnfilteredGateway {
  @SubscribeMessage('unfiltered')
  fail(_client: unknown, data: { code: string }): never {
    throw failure(data.code);
  }
}

/** Every `resolveLocale` call's caller. */
const callers: unknown[] = [];

/** A `locale` in the message itself, which wins over the handshake's Accept-Language. */
const options: CiamErrorsModuleOptions = {
  ...OPTIONS,
  resolveLocale: (caller, host) => {
    callers.push(caller);
    return host?.getType() === 'ws'
      ? host.switchToWs().getData<{ locale?: string } | undefined>()?.locale
      : undefined;
  },
};

const withPackage: ModuleMetadata = {
  imports: [CiamErrorsModule.forRoot(options)],
  providers: [UsersGateway, UnfilteredGateway],
};
const withoutPackage: ModuleMetadata = { providers: [BareUsersGateway] };

async function startApp(
  metadata: ModuleMetadata,
  adapter: (app: INestApplication) => IoAdapter | WsAdapter,
): Promise<{ app: INestApplication; port: number }> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
  app.useWebSocketAdapter(adapter(app));
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

/** A client of either kind: sends an event, answers the next `exception` event's data. */
interface TestClient {
  exception(event: string, data: unknown): Promise<unknown>;
  close(): void;
}

function nextOrTimeout<T>(register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no exception event within 2 s')), 2000);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

async function ioClient(port: number, headers: Record<string, string>) {
  const socket: IoClient = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    extraHeaders: headers,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    exception: (event, data) =>
      nextOrTimeout((resolve) => {
        socket.once('exception', resolve);
        socket.emit(event, data);
      }),
    close: () => socket.close(),
  } satisfies TestClient;
}

async function wsClient(port: number, headers: Record<string, string>) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { headers });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    exception: (event, data) =>
      nextOrTimeout((resolve) => {
        const onMessage = (raw: WebSocket.RawData) => {
          const message = JSON.parse(String(raw)) as { event: string; data: unknown };
          if (message.event !== 'exception') return;
          socket.off('message', onMessage);
          resolve(message.data);
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ event, data }));
      }),
    close: () => socket.close(),
  } satisfies TestClient;
}

const ADAPTERS = [
  {
    name: 'socket.io',
    adapter: (app: INestApplication) => new IoAdapter(app),
    connect: (port: number, headers: Record<string, string>) => ioClient(port, headers),
  },
  {
    name: 'ws',
    // `ws` keeps nothing of the handshake: the one line that lets the filter read it.
    adapter: (app: INestApplication) => withCiamHandshakes(new WsAdapter(app)),
    connect: (port: number, headers: Record<string, string>) => wsClient(port, headers),
  },
] as const;

/** The `exception` event's data for a problem. */
function shape(code: string, locale: string, controller: Type = UsersGateway, handler?: Function) {
  const problem = expected(code, locale, controller, handler);
  return {
    status: 'error',
    statusCode: problem.status,
    code: problem.code,
    message: problem.detail,
    ...requestIdOf(problem),
    ...(problem.retryAfter === undefined ? {} : { retryAfter: problem.retryAfter }),
  };
}

describe.each(ADAPTERS)('gateway on $name', ({ adapter, connect }) => {
  let app: INestApplication;
  let bare: INestApplication;
  let port: number;
  let barePort: number;
  const clients: TestClient[] = [];
  const client = async (headers: Record<string, string> = {}) => {
    const connected = await connect(port, headers);
    clients.push(connected);
    return connected;
  };
  beforeAll(async () => {
    ({ app, port } = await startApp(withPackage, adapter));
    ({ app: bare, port: barePort } = await startApp(withoutPackage, adapter));
  });
  afterAll(async () => {
    for (const connected of clients) connected.close();
    await app.close();
    await bare.close();
  });

  describe.each(LOCALES)('with Accept-Language: %s', (locale) => {
    it.each([CASES.conflict, CASES.signature, CASES.limit, CASES.userNotFound, CASES.token])(
      'emits %s as an exception event with the status, code and text HTTP would',
      async (code) => {
        const socket = await client({ 'accept-language': locale });
        const data = await socket.exception('fail', { code });
        expect(data).toEqual(shape(code, locale));
        expect(JSON.stringify(data)).not.toContain(UPSTREAM_SECRET);
      },
    );

    it("applies the method's @CiamErrorMap over its class's", async () => {
      const socket = await client({ 'accept-language': locale });
      const data = await socket.exception('fail-overridden', { code: CASES.userNotFound });
      const handler = UsersHandlers.prototype.failOverridden;
      expect(data).toEqual(shape(CASES.userNotFound, locale, UsersGateway, handler));
      expect(data).toMatchObject({ statusCode: 423, code: 'AccountLocked' });
    });
  });

  it('exposes the 409, hides the signature failure and carries the retry delay', async () => {
    const socket = await client();
    expect(await socket.exception('fail', { code: CASES.conflict })).toMatchObject({
      statusCode: 409,
      code: CASES.conflict,
    });
    expect(await socket.exception('fail', { code: CASES.signature })).toMatchObject({
      statusCode: 500,
      code: 'InternalServerError',
    });
    expect(await socket.exception('fail', { code: CASES.limit })).toMatchObject({
      statusCode: 429,
      retryAfter: 1,
    });
    // The recorded route holds for every later message of the same client.
    expect(await socket.exception('fail', { code: CASES.userNotFound })).toMatchObject({
      statusCode: 401,
    });
    expect(await socket.exception('fail-overridden', { code: CASES.userNotFound })).toMatchObject({
      statusCode: 423,
    });
  });

  it('logs one line naming the event', async () => {
    const socket = await client();
    logged.length = 0;
    await socket.exception('fail-overridden', { code: CASES.userNotFound });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^ws fail-overridden -> 423 AccountLocked /);
  });

  it('hands resolveLocale the client socket, and its answer wins over Accept-Language', async () => {
    callers.length = 0;
    const socket = await client({ 'accept-language': 'en' });
    const data = await socket.exception('fail', { code: CASES.conflict, locale: 'zh-CN' });
    expect(data).toEqual(shape(CASES.conflict, 'zh-CN'));
    expect(callers).toHaveLength(1);
    expect(typeof (callers[0] as { send?: unknown; emit?: unknown }).emit).toBe('function');
  });

  it.each(['plain', 'ws-exception'])(
    'answers a non-CIAM error (%s) exactly as an app without the package',
    async (code) => {
      const socket = await client();
      const bareSocket = await connect(barePort, {});
      clients.push(bareSocket);
      const data = await socket.exception('fail', { code });
      expect(data).toEqual(await bareSocket.exception('fail', { code }));
      expect(JSON.stringify(data)).not.toContain(UPSTREAM_SECRET);
    },
  );

  it("is not reached by the module's global filter: a gateway needs @UseFilters", async () => {
    const socket = await client();
    expect(await socket.exception('unfiltered', { code: CASES.conflict })).toEqual({
      status: 'error',
      message: 'Internal server error',
      cause: { pattern: 'unfiltered', data: { code: CASES.conflict } },
    });
  });
});

describe('withCiamHandshakes', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function answerIn(adapter: (app: INestApplication) => IoAdapter | WsAdapter) {
    const started = await startApp(withPackage, adapter);
    apps.push(started.app);
    const connect = adapter(started.app) instanceof IoAdapter ? ioClient : wsClient;
    const socket = await connect(started.port, { 'accept-language': 'zh-TW' });
    try {
      return await socket.exception('fail', { code: CASES.conflict });
    } finally {
      socket.close();
    }
  }

  it('is what lets the filter read the handshake on ws: without it, the default locale', async () => {
    expect(await answerIn((app) => new WsAdapter(app))).toEqual(shape(CASES.conflict, 'en'));
    expect(await answerIn((app) => withCiamHandshakes(new WsAdapter(app)))).toEqual(
      shape(CASES.conflict, 'zh-TW'),
    );
  });

  it('changes nothing on socket.io, which keeps its handshake', async () => {
    expect(await answerIn((app) => withCiamHandshakes(new IoAdapter(app)))).toEqual(
      shape(CASES.conflict, 'zh-TW'),
    );
  });

  it('returns the adapter it was given, wrapped once', () => {
    const adapter = new WsAdapter();
    const bind = withCiamHandshakes(adapter).bindClientConnect;
    expect(withCiamHandshakes(adapter)).toBe(adapter);
    expect(adapter.bindClientConnect).toBe(bind);
  });

  it('refuses what is not a WebSocket adapter', () => {
    expect(() => withCiamHandshakes({} as WsAdapter)).toThrow(/WebSocket adapter/);
    expect(() => withCiamHandshakes(undefined as unknown as WsAdapter)).toThrow(TypeError);
  });
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
