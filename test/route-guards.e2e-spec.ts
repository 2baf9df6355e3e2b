import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Injectable, UseFilters, UseGuards } from '@nestjs/common';
import type { CanActivate, INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { Field, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { ExpressAdapter } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import request from 'supertest';
import WebSocket from 'ws';
import {
  CiamErrorMap,
  CiamErrorsModule,
  CiamException,
  CiamExceptionFilter,
} from '../lib/index.js';
import type { CiamErrorOverrideMap } from '../lib/index.js';
import { loadApolloDriver } from './fixtures/apollo-express.js';
import { loadMercuriusDriver } from './fixtures/mercurius.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// `@CiamErrorMap` installs a guard that records the route of each call. These suites build the
// same class hierarchies twice, with and without maps, and check that every guard Nest runs
// without the package still runs, in the same order, whatever the decorator order and the depth
// of inheritance: on controllers (Express and Fastify), resolvers (Apollo, Mercurius) and
// gateways (socket.io, ws).

const { ApolloDriver } = await loadApolloDriver();
const { MercuriusDriver } = await loadMercuriusDriver();

/** The guards that ran for the current call, in order. One call at a time. */
const ran: string[] = [];

function recorder(name: string): Type<CanActivate> {
  @Injectable()
  class Recorder implements CanActivate {
    canActivate(): boolean {
      ran.push(name);
      return true;
    }
  }
  Object.defineProperty(Recorder, 'name', { value: `${name}Guard` });
  return Recorder;
}

/** A guard that refuses every call, as an authentication guard does without credentials. */
@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    ran.push('deny');
    return false;
  }
}

const [G1, G2, G3, G4] = ['G1', 'G2', 'G3', 'G4'].map(recorder) as [
  Type<CanActivate>,
  Type<CanActivate>,
  Type<CanActivate>,
  Type<CanActivate>,
];

const MAP: CiamErrorOverrideMap = { 'FailedOperation.UserNotFound': 401 };
type Decorator = ClassDecorator & MethodDecorator;
const none: Decorator = () => undefined;

/**
 * The shapes, built with the maps (`mapped`) or without: each is a leaf class whose routes are
 * `open` (records the guards) and `fails` (throws UserNotFound, 401 under the map).
 */
function shapes(mapped: boolean) {
  const Map: (map: CiamErrorOverrideMap) => Decorator = mapped ? CiamErrorMap : () => none;

  class Handlers {
    open(): string[] {
      return [...ran];
    }
    fails(): never {
      throw new CiamException('FailedOperation.UserNotFound');
    }
  }

  @UseGuards(G1)
  class GuardedBase extends Handlers {}

  @UseGuards(DenyAll)
  class DeniedBase extends Handlers {}

  // 1. A method map on a subclass of a guarded base.
  class MethodMap extends GuardedBase {
    @Map(MAP)
    override fails(): never {
      return super.fails();
    }
  }
  // 2. A class map on a subclass of a guarded base.
  @Map(MAP)
  class ClassMap extends GuardedBase {}
  // 3. The subclass's own guards written above the class map (applied after it).
  @UseGuards(G2)
  @Map(MAP)
  class OwnGuardsAbove extends GuardedBase {}
  // 4. The subclass's own guards written below the class map (applied before it).
  @Map(MAP)
  @UseGuards(G2)
  class OwnGuardsBelow extends GuardedBase {}
  // 5. Three levels: a map at the top, guards at every level, a method map at the bottom.
  @Map(MAP)
  @UseGuards(G2)
  class Top extends GuardedBase {}
  @UseGuards(G3)
  class Middle extends Top {}
  @UseGuards(G4)
  class Leaf extends Middle {
    @Map(MAP)
    override open(): string[] {
      return super.open();
    }
  }
  // 6. A class map and method guards on an inherited route.
  @Map(MAP)
  class MethodGuards extends GuardedBase {
    @UseGuards(G3)
    override open(): string[] {
      return super.open();
    }
  }
  // 7. A deny-all base: no map may let a call through.
  class DeniedMethodMap extends DeniedBase {
    @Map(MAP)
    override open(): string[] {
      return super.open();
    }
  }
  @Map(MAP)
  class DeniedClassMap extends DeniedBase {}
  @UseGuards(G2)
  @Map(MAP)
  class DeniedOwnAbove extends DeniedBase {}
  @Map(MAP)
  @UseGuards(G2)
  class DeniedOwnBelow extends DeniedBase {}

  return {
    MethodMap,
    ClassMap,
    OwnGuardsAbove,
    OwnGuardsBelow,
    Leaf,
    MethodGuards,
    DeniedMethodMap,
    DeniedClassMap,
    DeniedOwnAbove,
    DeniedOwnBelow,
  };
}

