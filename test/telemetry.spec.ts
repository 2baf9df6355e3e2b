// The `telemetry` option and CiamTelemetry in-process, with the real OpenTelemetry SDK: the
// option's validation, the module's wiring, what `resolve` and the filter record (outside HTTP
// too), counting once on real Express and Fastify apps, and failures of the SDK itself. The
// HTTP instrumentation (server spans) is in test/telemetry.e2e-spec.ts.
import { Controller, Get, Module } from '@nestjs/common';
import type { ArgumentsHost, INestApplication, LoggerService } from '@nestjs/common';
import { context, metrics, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ExpressAdapter } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  CiamErrorMap,
  CiamErrorMapper,
  CiamErrorsConfigError,
  CiamErrorsModule,
  CiamException,
  CiamExceptionFilter,
  CiamTelemetry,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions, CiamTelemetryOptions } from '../lib/index.js';
import { ApiCiamErrors, addCiamErrorResponses } from '../lib/swagger/index.js';
import { sdkException } from '../lib/testing/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

/** A reader that exports nothing by itself: the tests collect. */
class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(spans)],
});
const tracer = tracerProvider.getTracer('test');
let reader: ManualReader;

/**
 * A new global MeterProvider, as an app registers it, and the counter registered with it (as a
 * module does when it starts).
 */
async function useNewMeterProvider(): Promise<void> {
  reader = new ManualReader();
  metrics.disable();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  await CiamTelemetry.create();
}

type Point = { attributes: Attributes; value: number };

/** The `ciam.errors` data points now: cumulative counts since the file started. */
async function snapshot(): Promise<Point[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics
    .filter((scope) => scope.scope.name === 'nestjs-ciam-errors')
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === 'ciam.errors')
    .flatMap((metric) =>
      metric.dataPoints.map(({ attributes, value }) => ({ attributes, value: value as number })),
    );
}

let baseline: Point[] = [];

/** What the test counted so far: the points that grew since it started, by how much. */
async function counts(): Promise<Point[]> {
  const before = new Map(baseline.map((p) => [JSON.stringify(p.attributes), p.value]));
  return (await snapshot())
    .map((p) => ({ ...p, value: p.value - (before.get(JSON.stringify(p.attributes)) ?? 0) }))
    .filter((p) => p.value !== 0);
}

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  await useNewMeterProvider();
});
beforeEach(async () => {
  spans.reset();
  baseline = await snapshot();
});
afterAll(() => {
  metrics.disable();
  trace.disable();
  context.disable();
});

/** Runs `fn` inside a new active span, ends it and returns it as exported. */
function inSpan(fn: () => void): ReadableSpan {
  tracer.startActiveSpan('operation', (span) => {
    try {
      fn();
    } finally {
      span.end();
    }
  });
  const finished = spans.getFinishedSpans();
  return finished[finished.length - 1]!;
}

async function telemetryMapper(options: CiamErrorsModuleOptions = {}): Promise<CiamErrorMapper> {
  const telemetry = await CiamTelemetry.create(options.telemetry);
  return new CiamErrorMapper({ logger: false, ...options }, telemetry);
}

function capturingLogger(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const push = (line: unknown) => void lines.push(String(line));
  return { logger: { log: push, error: push, warn: push, debug: push }, lines };
}

const SIGNATURE = () =>
  sdkException('AuthFailure.SignatureFailure', {
    requestId: 'req-500',
    traceId: 'tc-500',
    message: 'The provided credentials could not be validated.',
  });

describe('the telemetry option', () => {
  it('defaults to both signals, and keeps what the app sets', () => {
    expect(new CiamErrorMapper({ logger: false }).options.telemetry).toEqual({
      traces: true,
      metrics: true,
    });
    expect(
      new CiamErrorMapper({ logger: false, telemetry: { metrics: false } }).options.telemetry,
    ).toEqual({ traces: true, metrics: false });
  });

  it.each<[unknown, RegExp]>([
    ['yes', /telemetry must be an object \{ traces\?: boolean; metrics\?: boolean \}, got "yes"/],
    [null, /telemetry must be an object .*, got null/],
    [true, /telemetry must be an object .*, got true/],
    [{ traces: 'no' }, /telemetry\.traces must be a boolean, got "no"/],
    [{ metrics: 1 }, /telemetry\.metrics must be a boolean, got 1/],
    [{ trace: true }, /telemetry has an unknown field "trace" \(did you mean traces\?\)/],
    [{ logs: true }, /telemetry has an unknown field "logs" \(allowed: traces, metrics\)/],
  ])('refuses telemetry: %j at start-up', async (telemetry, message) => {
    const options = { logger: false, telemetry } as CiamErrorsModuleOptions;
    expect(() => new CiamErrorMapper(options)).toThrow(CiamErrorsConfigError);
    expect(() => new CiamErrorMapper(options)).toThrow(message);
    await expect(
      startApp(PLATFORMS[0], {
        imports: [CiamErrorsModule.forRootAsync({ useFactory: () => options })],
      }),
    ).rejects.toThrow(message);
  });
});

