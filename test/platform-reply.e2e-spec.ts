import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, Module, UseGuards } from '@nestjs/common';
import type {
  ArgumentsHost,
  CanActivate,
  ExecutionContext,
  INestApplication,
} from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import crypto from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CiamErrorsModule, CiamException, CiamExceptionFilter } from '../lib/index.js';
import { sdkError } from './fixtures/sdk-errors.js';

/**
 * Every answer goes through the adapter; on Nest's own ExpressAdapter the filter also sets the
 * ETag that Express would compute, beforehand (lib/filters/platform-reply.util.ts), and on
 * Fastify replies it names headers in lower case. These tests hold it to its promise: every byte
 * on the wire (status line, every header, body) is what an adapter class without those
 * shortcuts sends for the same answer.
 */

/** Sets a Vary header before the handler, as CORS or a cache layer would. */
@Injectable()
class VaryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const response = context.switchToHttp().getResponse<Record<string, unknown>>();
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    const value = request.headers['x-vary'] === 'list' ? ['Origin', 'Cookie'] : 'Origin';
    if (typeof response.header === 'function' && 'raw' in response) {
      (response.header as (name: string, value: unknown) => void).call(response, 'Vary', value);
    } else {
      (response.setHeader as (name: string, value: unknown) => void).call(response, 'Vary', value);
    }
    return true;
  }
}

@Controller('answers')
class AnswersController {
  @Get('conflict')
  conflict(): never {
    throw new CiamException('FailedOperation.UserNameAlreadyExists');
  }

  @Get('sdk')
  sdk(): never {
    // Carries a request id: part of the body.
    throw sdkError('FailedOperation.UserNotFound');
  }

  @Get('rate-limited')
  rateLimited(): never {
    throw sdkError('RequestLimitExceeded');
  }

  @Get('hidden')
  hidden(): never {
    throw sdkError('AuthFailure.SignatureFailure');
  }

  @Get('dry-run')
  dryRun(): never {
    // The catalog's own 200: a body with an ETag that a client can send back.
    throw new CiamException('DryRunOperation');
  }

  @Get('vary')
  @UseGuards(VaryGuard)
  vary(): never {
    throw new CiamException('FailedOperation.EmailAlreadyExists');
  }
}

@Module({
  imports: [CiamErrorsModule.forRoot({ logger: false })],
  controllers: [AnswersController],
})
class AnswersModule {}

/** Counts its `reply` calls; an adapter class that overrides `reply` gets none of the shortcuts. */
class CountingExpressAdapter extends ExpressAdapter {
  replies = 0;
  override reply(
    ...args: Parameters<ExpressAdapter['reply']>
  ): ReturnType<ExpressAdapter['reply']> {
    this.replies++;
    return super.reply(...args);
  }
}

class CountingFastifyAdapter extends FastifyAdapter {
  replies = 0;
  override reply(
    ...args: Parameters<FastifyAdapter['reply']>
  ): ReturnType<FastifyAdapter['reply']> {
    this.replies++;
    return super.reply(...args);
  }
}

async function listen(
  adapter: ExpressAdapter | FastifyAdapter,
  configure?: (app: INestApplication) => void,
): Promise<{ app: INestApplication; port: number }> {
  const moduleRef = await Test.createTestingModule({ imports: [AnswersModule] }).compile();
  const app = moduleRef.createNestApplication(adapter, { logger: false });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

/** The raw response to a raw request, with the Date header (which changes by the second) cut. */
function exchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () =>
      resolve(
        Buffer.concat(chunks)
          .toString('latin1')
          .replace(/\r\nDate: [^\r]*/i, ''),
      ),
    );
  });
}

