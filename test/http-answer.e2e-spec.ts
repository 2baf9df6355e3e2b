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
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CiamErrorsModule, CiamException, CiamExceptionFilter } from '../lib/index.js';
import { sdkError } from './fixtures/sdk-errors.js';

// How an HTTP problem answer is written, read off the wire: the status line, every header and
// the body of raw exchanges, on Express and Fastify. A problem answer carries no ETag, so no
// conditional request can turn it into an empty 304.

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
    // The catalog's own 200, with a problem body.
    throw new CiamException('DryRunOperation');
  }

  @Get('ok')
  ok(): { ok: true } {
    return { ok: true };
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

/** A raw exchange, parsed: status, headers by lower-case name, body bytes. */
interface Exchange {
  readonly status: number;
  readonly headers: Map<string, string>;
  readonly body: Buffer;
}

function exchange(port: number, head: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        // A header sent on several lines reads as one list (RFC 9110 §5.3).
        headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      }
      resolve({
        status: Number(statusLine!.split(' ')[1]),
        headers,
        body: raw.subarray(end + 4),
      });
    });
  });
}

const PLATFORMS = [
  { name: 'express', adapter: () => new ExpressAdapter() },
  { name: 'fastify', adapter: () => new FastifyAdapter() },
] as const;

/** [what the test name says, request, status, Content-Language, Retry-After] */
const REQUESTS = [
  ['409 in en', 'GET /answers/conflict HTTP/1.1', 409, 'en', undefined],
  [
    '409 in zh-CN',
    'GET /answers/conflict HTTP/1.1\r\nAccept-Language: zh-CN',
    409,
    'zh-CN',
    undefined,
  ],
  [
    'SDK error, zh-TW',
    'GET /answers/sdk HTTP/1.1\r\nAccept-Language: zh-TW,zh;q=0.9',
    404,
    'zh-TW',
    undefined,
  ],
  ['429', 'GET /answers/rate-limited HTTP/1.1', 429, 'en', '1'],
  ['hidden 500', 'GET /answers/hidden HTTP/1.1\r\nAccept-Language: zh-CN', 500, 'zh-CN', undefined],
  ['2xx problem', 'GET /answers/dry-run HTTP/1.1', 200, 'en', undefined],
] as const;