describe('CiamTelemetry and the module', () => {
  it('has nothing to record when both signals are off', async () => {
    expect(await CiamTelemetry.create({ traces: false, metrics: false })).toBeUndefined();
    const telemetry = await CiamTelemetry.create();
    expect(telemetry).toBeInstanceOf(CiamTelemetry);
    expect([telemetry!.traces, telemetry!.metrics]).toEqual([true, true]);
  });

  it.each<[CiamTelemetryOptions | undefined, boolean]>([
    [undefined, true],
    [{ traces: false }, true],
    [{ traces: false, metrics: false }, false],
  ])('gives the mapper a recorder made at start-up (telemetry: %j)', async (telemetry, made) => {
    const moduleRef = await Test.createTestingModule({
      imports: [CiamErrorsModule.forRoot({ logger: false, telemetry })],
    }).compile();
    const mapper = moduleRef.get(CiamErrorMapper);
    expect(mapper.telemetry !== undefined).toBe(made);
    if (made) expect(mapper.telemetry!.traces).toBe(telemetry?.traces ?? true);
    await moduleRef.close();
  });

  it('leaves a mapper made without one silent', async () => {
    const mapper = new CiamErrorMapper({ logger: false });
    expect(mapper.telemetry).toBeUndefined();
    inSpan(() => mapper.resolve(SIGNATURE()));
    expect(spans.getFinishedSpans()[0]!.events).toEqual([]);
    expect(await counts()).toEqual([]);
  });
});