type ShapeName = keyof ReturnType<typeof shapes>;
const SHAPES = Object.keys(shapes(false)) as ShapeName[];
const DENIED = SHAPES.filter((name) => name.startsWith('Denied'));

/**
 * Gives `target` its own `key` method, as a subclass that redeclares it would: it runs `body`, or
 * the inherited method, and keeps the method's metadata (its `@CiamErrorMap`, its guards); then
 * applies `decorators` to it. Each leaf thus gets its own route, query or event name.
 */
function ownMethod(
  target: Function,
  key: string,
  decorators: MethodDecorator[],
  body?: (...args: unknown[]) => unknown,
): void {
  const proto = target.prototype as Record<string, unknown>;
  const source = proto[key] as (...args: unknown[]) => unknown;
  const own = function (this: unknown, ...args: unknown[]) {
    return (body ?? source).apply(this, args);
  };
  Object.defineProperty(own, 'name', { value: key });
  for (const metadataKey of Reflect.getOwnMetadataKeys(source)) {
    Reflect.defineMetadata(metadataKey, Reflect.getOwnMetadata(metadataKey, source), own);
  }
  let descriptor: PropertyDescriptor = {
    value: own,
    writable: true,
    configurable: true,
    enumerable: false,
  };
  for (const decorator of decorators) {
    descriptor =
      (decorator(proto, key, descriptor) as PropertyDescriptor | undefined) ?? descriptor;
  }
  Object.defineProperty(proto, key, descriptor);
}

/** Leaf classes made HTTP controllers under `/<prefix>/<shape>`. */
function controllers(prefix: string, mapped: boolean): Type[] {
  const built = shapes(mapped);
  return SHAPES.map((name) => {
    const shape = built[name] as Type;
    const Routed = class extends shape {};
    Object.defineProperty(Routed, 'name', { value: `${name}Controller` });
    ownMethod(Routed, 'open', [Get('open')]);
    ownMethod(Routed, 'fails', [Get('fails')]);
    Controller(`${prefix}/${name}`)(Routed);
    return Routed;
  });
}

describe('the guard of @CiamErrorMap keeps every guard Nest would run, in order', () => {
  it('is written on the class with the inherited guards after it', () => {
    const { ClassMap, OwnGuardsAbove, OwnGuardsBelow, Leaf } = shapes(true);
    const names = (target: Function) =>
      ((Reflect.getMetadata(GUARDS_METADATA, target) as object[]) ?? []).map((guard) =>
        typeof guard === 'function' ? guard.name : guard.constructor.name,
      );
    expect(names(ClassMap)).toEqual(['CiamRouteContextGuard', 'G1Guard']);
    expect(names(OwnGuardsAbove)).toEqual(['CiamRouteContextGuard', 'G1Guard', 'G2Guard']);
    expect(names(OwnGuardsBelow)).toEqual(['CiamRouteContextGuard', 'G1Guard', 'G2Guard']);
    expect(names(Leaf)).toEqual([
      'CiamRouteContextGuard',
      'G1Guard',
      'G2Guard',
      'G3Guard',
      'G4Guard',
    ]);
  });
});

