import {
  Catch,
  ConflictException,
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  Param,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type {
  ArgumentsHost,
  ExceptionFilter,
  INestApplication,
  LoggerService,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import request from 'supertest';
import {
  CIAM_ERROR_CATALOG,
  CiamErrorMap,
  CiamErrorMapper,
  CiamErrorsModule,
  CiamException,
  CiamExceptionFilter,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions, CiamProblem } from '../lib/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import type { Platform } from './fixtures/platforms.js';
import { REQUEST_ID, TRACE_ID, sdkError } from './fixtures/sdk-errors.js';
import {
  AppCatchAllFilter,
  CiamThrowingGuard,
  SessionsController,
  ThrowController,
} from './fixtures/test-app.js';

/** The body without `instance`, which echoes the (test) path and so the code in it. */
const payload = (text: string) => JSON.stringify({ ...JSON.parse(text), instance: undefined });

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {} };

async function appWith(
  platform: Platform,
  options: CiamErrorsModuleOptions = {},
  extra: { providers?: unknown[] } = {},
): Promise<INestApplication> {
  return startApp(platform, {
    imports: [CiamErrorsModule.forRoot({ logger: silent, ...options })],
    controllers: [ThrowController, SessionsController],
    providers: [CiamThrowingGuard, ...((extra.providers ?? []) as [])],
  });
}

describe.each(PLATFORMS)('CiamErrorsModule over HTTP on $name', (platform) => {
  describe('with default options', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await appWith(platform);
    });
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it('answers an exposed 409 as problem+json with the CIAM code and English text', async () => {
      const res = await http().get('/throw/sdk/FailedOperation.UserNameAlreadyExists?token=abc');
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.headers['content-language']).toBe('en');
      expect(res.headers['vary']).toMatch(/Accept-Language/i);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(JSON.parse(res.text)).toEqual({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: CIAM_ERROR_CATALOG['FailedOperation.UserNameAlreadyExists'].messages.en,
        instance: '/throw/sdk/FailedOperation.UserNameAlreadyExists',
        code: 'FailedOperation.UserNameAlreadyExists',
        requestId: REQUEST_ID,
      });
    });

    it.each([
      ['InvalidParameterValue', 400],
      ['LimitExceeded', 403],
      ['FailedOperation.UserNotFound', 404],
      ['RequestSizeLimitExceeded', 413],
    ])('answers %s with %i and its own code', async (code, status) => {
      const res = await http().get(`/throw/exception/${code}`);
      expect(res.status).toBe(status);
      expect(res.body.code ?? JSON.parse(res.text).code).toBe(code);
    });

    it('hides operator-side codes behind a generic 500 that reveals nothing', async () => {
      const res = await http().get('/throw/envelope/AuthFailure.SignatureFailure');
      expect(res.status).toBe(500);
      const body = JSON.parse(res.text);
      expect(body.code).toBe('InternalServerError');
      expect(body.title).toBe('Internal Server Error');
      expect(payload(res.text)).not.toMatch(/AuthFailure|Signature|signature|secret/);
    });

    it.each([
      ['InternalError.UnknownError', 502, 'BadGateway'],
      ['ResourceUnavailable', 503, 'ServiceUnavailable'],
    ])('hides %s as %i %s', async (code, status, publicCode) => {
      const res = await http().get(`/throw/exception/${code}`);
      expect(res.status).toBe(status);
      const body = JSON.parse(res.text);
      expect(body.code).toBe(publicCode);
      expect(payload(res.text)).not.toContain(code);
      expect(res.text).not.toContain('secret upstream text');
    });

    it('sends Retry-After on retryable 429 and 503', async () => {
      const limited = await http().get('/throw/sdk/RequestLimitExceeded.UinLimitExceeded');
      expect(limited.status).toBe(429);
      expect(JSON.parse(limited.text).code).toBe('RequestLimitExceeded');
      expect(payload(limited.text)).not.toContain('UinLimitExceeded');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const unavailable = await http().get('/throw/sdk/ResourceInsufficient');
      expect(unavailable.status).toBe(503);
      expect(Number(unavailable.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('answers an unknown subcode with its known prefix', async () => {
      const res = await http().get('/throw/sdk/ResourceNotFound.Group');
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).code).toBe('ResourceNotFound');
    });

    it('answers an unknown code with the fallback status, hidden', async () => {
      const res = await http().get('/throw/sdk/Totally.Unknown');
      expect(res.status).toBe(502);
      expect(JSON.parse(res.text).code).toBe('BadGateway');
      expect(payload(res.text)).not.toContain('Totally');
    });

    it('never echoes a malformed code', async () => {
      const res = await http().post('/throw/body').send({ code: '<script>alert(1)</script>' });
      expect(res.status).toBe(502);
      expect(res.text).not.toContain('script');
    });

    it.each(['__proto__', 'constructor', 'toString'])(
      'treats %s as an ordinary unknown code',
      async (code) => {
        const res = await http().post('/throw/body').send({ code });
        expect(res.status).toBe(502);
        expect(JSON.parse(res.text).code).toBe('BadGateway');
      },
    );

    it('maps SDK transport failures: non-200 → 502, timeout → 504, network → 502', async () => {
      const upstream = await http().get('/throw/upstream-http');
      expect(upstream.status).toBe(502);
      expect(JSON.parse(upstream.text).code).toBe('BadGateway');
      const timeout = await http().get('/throw/timeout');
      expect(timeout.status).toBe(504);
      expect(JSON.parse(timeout.text).code).toBe('GatewayTimeout');
      expect(timeout.text).not.toContain('127.0.0.1');
      const network = await http().get('/throw/network');
      expect(network.status).toBe(502);
      expect(network.text).not.toContain('ECONNREFUSED');
    });

    it('finds envelopes at error.response.data (axios)', async () => {
      const res = await http().get('/throw/axios/FailedOperation.EmailAlreadyExists');
      expect(res.status).toBe(409);
      expect(JSON.parse(res.text).code).toBe('FailedOperation.EmailAlreadyExists');
    });

    it.each([
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
      ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-TW'],
      ['zh-HK', 'zh-TW'],
      ['zh-Hant-TW', 'zh-TW'],
      ['zh-Hans-SG', 'zh-CN'],
      ['fr-FR, de;q=0.5', 'en'],
      ['en;q=0, zh-TW;q=0.1, *;q=0.05', 'zh-TW'],
      ['en;q=0, *', 'zh-CN'],
    ])('negotiates Accept-Language %j → %s', async (header, locale) => {
      const res = await http()
        .get('/throw/sdk/FailedOperation.UserNotFound')
        .set('Accept-Language', header);
      expect(res.headers['content-language']).toBe(locale);
      const body = JSON.parse(res.text);
      expect(body.detail).toBe(
        CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages[locale as 'en'],
      );
    });

    it('localizes titles too', async () => {
      const res = await http()
        .get('/throw/sdk/FailedOperation.UserNameAlreadyExists')
        .set('Accept-Language', 'zh-CN');
      const body = JSON.parse(res.text);
      expect(body.title).not.toBe('Conflict');
      expect(body.title).toMatch(/[\u4e00-\u9fff]/);
    });

    it('reads only a bounded part of a hostile Accept-Language header', async () => {
      const header = `${'a-b;q=0.5,'.repeat(700)}zh-TW`; // 7,005 characters, zh-TW last
      const res = await http()
        .get('/throw/sdk/FailedOperation.UserNotFound')
        .set('Accept-Language', header);
      expect(res.status).toBe(404);
      // zh-TW lies past the 1 KiB that is read: the default locale answers.
      expect(res.headers['content-language']).toBe('en');
    });

    it('applies controller and handler overrides, field by field', async () => {
      const notFound = await http()
        .post('/sessions')
        .send({ code: 'FailedOperation.UserNotFound' });
      expect(notFound.status).toBe(401);
      expect(JSON.parse(notFound.text).code).toBe('FailedOperation.UserNotFound');
      expect(JSON.parse(notFound.text).detail).toBe('Sign-in failed.');

      const frozen = await http()
        .post('/sessions')
        .set('Accept-Language', 'zh-CN')
        .send({ code: 'FailedOperation.UserIsFreeze' });
      expect(frozen.status).toBe(423);
      const body = JSON.parse(frozen.text);
      expect(body.code).toBe('AccountLocked');
      expect(body.detail).toBe('该账号已被锁定。');
      expect(body.title).toBeTruthy();

      const lockedTw = await http()
        .post('/sessions')
        .set('Accept-Language', 'zh-TW')
        .send({ code: 'FailedOperation.UserIsFreeze' });
      // No zh-TW text in the override: the default locale's text, and that locale reported.
      expect(JSON.parse(lockedTw.text).detail).toBe('This account is locked.');
      expect(lockedTw.headers['content-language']).toBe('en');
    });

    it('lets a handler without its own map inherit the controller map only', async () => {
      const res = await http().get('/sessions/plain/FailedOperation.UserIsFreeze');
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text).code).toBe('FailedOperation.UserIsFreeze');
      expect(JSON.parse(res.text).detail).toBe('Sign-in failed.');
    });

    it('handles CIAM errors thrown in guards, interceptors and pipes', async () => {
      const guarded = await http().get('/sessions/guarded');
      expect(guarded.status).toBe(401);
      const intercepted = await http().get('/sessions/intercepted');
      expect(intercepted.status).toBe(403);
      expect(JSON.parse(intercepted.text).code).toBe('FailedOperation.UserIsFreeze');
      const piped = await http().get('/sessions/piped/1');
      expect(piped.status).toBe(400);
      expect(JSON.parse(piped.text).code).toBe('InvalidParameterValue');
    });

    it('leaves HttpExceptions to Nest: same status and body as without the module', async () => {
      const res = await http().get('/throw/http-exception');
      expect(res.status).toBe(409);
      expect(res.body).toEqual(new ConflictException('plain nest conflict').getResponse());
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('ends a response that had already started instead of throwing', async () => {
      const res = await http().get('/throw/after-headers');
      expect(res.status).toBe(200);
      expect(res.text).toBe('partial');
      // The app is still serving.
      expect((await http().get('/throw/sdk/ResourceNotFound')).status).toBe(404);
    });

    it('answers other contexts in their own form, without upstream details', async () => {
      const filter = app.get(CiamExceptionFilter);
      const error = sdkError('AuthFailure.SignatureFailure', 'Check your signature secret');
      const rpcHost = { getType: () => 'rpc' } as unknown as ArgumentsHost;
      const rpc = filter.catch(error, rpcHost) as Observable<never>;
      await expect(lastValueFrom(rpc)).rejects.toEqual({
        status: 'error',
        statusCode: 500,
        code: 'InternalServerError',
        message: expect.any(String),
        requestId: REQUEST_ID,
      });

      const emitted: unknown[] = [];
      const client = { emit: (event: string, payload: unknown) => emitted.push([event, payload]) };
      const wsHost = {
        getType: () => 'ws',
        switchToWs: () => ({ getClient: () => client }),
      } as unknown as ArgumentsHost;
      expect(filter.catch(error, wsHost)).toBeUndefined();
      expect(emitted).toEqual([
        ['exception', expect.objectContaining({ status: 'error', code: 'InternalServerError' })],
      ]);

      const gqlHost = { getType: () => 'graphql' } as unknown as ArgumentsHost;
      const reported = filter.catch(sdkError('FailedOperation.UserNotFound'), gqlHost) as Error & {
        extensions: Record<string, unknown>;
      };
      expect(reported).toBeInstanceOf(Error);
      expect(reported.message).toBe(CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages.en);
      expect(reported.extensions).toEqual({
        code: 'FailedOperation.UserNotFound',
        status: 404,
        requestId: REQUEST_ID,
      });
      expect(JSON.stringify([emitted, reported.message])).not.toMatch(/Signature|secret/);
    });

    it('leaves unknown errors to Nest: its generic 500', async () => {
      const res = await http().get('/throw/plain-error');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    });
  });

  describe('options', () => {
    let app: INestApplication | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it("format: 'nest' answers NestJS 12's shape (errorCode) plus requestId", async () => {
      app = await appWith(platform, { format: 'nest' });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({
        statusCode: 404,
        message: CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages.en,
        error: 'Not Found',
        errorCode: 'FailedOperation.UserNotFound',
        requestId: REQUEST_ID,
      });
    });

    it('a custom format decides the body', async () => {
      app = await appWith(platform, {
        format: (problem) => ({ error: { code: problem.code, status: problem.status } }),
      });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'FailedOperation.UserNotFound', status: 404 } });
    });

    it('a throwing custom format still yields a well-formed 500', async () => {
      const errors: string[] = [];
      app = await appWith(platform, {
        format: () => {
          throw new Error('format bug');
        },
        logger: { ...silent, error: (message: string) => errors.push(message) },
      });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(res.status).toBe(500);
      expect(JSON.parse(res.text).code).toBe('InternalServerError');
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.text).not.toContain('format bug');
      const limited = await request(app.getHttpServer())
        .get('/throw/sdk/RequestLimitExceeded')
        .set('Accept-Language', 'zh-CN');
      expect(limited.status).toBe(500);
      expect(limited.headers['retry-after']).toBeUndefined();
      expect(limited.headers['content-language']).toBe('zh-CN');
      expect(JSON.parse(limited.text).detail).toMatch(/[\u4e00-\u9fff]/);
      expect(errors.join('\n')).toContain('format bug');
    });

    it('onError sees the problem and the error; a throwing hook changes nothing', async () => {
      const seen: [CiamProblem, unknown][] = [];
      app = await appWith(platform, {
        onError: (problem, error) => {
          seen.push([problem, error]);
          throw new Error('hook bug');
        },
      });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(res.status).toBe(404);
      expect(seen).toHaveLength(1);
      expect(seen[0]![0]).toMatchObject({
        status: 404,
        upstreamCode: 'FailedOperation.UserNotFound',
        requestId: REQUEST_ID,
        upstreamMessage: 'upstream says FailedOperation.UserNotFound',
      });
      expect((seen[0]![1] as { code: string }).code).toBe('FailedOperation.UserNotFound');
    });

    it('exposeUpstreamMessage adds the upstream message', async () => {
      app = await appWith(platform, { exposeUpstreamMessage: true });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(JSON.parse(res.text).upstreamMessage).toBe(
        'upstream says FailedOperation.UserNotFound',
      );
    });

    it('typeBaseUrl builds the problem type', async () => {
      app = await appWith(platform, { typeBaseUrl: 'https://errors.example.com/ciam/' });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(JSON.parse(res.text).type).toBe(
        'https://errors.example.com/ciam/FailedOperation.UserNotFound',
      );
    });

    it('option overrides lose to a controller prefix but beat the catalog', async () => {
      app = await appWith(platform, {
        overrides: {
          'FailedOperation.UserNotFound': { status: 410, message: 'Gone for good.' },
          'FailedOperation.EmailAlreadyExists': 422,
        },
      });
      const onSessions = await request(app.getHttpServer()).post('/sessions').send({
        code: 'FailedOperation.UserNotFound',
      });
      expect(onSessions.status).toBe(401);
      expect(JSON.parse(onSessions.text).detail).toBe('Sign-in failed.');
      const elsewhere = await request(app.getHttpServer()).get(
        '/throw/sdk/FailedOperation.UserNotFound',
      );
      expect(elsewhere.status).toBe(410);
      expect(JSON.parse(elsewhere.text).detail).toBe('Gone for good.');
      const email = await request(app.getHttpServer()).get(
        '/throw/sdk/FailedOperation.EmailAlreadyExists',
      );
      expect(email.status).toBe(422);
    });

    it('messages and defaultLocale add and pick locales', async () => {
      app = await appWith(platform, {
        defaultLocale: 'zh-CN',
        messages: { ja: { 'FailedOperation.UserNotFound': 'ユーザーが見つかりません。' } },
      });
      const ja = await request(app.getHttpServer())
        .get('/throw/sdk/FailedOperation.UserNotFound')
        .set('Accept-Language', 'ja-JP');
      expect(ja.headers['content-language']).toBe('ja');
      expect(JSON.parse(ja.text).detail).toBe('ユーザーが見つかりません。');
      const none = await request(app.getHttpServer()).get(
        '/throw/sdk/FailedOperation.UserNotFound',
      );
      expect(none.headers['content-language']).toBe('zh-CN');
    });

    it('resolveLocale wins over Accept-Language', async () => {
      app = await appWith(platform, {
        resolveLocale: (req) => (req as { headers: Record<string, string> }).headers['x-locale'],
      });
      const res = await request(app.getHttpServer())
        .get('/throw/sdk/FailedOperation.UserNotFound')
        .set('Accept-Language', 'en')
        .set('X-Locale', 'zh-TW');
      expect(res.headers['content-language']).toBe('zh-TW');
    });

    it('logs one line per error at the level of its status, without secrets', async () => {
      const lines: [string, string][] = [];
      const logger: LoggerService = {
        log: (m: string) => lines.push(['log', m]),
        error: (m: string) => lines.push(['error', m]),
        warn: (m: string) => lines.push(['warn', m]),
        debug: (m: string) => lines.push(['debug', m]),
      };
      app = await appWith(platform, { logger });
      const server = app.getHttpServer();
      await request(server).get('/throw/sdk/AuthFailure.SignatureFailure?password=hunter2');
      await request(server).get('/throw/sdk/RequestLimitExceeded');
      await request(server).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(lines.map(([level]) => level)).toEqual(['error', 'warn', 'debug']);
      // The route pattern, not the concrete path: paths can carry identifiers and tokens.
      expect(lines[0]![1]).toBe(
        'GET /throw/sdk/:code -> 500 InternalServerError' +
          ' upstreamCode=AuthFailure.SignatureFailure' +
          ` requestId=${REQUEST_ID} traceId=${TRACE_ID}` +
          ' upstreamMessage="upstream says AuthFailure.SignatureFailure"',
      );
      expect(lines[1]![1]).toContain('-> 429 RequestLimitExceeded');
      expect(lines[2]![1]).toContain('-> 404 FailedOperation.UserNotFound');
      expect(lines.join('\n')).not.toContain('hunter2');
    });

    it('does not shadow an app filter registered through APP_FILTER', async () => {
      AppCatchAllFilter.seen = [];
      app = await appWith(
        platform,
        {},
        { providers: [{ provide: APP_FILTER, useClass: AppCatchAllFilter }] },
      );
      const nestError = await request(app.getHttpServer()).get('/throw/http-exception');
      expect(nestError.status).toBe(409);
      expect(nestError.body).toEqual({ handledBy: 'app-filter' });
      const plain = await request(app.getHttpServer()).get('/throw/plain-error');
      expect(plain.body).toEqual({ handledBy: 'app-filter' });
      const ciam = await request(app.getHttpServer()).get(
        '/throw/sdk/FailedOperation.UserNotFound',
      );
      expect(ciam.status).toBe(404);
      expect(JSON.parse(ciam.text).code).toBe('FailedOperation.UserNotFound');
      expect(AppCatchAllFilter.seen).toHaveLength(2);
    });

    it('registerFilter: false leaves CIAM errors to Nest until the app applies the filter', async () => {
      app = await appWith(platform, { registerFilter: false });
      const res = await request(app.getHttpServer()).get('/throw/sdk/FailedOperation.UserNotFound');
      expect(res.status).toBe(500);
      const applied = await startApp(platform, {
        imports: [CiamErrorsModule.forRoot({ logger: silent, registerFilter: false })],
        controllers: [FilteredController],
      });
      const filtered = await request(applied.getHttpServer()).get('/filtered');
      expect(filtered.status).toBe(404);
      expect(JSON.parse(filtered.text).code).toBe('FailedOperation.UserNotFound');
      await applied.close();
    });
  });
});