describe('resolve, called directly', () => {
  it('adds an exception event with the upstream facts to the active span, and counts once', async () => {
    const mapper = await telemetryMapper();
    let detail = '';
    const span = inSpan(() => {
      detail = mapper.resolve(SIGNATURE(), { locale: 'zh-CN' })!.detail;
    });
    expect(span.events.map(({ name, attributes }) => ({ name, attributes }))).toEqual([
      {
        name: 'exception',
        attributes: {
          'exception.type': 'TencentCloudSDKHttpException',
          'exception.message': 'The provided credentials could not be validated.',
          'ciam.code': 'AuthFailure.SignatureFailure',
          'ciam.public_code': 'InternalServerError',
          'ciam.request_id': 'req-500',
          'ciam.trace_id': 'tc-500',
          'http.response.status_code': 500,
        },
      },
    ]);
    expect(JSON.stringify(span.events)).not.toContain(detail);
    expect(span.status).toEqual({ code: 2 }); // ERROR: a 5xx answer
    expect(await counts()).toEqual([
      {
        attributes: {
          'ciam.public_code': 'InternalServerError',
          'ciam.code': 'AuthFailure.SignatureFailure',
          'http.response.status_code': 500,
          'ciam.context': 'direct',
        },
        value: 1,
      },
    ]);
  });

  it('leaves the span status of 4xx answers UNSET, and omits what the error lacks', async () => {
    const mapper = await telemetryMapper();
    const span = inSpan(() =>
      mapper.resolve(new CiamException('FailedOperation.UserNotFound', { requestId: 'not an id' })),
    );
    expect(span.status).toEqual({ code: 0 });
    expect(span.events[0]!.attributes).toEqual({
      'exception.type': 'CiamException',
      'ciam.code': 'FailedOperation.UserNotFound',
      'ciam.public_code': 'FailedOperation.UserNotFound',
      'http.response.status_code': 404,
    });
  });

  it('counts an error outside any span, and records nothing for what is no CIAM error', async () => {
    const mapper = await telemetryMapper();
    mapper.resolve(SIGNATURE());
    mapper.resolve(new Error('not ours'));
    expect(spans.getFinishedSpans()).toEqual([]);
    expect((await counts()).map((c) => c.value)).toEqual([1]);
  });

  it('records nothing for documents built at start-up (resolveUnrecorded, Swagger)', async () => {
    @Controller('accounts')
    @ApiCiamErrors({ actions: ['DescribeUserById'] })
    class AccountsController {
      @Get(':id')
      find() {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [AccountsController],
    }).compile();
    const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
    const config = new DocumentBuilder().setTitle('t').setVersion('1').build();
    const document = addCiamErrorResponses(app, SwaggerModule.createDocument(app, config));
    await app.close();
    expect(JSON.stringify(document)).toContain('FailedOperation.UserNotFound');
    expect(await counts()).toEqual([]);
  });

  it('cuts the upstream message to the length logs keep (a custom extract may not)', async () => {
    const long = 'x'.repeat(5000);
    const mapper = await telemetryMapper({
      extract: (error) =>
        error === 'custom' ? { code: 'InternalError', upstreamMessage: long } : undefined,
    });
    const span = inSpan(() => mapper.resolve('custom'));
    expect(span.events[0]!.attributes!['exception.message']).toBe('x'.repeat(1024));
  });

  it('counts codes outside the catalog as other', async () => {
    const mapper = await telemetryMapper();
    mapper.resolve(CiamException.uncatalogued('ResourceNotFound.SomethingNew'));
    mapper.resolve(sdkException('ResourceNotFound.Group'));
    expect(await counts()).toEqual([
      {
        attributes: {
          'ciam.public_code': 'ResourceNotFound',
          'ciam.code': 'other',
          'http.response.status_code': 404,
          'ciam.context': 'direct',
        },
        value: 2,
      },
    ]);
  });

  it('finds a MeterProvider registered after the app started, and reports earlier counts to it', async () => {
    metrics.disable(); // the metrics API has no proxy provider: nothing to count into yet
    const mapper = await telemetryMapper();
    mapper.resolve(new CiamException('FailedOperation.UserIsFreeze'));
    reader = new ManualReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    mapper.resolve(SIGNATURE()); // found on the next error
    const points = await snapshot();
    expect(points).toContainEqual({
      attributes: expect.objectContaining({
        'ciam.code': 'FailedOperation.UserIsFreeze',
        'ciam.context': 'direct',
      }),
      value: 1,
    });
    expect(points).toContainEqual({
      attributes: expect.objectContaining({ 'ciam.code': 'AuthFailure.SignatureFailure' }),
      value: expect.any(Number),
    });
  });

  it('turns each signal off on its own', async () => {
    const noTraces = await telemetryMapper({ telemetry: { traces: false } });
    expect(inSpan(() => noTraces.resolve(SIGNATURE())).events).toEqual([]);
    expect((await counts()).map((c) => c.value)).toEqual([1]);
    baseline = await snapshot();
    const noMetrics = await telemetryMapper({ telemetry: { metrics: false } });
    expect(inSpan(() => noMetrics.resolve(SIGNATURE())).events).toHaveLength(1);
    expect(await counts()).toEqual([]);
  });

  it('answers the same when the tracer or the meter throws', async () => {
    const mapper = await telemetryMapper();
    const expected = new CiamErrorMapper({ logger: false }).resolve(SIGNATURE(), { locale: 'en' });
    const hostile = new Proxy({} as Span, {
      get: () => () => {
        throw new Error('broken span');
      },
    });
    metrics.disable();
    metrics.setGlobalMeterProvider({
      getMeter: () => {
        throw new Error('broken meter');
      },
    });
    const problem = context.with(trace.setSpan(context.active(), hostile), () =>
      mapper.resolve(SIGNATURE(), { locale: 'en' }),
    );
    expect({ ...problem, requestId: undefined }).toEqual({ ...expected, requestId: undefined });
    await useNewMeterProvider(); // a working one again, for the tests after this one
  });
});