/** [what the test name says, the request line and headers] */
const REQUESTS: readonly (readonly [string, string])[] = [
  ['409 in en', 'GET /answers/conflict HTTP/1.1'],
  ['409 in zh-CN', 'GET /answers/conflict HTTP/1.1\r\nAccept-Language: zh-CN'],
  [
    'SDK error with request id, zh-TW',
    'GET /answers/sdk HTTP/1.1\r\nAccept-Language: zh-TW,zh;q=0.9',
  ],
  ['429 with Retry-After', 'GET /answers/rate-limited HTTP/1.1\r\nAccept-Language: en'],
  ['hidden 500, zh-CN', 'GET /answers/hidden HTTP/1.1\r\nAccept-Language: zh-CN'],
  ['Vary already set', 'GET /answers/vary HTTP/1.1'],
  ['Vary already set as a list', 'GET /answers/vary HTTP/1.1\r\nX-Vary: list'],
  ['HEAD', 'HEAD /answers/conflict HTTP/1.1\r\nAccept-Language: zh-CN'],
  [
    'query string and If-None-Match',
    'GET /answers/conflict?token=secret HTTP/1.1\r\nIf-None-Match: *',
  ],
];

const PLATFORM_PAIRS = [
  {
    name: 'express',
    direct: () => new ExpressAdapter(),
    counting: () => new CountingExpressAdapter(),
  },
  {
    name: 'fastify',
    direct: () => new FastifyAdapter(),
    counting: () => new CountingFastifyAdapter(),
  },
] as const;