@Controller('filtered')
@UseFilters(CiamExceptionFilter)
class FilteredController {
  @Get()
  find(): never {
    throw new CiamException('FailedOperation.UserNotFound');
  }
}

@Controller('class-guard')
@UseGuards(CiamThrowingGuard)
class ClassGuardController {
  @Get()
  @CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })
  find(): string {
    return 'unreachable';
  }
}

@Controller('guard-below')
@CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })
@UseGuards(CiamThrowingGuard)
class GuardBelowController {
  @Get()
  find(): string {
    return 'unreachable';
  }
}

@Controller('retry')
class RetryController {
  @Get(':code')
  @CiamErrorMap({
    InvalidParameter: { retryAfter: 30 },
    RequestLimitExceeded: { retryAfter: 7 },
    'FailedOperation.UserNotFound': { message: { 'zh-cn': '找不到该账号（覆盖）。' } },
  })
  fail(@Param('code') code: string): never {
    throw CiamException.uncatalogued(code);
  }
}

describe.each(PLATFORMS)('@CiamErrorMap and guards on $name', (platform) => {
  it('applies to errors from class-level guards and guards declared under the map', async () => {
    const app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: silent })],
      controllers: [ClassGuardController, GuardBelowController],
      providers: [CiamThrowingGuard],
    });
    expect((await request(app.getHttpServer()).get('/class-guard')).status).toBe(401);
    expect((await request(app.getHttpServer()).get('/guard-below')).status).toBe(401);
    await app.close();
  });

  it('leaves errors from global guards to the app-wide rules (they run before any route guard)', async () => {
    const app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: silent })],
      controllers: [GuardBelowController],
      providers: [CiamThrowingGuard, { provide: APP_GUARD, useClass: CiamThrowingGuard }],
    });
    expect((await request(app.getHttpServer()).get('/guard-below')).status).toBe(404);
    await app.close();
  });

  it('sends Retry-After only with 429 and 503, whatever an override says', async () => {
    const app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot()],
      controllers: [RetryController],
    });
    const invalid = await request(app.getHttpServer()).get('/retry/InvalidParameter');
    expect(invalid.status).toBe(400);
    expect(invalid.headers['retry-after']).toBeUndefined();
    const limited = await request(app.getHttpServer()).get('/retry/RequestLimitExceeded');
    expect(limited.headers['retry-after']).toBe('7');
    await app.close();
  });

  it('matches override message locales case-insensitively', async () => {
    const app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot()],
      controllers: [RetryController],
    });
    const res = await request(app.getHttpServer())
      .get('/retry/FailedOperation.UserNotFound')
      .set('Accept-Language', 'zh-CN');
    expect(res.headers['content-language']).toBe('zh-CN');
    expect(JSON.parse(res.text).detail).toBe('找不到该账号（覆盖）。');
    await app.close();
  });
});

