import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { ArgumentsHost, INestApplication, LoggerService } from '@nestjs/common';
import request from 'supertest';
import {
  CiamErrorMapper,
  CiamErrorsModule,
  CiamException,
  CiamExceptionFilter,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions, CiamProblem } from '../lib/index.js';
import { escapeLogValue } from '../lib/utils/log-text.util.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import type { Platform } from './fixtures/platforms.js';
import { ThrowController } from './fixtures/test-app.js';
import { sdkError } from './fixtures/sdk-errors.js';
import type { ServerResponse } from 'node:http';
import { runInThisContext } from 'node:vm';

/** Characters no log line of the package may carry raw. */
const UNSAFE_IN_LOGS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const HOSTILE_TEXT = 'a\u2028b\u2029c\u0085d\u202ee\u2066f\u200fg\u061ch\u001bi\r\nj';

@Controller('hooks')
class HooksController {
  @Get('string')
  string(): never {
    throw 'not ours';
  }

  /** Fastify: the reply is hijacked, so nothing but the filter can end it. */
  @Get('hijacked-after-headers')
  hijacked(@Res() response: { raw?: ServerResponse; hijack?: () => void } & ServerResponse): never {
    response.hijack?.();
    const raw = response.raw ?? response;
    raw.writeHead(200, { 'content-type': 'text/plain' });
    raw.write('partial');
    throw sdkError('FailedOperation.UserNotFound');
  }

  @Get('hostile-upstream')
  hostileUpstream(): never {
    throw new CiamException('AuthFailure.SignatureFailure', { upstreamMessage: HOSTILE_TEXT });
  }
}

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {} };
const NEST_HTTP_UNKNOWN = { statusCode: 500, message: 'Internal server error' };

/** What a logger received, per level. */
function recordingLogger() {
  const lines: { level: string; args: unknown[] }[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push({ level, args });
    };
  const logger = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
  };
  return { logger, lines };
}

/**
 * Node's own `process`: Jest gives each test file a copy of it, whose listeners Node never
 * calls. (Jest fails a test on an unhandled rejection too; the listener says which.)
 */
const nodeProcess = runInThisContext('process') as NodeJS.Process;
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  nodeProcess.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  nodeProcess.off('unhandledRejection', onUnhandled);
});