describe.each(PLATFORM_PAIRS)('answers on $name, with and without the shortcuts', (pair) => {
  let direct: { app: INestApplication; port: number };
  let through: { app: INestApplication; port: number };
  let counting: CountingExpressAdapter | CountingFastifyAdapter;

  beforeAll(async () => {
    direct = await listen(pair.direct());
    counting = pair.counting();
    through = await listen(counting);
  });
  afterAll(() => Promise.all([direct?.app.close(), through?.app.close()]));

  it.each(REQUESTS)('sends the bytes the adapter sends: %s', async (_label, head) => {
    const repliesBefore = counting.replies;
    const [mine, nests] = await Promise.all([
      exchange(direct.port, head),
      exchange(through.port, head),
    ]);
    expect(mine).toMatch(/^HTTP\/1\.1 [45]\d\d /);
    expect(mine).toBe(nests);
    // The second app answered through its own adapter class, without the shortcuts.
    expect(counting.replies).toBe(repliesBefore + 1);
  });

  it('writes a non-ASCII body with its length in bytes', async () => {
    const raw = await exchange(
      direct.port,
      'GET /answers/conflict HTTP/1.1\r\nAccept-Language: zh-CN',
    );
    const [head, body] = raw.split('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(head!)![1]);
    expect(Buffer.byteLength(body!, 'latin1')).toBe(length);
    const text = Buffer.from(body!, 'latin1').toString('utf8');
    expect(JSON.parse(text)).toMatchObject({
      status: 409,
      code: 'FailedOperation.UserNameAlreadyExists',
    });
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe.each([
  ['off', false],
  ['strong', 'strong'],
  ['weak', 'weak'],
] as const)('Express with the etag setting %s', (_name, etag) => {
  let direct: { app: INestApplication; port: number };
  let through: { app: INestApplication; port: number };
  const configure = (app: INestApplication) => (app as NestExpressApplication).set('etag', etag);

  beforeAll(async () => {
    direct = await listen(new ExpressAdapter(), configure);
    through = await listen(new CountingExpressAdapter(), configure);
  });
  afterAll(() => Promise.all([direct?.app.close(), through?.app.close()]));

  it.each(REQUESTS.slice(0, 3))('sends the bytes the adapter sends: %s', async (_label, head) => {
    const [mine, nests] = await Promise.all([
      exchange(direct.port, head),
      exchange(through.port, head),
    ]);
    expect(mine).toBe(nests);
    expect(/\r\nETag: /i.test(mine)).toBe(etag !== false);
  });
});

describe('Express ETags', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  /** Runs `requests` and counts the SHA-1 hashers created meanwhile (Express's ETag). */
  async function hashersDuring(requests: () => Promise<unknown>): Promise<number> {
    const createHash = crypto.createHash;
    let created = 0;
    crypto.createHash = ((...args: Parameters<typeof createHash>) => {
      if (args[0] === 'sha1') created++;
      return createHash(...args);
    }) as typeof createHash;
    try {
      await requests();
    } finally {
      crypto.createHash = createHash;
    }
    return created;
  }

  it.each(['weak', 'strong'] as const)(
    'are computed without a hasher once the first answer proved them equal (%s)',
    async (etag) => {
      const configure = (app: INestApplication) =>
        (app as NestExpressApplication).set('etag', etag);
      const direct = await listen(new ExpressAdapter(), configure);
      const through = await listen(new CountingExpressAdapter(), configure);
      apps.push(direct.app, through.app);
      const head = 'GET /answers/sdk HTTP/1.1\r\nAccept-Language: zh-CN';
      // The first answer of each app: Express's own tag, the proof.
      expect(await exchange(direct.port, head)).toBe(await exchange(through.port, head));
      const answers: string[] = [];
      const direct5 = () =>
        Promise.all(
          [1, 2, 3, 4, 5].map(async () => answers.push(await exchange(direct.port, head))),
        );
      expect(await hashersDuring(direct5)).toBe(0);
      expect(await hashersDuring(() => exchange(through.port, head))).toBeGreaterThan(0);
      const expected = await exchange(through.port, head);
      expect(answers).toEqual(Array(5).fill(expected));
      expect(expected).toMatch(etag === 'weak' ? /\r\nETag: W\/"/ : /\r\nETag: "/);
    },
  );

  it("leave the app's own ETag function in charge", async () => {
    const configure = (app: INestApplication) =>
      (app as NestExpressApplication).set('etag', (body: Buffer) => `"custom-${body.length}"`);
    const direct = await listen(new ExpressAdapter(), configure);
    apps.push(direct.app);
    for (let i = 0; i < 3; i++) {
      const raw = await exchange(direct.port, 'GET /answers/conflict HTTP/1.1');
      expect(raw).toMatch(/\r\nETag: "custom-\d+"\r\n/);
    }
  });
});

/** The ETag a response carries. */
function etagOf(raw: string): string {
  return /\r\nETag: ([^\r]*)/i.exec(raw)![1]!;
}

type Configure = (app: INestApplication) => void;

/** Middleware and settings that the direct path must leave with exactly the adapter's bytes. */
const EXPRESS_SETUPS: readonly (readonly [string, Configure])[] = [
  [
    'a middleware that rewrites string bodies in res.send',
    (app) =>
      app.use((_req: unknown, res: { send: (body: unknown) => unknown }, next: () => void) => {
        const send = res.send;
        res.send = function (this: unknown, body: unknown) {
          return send.call(
            this,
            typeof body === 'string' ? body.replace('"code"', '"errorCode"') : body,
          );
        };
        next();
      }),
  ],
  [
    'a middleware that rewrites headers in res.set',
    (app) =>
      app.use(
        (
          _req: unknown,
          res: { set: (name: string, value: string) => unknown },
          next: () => void,
        ) => {
          const set = res.set;
          res.set = function (this: unknown, name: string, value: string) {
            return set.call(
              this,
              name,
              name === 'Content-Language' ? String(value).toLowerCase() : value,
            );
          };
          next();
        },
      ),
  ],
  [
    'a Transfer-Encoding set before the error',
    (app) =>
      app.use(
        (_req: unknown, res: { setHeader: (n: string, v: string) => void }, next: () => void) => {
          res.setHeader('Transfer-Encoding', 'chunked');
          next();
        },
      ),
  ],
  [
    'an ETag set before the error',
    (app) =>
      app.use(
        (_req: unknown, res: { setHeader: (n: string, v: string) => void }, next: () => void) => {
          res.setHeader('ETag', '"from-middleware"');
          next();
        },
      ),
  ],
];

describe.each(EXPRESS_SETUPS)('Express with %s', (_name, configure) => {
  let direct: { app: INestApplication; port: number };
  let through: { app: INestApplication; port: number };
  beforeAll(async () => {
    direct = await listen(new ExpressAdapter(), configure);
    through = await listen(new CountingExpressAdapter(), configure);
  });
  afterAll(() => Promise.all([direct?.app.close(), through?.app.close()]));

  it.each(REQUESTS.slice(0, 3))('sends the bytes the adapter sends: %s', async (_label, head) => {
    // Twice: the second answer is the one where the filter's own ETag could take over.
    for (let i = 0; i < 2; i++) {
      const [mine, nests] = await Promise.all([
        exchange(direct.port, head),
        exchange(through.port, head),
      ]);
      expect(mine).toBe(nests);
    }
  });
});

describe('Express settings changed while the app runs', () => {
  let direct: { app: INestApplication; port: number };
  let through: { app: INestApplication; port: number };
  const express = (app: INestApplication) => app as NestExpressApplication;
  beforeAll(async () => {
    direct = await listen(new ExpressAdapter());
    through = await listen(new CountingExpressAdapter());
  });
  afterAll(() => Promise.all([direct?.app.close(), through?.app.close()]));

  const both = async (head: string) => {
    const [mine, nests] = await Promise.all([
      exchange(direct.port, head),
      exchange(through.port, head),
    ]);
    expect(mine).toBe(nests);
    return mine;
  };

  it('follows etag settings and generators set after the first answers', async () => {
    const head = 'GET /answers/conflict HTTP/1.1';
    await both(head);
    await both(head);
    for (const setting of ['strong', false, 'weak', true] as const) {
      for (const app of [direct.app, through.app]) express(app).set('etag', setting);
      await both(head);
      await both(head);
    }
    // A generator set under the name Express compiles `etag` into.
    for (const app of [direct.app, through.app]) {
      express(app).set('etag fn', (body: Buffer) => `"fn-${body.length}"`);
    }
    expect(await both(head)).toMatch(/\r\nETag: "fn-\d+"\r\n/);
    expect(await both(head)).toMatch(/\r\nETag: "fn-\d+"\r\n/);
  });

  it('answers a conditional request for a 2xx problem with the 304 Express gives', async () => {
    const first = await both('GET /answers/dry-run HTTP/1.1');
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    const fresh = await both(`GET /answers/dry-run HTTP/1.1\r\nIf-None-Match: ${etagOf(first)}`);
    expect(fresh).toMatch(/^HTTP\/1\.1 304 /);
  });
});

describe('an error thrown in Fastify middleware', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  const answerFromMiddleware = async (adapter: FastifyAdapter) => {
    const configure = (app: INestApplication) =>
      app.use('/answers/middleware', () => {
        throw new CiamException('FailedOperation.UserNameAlreadyExists');
      });
    const { app, port } = await listen(adapter, configure);
    apps.push(app);
    return exchange(port, 'GET /answers/middleware HTTP/1.1');
  };

  it('gets the same bytes with and without the shortcuts', async () => {
    const mine = await answerFromMiddleware(new FastifyAdapter());
    const nests = await answerFromMiddleware(new CountingFastifyAdapter());
    expect(mine).toBe(nests);
    expect(mine).toMatch(/^HTTP\/1\.1 409 /);
    expect(mine).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/i);
    expect(mine).toMatch(/\r\nvary: Accept-Language\r\n/i);
    expect(mine).toContain('"code":"FailedOperation.UserNameAlreadyExists"');
  });
});

describe('a raw Node.js response on Fastify (as a hijacked route hands over)', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  /** A Fastify route outside Nest that hands its raw request and response to the filter. */
  const answerOnRaw = async (adapter: FastifyAdapter) => {
    const configure = (app: INestApplication) => {
      const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
      fastify.get('/raw', (request, reply) => {
        reply.hijack();
        const args = [request.raw, reply.raw];
        const host = {
          getType: () => 'http',
          getArgs: () => args,
          getArgByIndex: (index: number) => args[index],
        } as unknown as ArgumentsHost;
        app.get(CiamExceptionFilter).catch(new CiamException('FailedOperation.UserNotFound'), host);
      });
    };
    const { app, port } = await listen(adapter, configure);
    apps.push(app);
    return exchange(port, 'GET /raw HTTP/1.1');
  };

  it('keeps the header names as given, as without the shortcuts', async () => {
    const mine = await answerOnRaw(new FastifyAdapter());
    const nests = await answerOnRaw(new CountingFastifyAdapter());
    expect(mine).toBe(nests);
    expect(mine).toMatch(/^HTTP\/1\.1 404 /);
    // Node writes a raw response's header names as they were set.
    expect(mine).toContain('\r\nContent-Type: application/problem+json; charset=utf-8\r\n');
    expect(mine).toContain('\r\nContent-Language: en\r\n');
  });
});