@Controller('legacy')
class LegacyController {
  @Get()
  fail(): never {
    throw { legacyCiamCode: 'FailedOperation.UserNotFound' };
  }
}

describe('the extract option', () => {
  const extract = (error: unknown) => {
    const code = (error as { legacyCiamCode?: unknown } | null)?.legacyCiamCode;
    return typeof code === 'string' ? { code } : undefined;
  };

  it("lets the app's own error shapes through, and another app answers them as Nest would", async () => {
    const withExtract = await startApp(PLATFORMS[0], {
      imports: [CiamErrorsModule.forRoot({ logger: silent, extract })],
      controllers: [LegacyController],
    });
    const without = await startApp(PLATFORMS[0], {
      imports: [CiamErrorsModule.forRoot({ logger: silent })],
      controllers: [LegacyController],
    });
    const mapped = await request(withExtract.getHttpServer()).get('/legacy');
    expect(mapped.status).toBe(404);
    expect(JSON.parse(mapped.text).code).toBe('FailedOperation.UserNotFound');
    // The extractor belongs to the other app's filter only: this one leaves the error to Nest.
    const unmapped = await request(without.getHttpServer()).get('/legacy');
    expect(unmapped.status).toBe(500);
    expect(unmapped.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    await without.close();
    await withExtract.close();
  });
});

@Catch(ConflictException)
class ConflictFilter implements ExceptionFilter {
  catch(_e: unknown, host: ArgumentsHost) {
    host.switchToHttp().getResponse().status(418).send({ teapot: true });
  }
}

describe('start-up validation', () => {
  it.each([
    [
      { fallbackStatus: 700 },
      /fallbackStatus must be an integer HTTP status from 100 to 599, got 700/,
    ],
    [{ defaultLocale: 'not a locale' }, /defaultLocale must be a locale tag/],
    [
      { overrides: { 'FailedOperation.UserNotFoud': 404 } },
      /did you mean FailedOperation\.UserNotFound\?/,
    ],
    [
      { overrides: { 'FailedOperation.UserNotFound': 1000 } },
      /overrides\["FailedOperation\.UserNotFound"\] must be an integer HTTP status/,
    ],
    [{ uncataloguedOverrides: { 'not a code!': 400 } }, /uncataloguedOverrides has "not a code!"/],
    [{ format: 'xml' }, /format must be 'problem', 'nest' or a function, got "xml"/],
    [
      { fallbackStatuss: 500 },
      /unknown option "fallbackStatuss" \(did you mean fallbackStatus\?\)/,
    ],
  ])('rejects %j', async (options, message) => {
    await expect(
      startApp(PLATFORMS[0], {
        imports: [CiamErrorsModule.forRoot(options as CiamErrorsModuleOptions)],
      }),
    ).rejects.toThrow(message);
  });

  it('rejects bad options from forRootAsync factories too', async () => {
    await expect(
      startApp(PLATFORMS[0], {
        imports: [
          CiamErrorsModule.forRootAsync({ useFactory: async () => ({ fallbackStatus: 42 }) }),
        ],
      }),
    ).rejects.toThrow(/fallbackStatus/);
  });
});

describe('forRootAsync', () => {
  class Config {
    readonly fallbackStatus = 503;
  }
  @Module({ providers: [Config], exports: [Config] })
  class ConfigModule {}

  it('takes imports, inject and useFactory', async () => {
    const app = await startApp(PLATFORMS[0], {
      imports: [
        CiamErrorsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [Config],
          useFactory: (config: Config) => ({
            fallbackStatus: config.fallbackStatus,
            logger: silent,
          }),
        }),
      ],
      controllers: [ThrowController],
    });
    const res = await request(app.getHttpServer()).get('/throw/sdk/Unknown.Code');
    expect(res.status).toBe(503);
    await app.close();
  });

  it('takes useExisting and isGlobal: feature modules can inject the mapper', async () => {
    @Injectable()
    class OptionsFactory {
      createCiamErrorsOptions(): CiamErrorsModuleOptions {
        return { defaultLocale: 'zh-TW', logger: silent };
      }
    }
    @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
    class OptionsModule {}
    @Injectable()
    class FeatureService {
      constructor(readonly mapper: CiamErrorMapper) {}
    }
    @Module({ providers: [FeatureService] })
    class FeatureModule {}
    const app = await startApp(PLATFORMS[0], {
      imports: [
        CiamErrorsModule.forRootAsync({
          imports: [OptionsModule],
          useExisting: OptionsFactory,
          isGlobal: true,
        }),
        FeatureModule,
      ],
    });
    const problem = app.get(FeatureService).mapper.resolve(new CiamException('ResourceNotFound'));
    expect(problem?.locale).toBe('zh-TW');
    await app.close();
  });

  it('rejects registerFilter returned by the factory instead of passed to forRootAsync', async () => {
    await expect(
      startApp(PLATFORMS[0], {
        imports: [
          CiamErrorsModule.forRootAsync({
            useFactory: () => ({ registerFilter: false }) as CiamErrorsModuleOptions,
          }),
        ],
      }),
    ).rejects.toThrow(/registerFilter must be passed to forRootAsync\(\) itself/);
  });

  it('takes useClass', async () => {
    class Factory {
      createCiamErrorsOptions(): CiamErrorsModuleOptions {
        return { fallbackStatus: 500, logger: silent };
      }
    }
    const app = await startApp(PLATFORMS[0], {
      imports: [CiamErrorsModule.forRootAsync({ useClass: Factory })],
      controllers: [ThrowController],
    });
    const res = await request(app.getHttpServer()).get('/throw/sdk/Unknown.Code');
    expect(res.status).toBe(500);
    await app.close();
  });

  it('leaves an app filter for another error type in charge of it', async () => {
    const app = await startApp(PLATFORMS[1], {
      imports: [CiamErrorsModule.forRoot({ logger: silent })],
      controllers: [ThrowController],
      providers: [{ provide: APP_FILTER, useClass: ConflictFilter }],
    });
    const res = await request(app.getHttpServer()).get('/throw/http-exception');
    expect(res.status).toBe(418);
    await app.close();
  });
});

// Keep the Nest logger quiet for suites that do not pass one.
Logger.overrideLogger(false);