/** Lets rejections settle and Node report the unhandled ones. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

async function appWith(
  platform: Platform,
  options: CiamErrorsModuleOptions,
): Promise<INestApplication> {
  return startApp(platform, {
    imports: [CiamErrorsModule.forRoot({ logger: silent, ...options })],
    controllers: [ThrowController, HooksController],
  });
}

describe.each(PLATFORMS)('hooks that return promises on $name', (platform) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('an onError that rejects changes nothing: reported once, never unhandled', async () => {
    const { logger, lines } = recordingLogger();
    app = await appWith(platform, {
      logger,
      onError: async () => {
        throw new Error('hook boom');
      },
    });
    const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).code).toBe('FailedOperation.UserNotFound');
    await settle();
    expect(unhandled).toEqual([]);
    const reports = lines.filter((line) => String(line.args[0]).includes('onError'));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.args[0]).toContain('hook boom');
  });

  it('a logger whose methods reject neither crashes nor loops', async () => {
    const calls: string[] = [];
    const rejecting = (level: string) => async (): Promise<void> => {
      calls.push(level);
      throw new Error(`${level} logger down`);
    };
    app = await appWith(platform, {
      logger: {
        log: rejecting('log'),
        error: rejecting('error'),
        warn: rejecting('warn'),
        debug: rejecting('debug'),
      },
    });
    const server = app.getHttpServer();
    expect((await request(server).get('/throw/sdk/AuthFailure.SignatureFailure')).status).toBe(500);
    expect((await request(server).get('/throw/sdk/RequestLimitExceeded')).status).toBe(429);
    expect((await request(server).get('/throw/sdk/FailedOperation.UserNotFound')).status).toBe(404);
    await settle();
    expect(unhandled).toEqual([]);
    // Each line, then one report of its rejection (whose own rejection is dropped).
    expect(calls).toEqual(['error', 'error', 'warn', 'error', 'debug', 'error']);
  });

  it.each([
    [
      'rejects',
      async () => {
        throw new Error('format bug');
      },
    ],
    ['resolves', async (problem: CiamProblem) => ({ code: problem.code })],
  ])('an async format that %s answers the generic 500', async (_how, format) => {
    const { logger, lines } = recordingLogger();
    app = await appWith(platform, { logger, format });
    const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(res.text)).toMatchObject({ status: 500, code: 'InternalServerError' });
    await settle();
    expect(unhandled).toEqual([]);
    expect(lines.some((line) => String(line.args[0]).includes('the format function'))).toBe(true);
  });

  it.each([
    [
      'rejects',
      async () => {
        throw new Error('extract bug');
      },
    ],
    ['resolves', async () => ({ code: 'ResourceNotFound' })],
  ])('an async extract that %s claims no error of the app', async (_how, extract) => {
    app = await appWith(platform, { extract: extract as never });
    const thrownString = await request(app.getHttpServer()).get('/hooks/string');
    expect(thrownString.status).toBe(500);
    expect(thrownString.body).toEqual(NEST_HTTP_UNKNOWN);
    const ciam = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
    expect(ciam.status).toBe(404);
    await settle();
    expect(unhandled).toEqual([]);
  });
});

describe('an async extract outside HTTP', () => {
  it("counts as 'not a CIAM error' in the mapper, and is reported", async () => {
    const { logger, lines } = recordingLogger();
    const mapper = new CiamErrorMapper({
      logger,
      extract: (async () => {
        throw new Error('extract bug');
      }) as never,
    });
    expect(mapper.resolve('legacy')).toBeUndefined();
    expect(mapper.resolve(new CiamException('ResourceNotFound'))?.status).toBe(404);
    await settle();
    expect(unhandled).toEqual([]);
    expect(
      lines.filter((line) => String(line.args[0]).includes('the extract function')),
    ).toHaveLength(2);
  });
});

describe.each(PLATFORMS)('loggers that break on $name', (platform) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each([
    ['has no warn', undefined],
    [
      'throws in warn',
      () => {
        throw new Error('warn down');
      },
    ],
  ])('ends a response that had started when the logger %s', async (_how, warn) => {
    const logger: Record<string, unknown> = { ...silent };
    app = await appWith(platform, { logger: logger as unknown as LoggerService });
    // Set after start-up, which may check the logger's methods.
    logger.warn = warn;
    const res = await request(app.getHttpServer())
      .get('/hooks/hijacked-after-headers')
      .timeout(2000);
    expect(res.status).toBe(200);
    expect(res.text).toBe('partial');
    expect(
      (await request(app.getHttpServer()).get('/throw/sdk/ResourceNotFound').timeout(2000)).status,
    ).toBe(404);
  });

  it('answers the generic 500 when a format throws and the logger has no error method', async () => {
    const logger: Record<string, unknown> = { ...silent };
    app = await appWith(platform, {
      logger: logger as unknown as LoggerService,
      format: () => {
        throw new Error('format bug');
      },
    });
    logger.error = undefined;
    const res = await request(app.getHttpServer())
      .get('/throw/sdk/FailedOperation.UserNotFound')
      .timeout(2000);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text).code).toBe('InternalServerError');
  });
});

describe.each(PLATFORMS)('hooks that change the problem on $name', (platform) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const notFound = async (options: CiamErrorsModuleOptions) => {
    app = await appWith(platform, options);
    const res = await request(app.getHttpServer())
      .get('/throw/sdk/FailedOperation.UserNotFound')
      .timeout(2000);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['x']).toBeUndefined();
    expect(JSON.parse(res.text)).toMatchObject({
      status: 404,
      code: 'FailedOperation.UserNotFound',
    });
  };

  it.each([
    ['locale', 'en\r\nX: 1'],
    ['status', 1000],
    ['status', 200],
    ['detail', 42],
  ])('an onError that sets problem.%s = %j changes nothing', async (field, value) => {
    await notFound({
      onError: (problem) => {
        (problem as unknown as Record<string, unknown>)[field] = value;
      },
    });
  });

  it('onError receives a frozen copy', async () => {
    let frozen: boolean | undefined;
    await notFound({
      onError: (problem) => {
        frozen = Object.isFrozen(problem);
      },
    });
    expect(frozen).toBe(true);
  });

  it('a format that sets the status answers the generic 500, never a 2xx', async () => {
    app = await appWith(platform, {
      format: (problem) => {
        (problem as { status: number }).status = 200;
        return { code: problem.code };
      },
    });
    const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toMatchObject({ status: 500, code: 'InternalServerError' });
  });
});

describe.each(PLATFORMS)('log lines on $name', (platform) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('escapes control, separator and bidi characters of the upstream message', async () => {
    const { logger, lines } = recordingLogger();
    app = await appWith(platform, { logger });
    await request(app.getHttpServer()).get('/hooks/hostile-upstream');
    expect(lines).toHaveLength(1);
    const line = String(lines[0]!.args[0]);
    expect(line).not.toMatch(UNSAFE_IN_LOGS);
    expect(line).toContain(
      'upstreamMessage="a\\u2028b\\u2029c\\u0085d\\u202ee\\u2066f\\u200fg\\u061ch\\u001bi\\r\\nj"',
    );
  });

  it("escapes a failing hook's message and its stack", async () => {
    const { logger, lines } = recordingLogger();
    app = await appWith(platform, {
      logger,
      onError: () => {
        throw new Error('hook boom\r\nFAKE LOG LINE\u2028ALSO FAKE');
      },
    });
    await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
    const report = lines.find((line) => String(line.args[0]).includes('onError'));
    expect(report).toBeDefined();
    expect(report!.args[0]).toContain('hook boom\\r\\nFAKE LOG LINE\\u2028ALSO FAKE');
    for (const arg of report!.args) expect(String(arg)).not.toMatch(UNSAFE_IN_LOGS);
  });
});

describe('a reply the platform refuses', () => {
  it('becomes the generic 500, never the platform default 200', () => {
    const replies: [unknown, unknown][] = [];
    let refused = 0;
    const adapter = {
      getRequestUrl: () => '/users/1',
      getRequestMethod: () => 'GET',
      isHeadersSent: () => false,
      setHeader(_response: unknown, name: string) {
        // Refused once, as Node refuses a header value it finds invalid.
        if (name === 'Content-Language' && refused++ === 0) throw new TypeError('invalid header');
      },
      appendHeader() {},
      status() {},
      reply: (_response: unknown, body: unknown, status: unknown) => replies.push([body, status]),
      end() {},
    };
    const filter = new CiamExceptionFilter(new CiamErrorMapper({ logger: silent }), {
      httpAdapter: adapter,
    } as never);
    filter.catch(new CiamException('FailedOperation.UserNotFound'), {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({}), getResponse: () => ({}) }),
    } as unknown as ArgumentsHost);
    expect(replies).toHaveLength(1);
    expect(replies[0]![1]).toBe(500);
    expect(JSON.parse(String(replies[0]![0]))).toMatchObject({
      status: 500,
      code: 'InternalServerError',
    });
  });
});

describe('log line fields', () => {
  /** A filter on a fake adapter whose request fields are hostile. */
  function filterWith(headersSent: boolean) {
    const { logger, lines } = recordingLogger();
    const mapper = new CiamErrorMapper({ logger });
    const adapter = {
      getRequestUrl: () => '/p\u2028ath\r\nX?token=1',
      getRequestMethod: () => 'GE\nT\u202e',
      isHeadersSent: () => headersSent,
      setHeader() {},
      appendHeader() {},
      status() {},
      reply() {},
      end() {},
    };
    const filter = new CiamExceptionFilter(mapper, { httpAdapter: adapter } as never);
    const catchWith = (request: unknown) =>
      filter.catch(new CiamException('AuthFailure.SignatureFailure'), {
        getType: () => 'http',
        switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
      } as unknown as ArgumentsHost);
    return { catchWith, lines };
  }

  it.each([
    ['the route pattern', { route: { path: '/users/\u2066:id\u0000' } }],
    ['the path', {}],
  ])('escapes the method and %s', (_what, request) => {
    const { catchWith, lines } = filterWith(false);
    catchWith(request);
    expect(lines).toHaveLength(1);
    expect(String(lines[0]!.args[0])).not.toMatch(UNSAFE_IN_LOGS);
    expect(String(lines[0]!.args[0])).toMatch(/^GE\\nT\\u202e \//);
  });

  it('escapes the path of a response that had already started', () => {
    const { catchWith, lines } = filterWith(true);
    catchWith({});
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(String(line.args[0])).not.toMatch(UNSAFE_IN_LOGS);
  });
});

describe('escapeLogValue', () => {
  it('leaves safe text as it is', () => {
    const text = 'GET /users/:id -> 404 用户不存在 — ok';
    expect(escapeLogValue(text)).toBe(text);
  });

  it('escapes every unsafe character, backslashes and quotes, as JSON would', () => {
    const unsafe = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      0x061c,
      0x200e,
      0x200f,
      ...Array.from({ length: 7 }, (_, i) => 0x2028 + i),
      ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
    ].map((code) => String.fromCharCode(code));
    for (const char of unsafe) {
      const escaped = escapeLogValue(`x${char}y`);
      expect(escaped).not.toMatch(UNSAFE_IN_LOGS);
      expect(JSON.parse(`"${escaped}"`)).toBe(`x${char}y`);
    }
    expect(escapeLogValue('a"b\\c')).toBe('a\\"b\\\\c');
  });
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