describe.each(PLATFORMS)('inherited guards on controllers on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [...controllers('with', true), ...controllers('without', false)],
      providers: [G1, G2, G3, G4, DenyAll],
    });
  });
  afterAll(() => app.close());

  async function call(path: string) {
    ran.length = 0;
    const res = await request(app.getHttpServer()).get(path);
    return { status: res.status, body: res.body as unknown, ran: [...ran] };
  }

  it.each(SHAPES)(
    '%s runs the same guards in the same order as without the package',
    async (name) => {
      const without = await call(`/without/${name}/open`);
      const withMaps = await call(`/with/${name}/open`);
      expect(withMaps).toEqual(without);
      // The shapes are not trivial: every one runs the base class's guard.
      expect(without.ran[0]).toBe(DENIED.includes(name) ? 'deny' : 'G1');
    },
  );

  it.each(DENIED)('%s is refused as without the package', async (name) => {
    const res = await call(`/with/${name}/fails`);
    expect(res.status).toBe(403);
    expect(res.ran).toEqual(['deny']);
  });

  it.each(SHAPES.filter((name) => !DENIED.includes(name) && name !== 'Leaf'))(
    '%s still answers with its map',
    async (name) => {
      expect((await call(`/with/${name}/fails`)).status).toBe(401);
      expect((await call(`/without/${name}/fails`)).status).toBe(404);
    },
  );
});

@ObjectType()
class Item {
  @Field()
  id!: string;
}

/** Leaf classes made resolvers: queries `<shape>Open` and `<shape>Fails`, with or without maps. */
function resolvers(mapped: boolean): Type[] {
  const built = shapes(mapped);
  const suffix = mapped ? 'With' : 'Without';
  return SHAPES.map((name) => {
    const shape = built[name] as Type;
    const Resolved = class extends shape {};
    Object.defineProperty(Resolved, 'name', { value: `${name}${suffix}Resolver` });
    ownMethod(Resolved, 'open', [Query(() => [String], { name: `${name}${suffix}Open` })]);
    ownMethod(Resolved, 'fails', [
      Query(() => Item, { name: `${name}${suffix}Fails`, nullable: true }),
    ]);
    Resolver(() => Item)(Resolved);
    return Resolved;
  });
}

const DRIVERS = [
  {
    name: 'Apollo on Express',
    platform: PLATFORMS[0],
    graphql: () =>
      GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
  },
  {
    name: 'Mercurius on Fastify',
    platform: PLATFORMS[1],
    graphql: () =>
      GraphQLModule.forRoot<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        autoSchemaFile: true,
      }),
  },
] as const;

describe.each(DRIVERS)('inherited guards on resolvers with $name', ({ platform, graphql }) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false }), graphql()],
      providers: [...resolvers(true), ...resolvers(false), G1, G2, G3, G4, DenyAll],
    });
  });
  afterAll(() => app.close());

  async function query(field: string, selection = '') {
    ran.length = 0;
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .send({ query: `{ ${field}${selection} }` });
    const { data, errors } = res.body as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: { status?: number } }[];
    };
    return {
      value: data?.[field] ?? null,
      error: errors?.[0]?.message,
      status: errors?.[0]?.extensions?.status,
      ran: [...ran],
    };
  }

  it.each(SHAPES)(
    '%s runs the same guards in the same order as without the package',
    async (name) => {
      const without = await query(`${name}WithoutOpen`);
      const withMaps = await query(`${name}WithOpen`);
      expect(withMaps).toEqual(without);
      expect(without.ran[0]).toBe(DENIED.includes(name) ? 'deny' : 'G1');
      if (DENIED.includes(name)) expect(withMaps.error).toBe('Forbidden resource');
    },
  );

  it('a map still applies behind an inherited guard', async () => {
    expect((await query('ClassMapWithFails', ' { id }')).status).toBe(401);
    expect((await query('ClassMapWithoutFails', ' { id }')).status).toBe(404);
  });
});