describe('the filter', () => {
  /** A graphql or rpc call as Nest hands it to the filter. */
  const hostOf = (type: string, args: unknown[]) =>
    ({ getType: () => type, getArgs: () => args }) as unknown as ArgumentsHost;
  const GRAPHQL_ARGS = [
    {},
    {},
    { req: { headers: {} } },
    { parentType: { name: 'User' }, fieldName: 'nickname' },
  ];
  const RPC_ARGS = [{}, { getPattern: () => 'users.get.42' }];

  it.each([
    ['graphql', GRAPHQL_ARGS, 'graphql User.nickname'],
    ['rpc', RPC_ARGS, 'rpc users.get.42'],
  ])(
    'outside HTTP (%s): one event, one count by context type, ids in the log line',
    async (type, args, start) => {
      const { logger, lines } = capturingLogger();
      const mapper = await telemetryMapper({ logger });
      const filter = new CiamExceptionFilter(mapper, { httpAdapter: undefined } as never);
      const span = inSpan(() => void filter.catch(SIGNATURE(), hostOf(type, args)));
      expect(span.events).toHaveLength(1);
      expect(span.events[0]!.attributes!['ciam.public_code']).toBe('InternalServerError');
      expect(await counts()).toEqual([
        {
          attributes: {
            'ciam.public_code': 'InternalServerError',
            'ciam.code': 'AuthFailure.SignatureFailure',
            'http.response.status_code': 500,
            // The context type, not the field or pattern: those can be many.
            'ciam.context': type,
          },
          value: 1,
        },
      ]);
      const { traceId, spanId } = span.spanContext();
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(`^${start} -> 500 .* trace_id=${traceId} span_id=${spanId}$`),
        ),
      ]);
    },
  );

  it('writes no ids without an active span, nor with traces off', async () => {
    const { logger, lines } = capturingLogger();
    const filter = new CiamExceptionFilter(await telemetryMapper({ logger }), {
      httpAdapter: undefined,
    } as never);
    filter.catch(SIGNATURE(), hostOf('graphql', GRAPHQL_ARGS));
    const off = new CiamExceptionFilter(
      await telemetryMapper({ logger, telemetry: { traces: false } }),
      { httpAdapter: undefined } as never,
    );
    inSpan(() => void off.catch(SIGNATURE(), hostOf('graphql', GRAPHQL_ARGS)));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(/trace_id|span_id/);
  });

  it('cuts the logged upstream message as the span event does', async () => {
    const { logger, lines } = capturingLogger();
    const mapper = await telemetryMapper({
      logger,
      extract: () => ({ code: 'InternalError', upstreamMessage: 'y'.repeat(3000) }),
    });
    const filter = new CiamExceptionFilter(mapper, { httpAdapter: undefined } as never);
    filter.catch('anything', hostOf('graphql', GRAPHQL_ARGS));
    expect(lines[0]).toContain(`upstreamMessage="${'y'.repeat(1024)}"`);
    expect(lines[0]).not.toContain('y'.repeat(1025));
  });

  describe.each(PLATFORMS)('on $name', (platform) => {
    @Controller('users')
    class UsersController {
      @Get(':id')
      @CiamErrorMap({ 'FailedOperation.UserNotFound': 410 })
      find(): never {
        throw new CiamException('FailedOperation.UserNotFound');
      }

      @Get(':id/signature')
      signature(): never {
        throw SIGNATURE();
      }

      @Get(':id/plain')
      plain(): never {
        throw new Error('not ours');
      }

      @Get(':id/invalid')
      invalid(): never {
        throw new CiamException('InvalidParameterValue');
      }
    }

    let app: INestApplication;
    afterEach(() => app?.close());

    it('counts each answered error once, with the route pattern', async () => {
      @Module({
        imports: [CiamErrorsModule.forRoot({ logger: false })],
        controllers: [UsersController],
      })
      class AppModule {}
      app = await startApp(platform, { imports: [AppModule] });
      const server = app.getHttpServer();
      await request(server).get('/users/1').expect(410);
      await request(server).get('/users/2').expect(410);
      await request(server).get('/users/3/signature').expect(500);
      await request(server).get('/users/4/plain').expect(500);
      await request(server).get('/users/5/invalid').expect(400);
      const found = await counts();
      expect(found).toEqual(
        expect.arrayContaining([
          {
            attributes: {
              'ciam.public_code': 'FailedOperation.UserNotFound',
              'ciam.code': 'FailedOperation.UserNotFound',
              'http.response.status_code': 410,
              'ciam.context': 'http',
              'http.route': '/users/:id',
            },
            value: 2,
          },
          {
            attributes: {
              'ciam.public_code': 'InternalServerError',
              'ciam.code': 'AuthFailure.SignatureFailure',
              'http.response.status_code': 500,
              'ciam.context': 'http',
              'http.route': '/users/:id/signature',
            },
            value: 1,
          },
        ]),
      );
      expect(found.reduce((sum, c) => sum + c.value, 0)).toBe(4);
      expect(found.every((c) => c.attributes['ciam.context'] === 'http')).toBe(true);
    });
  });
});