describe.each(PLATFORMS)('problem answers on $name', (platform) => {
  let server: { app: INestApplication; port: number };
  beforeAll(async () => {
    server = await listen(platform.adapter());
  });
  afterAll(() => server.app.close());

  it.each(REQUESTS)(
    '%s: the headers of section 3, no ETag',
    async (_label, head, status, locale, retryAfter) => {
      const answer = await exchange(server.port, head);
      expect(answer.status).toBe(status);
      const { headers } = answer;
      expect(headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(headers.get('content-language')).toBe(locale);
      expect(headers.get('vary')).toBe('Accept-Language');
      expect(headers.get('retry-after')).toBe(retryAfter);
      expect(headers.get('etag')).toBeUndefined();
      expect(headers.get('transfer-encoding')).toBeUndefined();
      // The length in bytes, also for Chinese texts.
      expect(Number(headers.get('content-length'))).toBe(answer.body.length);
      const body = JSON.parse(answer.body.toString('utf8')) as { status: number };
      expect(body.status).toBe(status);
      if (locale !== 'en') expect(answer.body.toString('utf8')).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('adds Accept-Language to a Vary header set before the error', async () => {
    expect((await exchange(server.port, 'GET /answers/vary HTTP/1.1')).headers.get('vary')).toBe(
      'Origin, Accept-Language',
    );
    const list = await exchange(server.port, 'GET /answers/vary HTTP/1.1\r\nX-Vary: list');
    expect(list.headers.get('vary')).toBe('Origin, Cookie, Accept-Language');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await exchange(server.port, 'GET /answers/conflict HTTP/1.1');
    const headAnswer = await exchange(server.port, 'HEAD /answers/conflict HTTP/1.1');
    expect(headAnswer.status).toBe(409);
    expect(headAnswer.body.length).toBe(0);
    expect(headAnswer.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(headAnswer.headers.get('content-type')).toBe(get.headers.get('content-type'));
  });

  it.each([
    ['If-None-Match: *', 'If-None-Match: *'],
    ['If-None-Match of an earlier success', 'ETAG_OF_OK'],
    ['If-Modified-Since', 'If-Modified-Since: Thu, 01 Jan 2099 00:00:00 GMT'],
  ])('never answers a 2xx problem with a 304: %s', async (_label, condition) => {
    let header = condition;
    if (condition === 'ETAG_OF_OK') {
      const ok = await exchange(server.port, 'GET /answers/ok HTTP/1.1');
      header = `If-None-Match: ${ok.headers.get('etag') ?? '"none"'}`;
    }
    const first = await exchange(server.port, 'GET /answers/dry-run HTTP/1.1');
    const again = await exchange(server.port, `GET /answers/dry-run HTTP/1.1\r\n${header}`);
    expect(again.status).toBe(200);
    expect(again.body.toString('utf8')).toBe(first.body.toString('utf8'));
    expect(JSON.parse(again.body.toString('utf8'))).toMatchObject({ code: 'DryRunOperation' });
  });
});

describe.each([
  ['off', false],
  ['strong', 'strong'],
  ['weak', 'weak'],
  ['a function', (body: Buffer) => `"custom-${body.length}"`],
] as const)('Express with the etag setting %s', (_name, etag) => {
  let server: { app: INestApplication; port: number };
  beforeAll(async () => {
    server = await listen(new ExpressAdapter(), (app) =>
      (app as NestExpressApplication).set('etag', etag),
    );
  });
  afterAll(() => server.app.close());

  it('gives problem answers no ETag, and its successes the ETag Express gives', async () => {
    for (const path of ['conflict', 'dry-run', 'sdk']) {
      const answer = await exchange(server.port, `GET /answers/${path} HTTP/1.1`);
      expect(answer.headers.get('etag')).toBeUndefined();
    }
    const ok = await exchange(server.port, 'GET /answers/ok HTTP/1.1');
    expect(ok.headers.has('etag')).toBe(etag !== false);
  });

  it('answers a 2xx problem in full to a request that names its ETag', async () => {
    const ok = await exchange(server.port, 'GET /answers/ok HTTP/1.1');
    const tag = ok.headers.get('etag') ?? '*';
    const dry = await exchange(
      server.port,
      `GET /answers/dry-run HTTP/1.1\r\nIf-None-Match: ${tag}`,
    );
    expect(dry.status).toBe(200);
    expect(dry.body.length).toBeGreaterThan(0);
  });
});

type Configure = (app: INestApplication) => void;
type Middleware = (
  req: unknown,
  res: Record<string, (...args: string[]) => unknown>,
  next: () => void,
) => void;

describe.each([
  [
    'a Transfer-Encoding set before the error',
    (app: INestApplication) =>
      app.use(((_req, res, next) => {
        res.setHeader!('Transfer-Encoding', 'chunked');
        next();
      }) as Middleware),
    (answer: Exchange) => {
      // Never both: the body is chunked, as the middleware asked.
      expect(answer.headers.get('transfer-encoding')).toBe('chunked');
      expect(answer.headers.get('content-length')).toBeUndefined();
    },
  ],
  [
    'an ETag set before the error',
    (app: INestApplication) =>
      app.use(((_req, res, next) => {
        res.setHeader!('ETag', '"from-middleware"');
        next();
      }) as Middleware),
    (answer: Exchange) => {
      // The app's own header stays; it does not make the 2xx problem a 304 either.
      expect(answer.headers.get('etag')).toBe('"from-middleware"');
      expect(answer.status).toBe(200);
    },
  ],
] as const)('Express with %s', (_name, configure: Configure, check: (answer: Exchange) => void) => {
  let server: { app: INestApplication; port: number };
  beforeAll(async () => {
    server = await listen(new ExpressAdapter(), configure);
  });
  afterAll(() => server.app.close());

  it('answers the 2xx problem in full', async () => {
    const answer = await exchange(
      server.port,
      'GET /answers/dry-run HTTP/1.1\r\nIf-None-Match: "from-middleware"',
    );
    check(answer);
    expect(answer.body.toString('latin1')).toContain('"code":"DryRunOperation"');
  });
});

describe('an error thrown in Fastify middleware', () => {
  it('is answered as from a handler', async () => {
    const { app, port } = await listen(new FastifyAdapter(), (nest) =>
      nest.use('/answers/middleware', () => {
        throw new CiamException('FailedOperation.UserNameAlreadyExists');
      }),
    );
    try {
      const answer = await exchange(port, 'GET /answers/middleware HTTP/1.1');
      expect(answer.status).toBe(409);
      expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(answer.headers.get('vary')).toBe('Accept-Language');
      expect(answer.body.toString('utf8')).toContain(
        '"code":"FailedOperation.UserNameAlreadyExists"',
      );
    } finally {
      await app.close();
    }
  });
});

describe('a raw Node.js response on Fastify (as a hijacked route hands over)', () => {
  it('keeps the header names as given', async () => {
    const { app, port } = await listen(new FastifyAdapter(), (nest) => {
      const fastify = (nest as NestFastifyApplication).getHttpAdapter().getInstance();
      fastify.get('/raw', (request, reply) => {
        reply.hijack();
        const args = [request.raw, reply.raw];
        const host = {
          getType: () => 'http',
          getArgs: () => args,
          getArgByIndex: (index: number) => args[index],
        } as unknown as ArgumentsHost;
        nest
          .get(CiamExceptionFilter)
          .catch(new CiamException('FailedOperation.UserNotFound'), host);
      });
    });
    try {
      const answer = await exchange(port, 'GET /raw HTTP/1.1');
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-language')).toBe('en');
      // Node writes a raw response's header names as they were set.
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write('GET /raw HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('error', reject);
        socket.on('end', () => resolve(text));
      });
      expect(raw).toContain('\r\nContent-Type: application/problem+json; charset=utf-8\r\n');
      expect(raw).toContain('\r\nContent-Language: en\r\n');
    } finally {
      await app.close();
    }
  });
});