/** Leaf classes made gateways with events `<shape>.open`: the guards that ran, as an exception. */
function gateways(mapped: boolean): Type[] {
  const built = shapes(mapped);
  return SHAPES.map((name) => {
    const shape = built[name] as Type;
    const Gateway = class extends shape {};
    Object.defineProperty(Gateway, 'name', {
      value: `${name}${mapped ? 'With' : 'Without'}Gateway`,
    });
    // Reports the guards through the `exception` event, which both adapters deliver.
    ownMethod(Gateway, 'open', [SubscribeMessage(`${name}.open`)], () => {
      throw new CiamException('FailedOperation.UserNotFound', { requestId: ran.join('.') });
    });
    UseFilters(CiamExceptionFilter)(Gateway);
    WebSocketGateway()(Gateway);
    return Gateway;
  });
}

const ADAPTERS = [
  { name: 'socket.io', adapter: (app: INestApplication) => new IoAdapter(app) },
  { name: 'ws', adapter: (app: INestApplication) => new WsAdapter(app) },
] as const;

describe.each(ADAPTERS)('inherited guards on gateways on $name', ({ name: kind, adapter }) => {
  async function gatewayApp(mapped: boolean) {
    const moduleRef = await Test.createTestingModule({
      imports: [CiamErrorsModule.forRoot({ logger: false, isGlobal: true })],
      providers: [...gateways(mapped), G1, G2, G3, G4, DenyAll],
    }).compile();
    const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
    app.useWebSocketAdapter(adapter(app));
    await app.listen(0, '127.0.0.1');
    return { app, port: (app.getHttpServer().address() as AddressInfo).port };
  }

  /** Resolves with what `register` hands over, or fails after 2 s. */
  function within2s(register: (resolve: (value: unknown) => void) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no exception event within 2 s')), 2000);
      register((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  /** Sends `event` and answers the data of the next `exception` event. */
  async function exceptionOf(port: number, event: string): Promise<unknown> {
    ran.length = 0;
    if (kind === 'socket.io') {
      const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
      try {
        return await within2s((resolve) => {
          socket.once('exception', resolve);
          socket.emit(event, {});
        });
      } finally {
        socket.close();
      }
    }
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      return await within2s((resolve) => {
        socket.on('message', (raw) => {
          const message = JSON.parse(String(raw)) as { event: string; data: unknown };
          if (message.event === 'exception') resolve(message.data);
        });
        socket.send(JSON.stringify({ event, data: {} }));
      });
    } finally {
      socket.close();
    }
  }

  let withMaps: Awaited<ReturnType<typeof gatewayApp>>;
  let without: Awaited<ReturnType<typeof gatewayApp>>;
  beforeAll(async () => {
    withMaps = await gatewayApp(true);
    without = await gatewayApp(false);
  });
  afterAll(async () => {
    await withMaps.app.close();
    await without.app.close();
  });

  it.each(SHAPES)(
    '%s runs the same guards in the same order as without the package',
    async (name) => {
      const bare = await exceptionOf(without.port, `${name}.open`);
      const packaged = await exceptionOf(withMaps.port, `${name}.open`);
      const guards = (answer: unknown) => (answer as { requestId?: string }).requestId;
      if (DENIED.includes(name)) {
        // Refused before the handler: Nest's own answer to a guard's `false`.
        expect(packaged).toMatchObject({ status: 'error', message: 'Forbidden resource' });
        expect(packaged).toEqual(bare);
        return;
      }
      expect(guards(packaged)).toBe(guards(bare));
      expect(guards(bare)?.split('.')[0]).toBe('G1');
      // The map applies on the mapped gateways, and only there (UserNotFound is a 404 by default).
      const mappedStatus = (packaged as { statusCode?: number }).statusCode;
      expect((bare as { statusCode?: number }).statusCode).toBe(404);
      expect(mappedStatus).toBe(name === 'MethodMap' ? 404 : 401);
    },
  );
});
