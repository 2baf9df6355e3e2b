import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import {
  ApiConflictResponse,
  ApiExtension,
  ApiNotFoundResponse,
  ApiProduces,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { validate } from '@readme/openapi-parser';
import {
  CiamErrorMap,
  CiamErrorPresets,
  CiamErrorsConfigError,
  CiamErrorsModule,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import { ApiCiamErrors, addCiamErrorResponses } from '../lib/swagger/index.js';
import { AppModule } from '../sample/src/app.module.js';

type Json = Record<string, any>;

const REQUEST_ID = '3f6c2a8e-5a8b-4f0e-9d0c-6f1b2c3d4e5f';

@Controller('accounts')
@ApiCiamErrors({ actions: ['DescribeUserById'] })
class AccountsController {
  @Get(':id')
  @CiamErrorMap({
    'FailedOperation.UserNotFound': {
      status: 410,
      code: 'AccountGone',
      message: { en: 'Gone.', 'zh-CN': '没了。' },
    },
  })
  find(@Param('id') id: string) {
    return id;
  }

  @Post(':id/password-reset')
  @HttpCode(202)
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  @ApiCiamErrors({ actions: ['ResetPassword'] }) // merged with the controller's action
  reset(@Param('id') id: string) {
    return id;
  }

  /** Not a route: the controller's decorator leaves it alone. */
  helper() {}
}

@Controller('plain')
class PlainController {
  @Get()
  list() {}

  @ApiCiamErrors({ codes: ['FailedOperation.UserIsFreeze'] }) // listed above @Post: runs after it
  @Post('freeze')
  freeze() {}
}

@Controller('declared')
class DeclaredController {
  @Get()
  @ApiCiamErrors({ actions: ['DescribeUserById'] })
  @ApiProduces('application/problem+json')
  @ApiNotFoundResponse({
    description: 'Their own 404',
    schema: { type: 'object', properties: { reason: { type: 'string' } } },
    example: { reason: 'theirs' },
  })
  @ApiConflictResponse({ description: '' })
  find() {}
}

async function documentOf(
  controllers: Type[],
  options: CiamErrorsModuleOptions = {},
  openapi = '3.0.0',
): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({
    imports: [CiamErrorsModule.forRoot({ logger: false, ...options })],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
  try {
    const config = new DocumentBuilder()
      .setTitle('test')
      .setVersion('1')
      .setOpenAPIVersion(openapi)
      .build();
    return addCiamErrorResponses(app, SwaggerModule.createDocument(app, config));
  } finally {
    await app.close();
  }
}

const problemOf = (response: Json) => response.content['application/problem+json'];

describe('@ApiCiamErrors', () => {
  it('refuses misspelt actions and codes, unknown keys and non-arrays when the class is defined', () => {
    const call = (options: unknown) => () => ApiCiamErrors(options as never);
    expect(call({ actions: ['DescribeUserByld'] })).toThrow(
      new CiamErrorsConfigError(
        'CiamErrorsModule: @ApiCiamErrors actions has "DescribeUserByld", which is not a CIAM ' +
          'action (did you mean DescribeUserById?).',
      ),
    );
    expect(call({ codes: ['FailedOperation.UserNotFoud'] })).toThrow(
      /codes has "FailedOperation\.UserNotFoud", which is not a CIAM catalog code \(did you mean FailedOperation\.UserNotFound\?\)/,
    );
    expect(call({ action: ['CreateUser'] })).toThrow(/unknown key "action"/);
    expect(call({ codes: 'InvalidParameter' })).toThrow(/codes must be an array/);
    expect(call(undefined)).toThrow(/takes \{ actions\?, endpoints\?, codes\? \}/);
  });

  it('marks each route once, the controller and the handler merged, not other methods', () => {
    const mark = (method: Function) =>
      (Reflect.getMetadata('swagger/apiExtension', method) as Json | undefined)?.['x-ciam-errors'];
    const { find, reset, helper } = AccountsController.prototype;
    expect(mark(find)).toMatch(/^ciam-route-\d+$/);
    expect(mark(reset)).toMatch(/^ciam-route-\d+$/);
    expect(mark(reset)).not.toBe(mark(find));
    expect(mark(helper)).toBeUndefined();
  });
});

describe('addCiamErrorResponses', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await documentOf([AccountsController, PlainController, DeclaredController], {
      typeBaseUrl: 'https://errors.example.com',
      overrides: { RequestLimitExceeded: { retryAfter: 30 } },
    });
  });

  it('documents each status of a route as the app answers it there, in every locale', () => {
    const responses = document.paths['/accounts/{id}']!.get!.responses as Json;
    expect(Object.keys(responses)).toEqual([
      '200',
      '400',
      '403',
      '404',
      '409',
      '410',
      '413',
      '429',
      '500',
      '502',
      '503',
      '504',
    ]);
    // The handler's override: a status and a code of its own, with its own texts.
    const gone = responses['410'];
    expect(gone.description).toBe('Gone: AccountGone');
    expect(problemOf(gone).schema).toEqual({ $ref: '#/components/schemas/CiamProblem' });
    expect(problemOf(gone).examples).toEqual({
      AccountGone: {
        summary: 'AccountGone (en)',
        value: {
          type: 'https://errors.example.com/AccountGone',
          title: 'Gone',
          status: 410,
          detail: 'Gone.',
          instance: '/accounts/{id}',
          code: 'AccountGone',
          requestId: REQUEST_ID,
        },
      },
      'AccountGone.zh-CN': {
        summary: 'AccountGone (zh-CN)',
        value: expect.objectContaining({ detail: '没了。', code: 'AccountGone' }),
      },
      // No zh-TW text: that answer is the English one, already there.
    });
    expect(gone.headers).toEqual({
      'Content-Language': {
        description:
          'Language of the texts, negotiated from Accept-Language: en, zh-CN, zh-TW, ja, ko; en when none matches.',
        required: true,
        schema: { type: 'string', enum: ['en', 'zh-CN', 'zh-TW', 'ja', 'ko'], default: 'en' },
      },
    });
    // FailedOperation.UserNotFound is the route's 410: the 404 is the common ResourceNotFound.
    expect(responses['404'].description).toBe('Not Found: ResourceNotFound');
  });

  it('folds hidden codes into the public code, and documents transport failures', () => {
    const responses = document.paths['/accounts/{id}']!.get!.responses as Json;
    expect(Object.keys(problemOf(responses['500']).examples)).toEqual([
      'InternalServerError',
      'InternalServerError.zh-CN',
      'InternalServerError.zh-TW',
      'InternalServerError.ja',
      'InternalServerError.ko',
    ]);
    expect(problemOf(responses['502']).examples.BadGateway.value.code).toBe('BadGateway');
    expect(problemOf(responses['504']).examples.GatewayTimeout.value).toEqual({
      type: 'https://errors.example.com/GatewayTimeout',
      title: 'Gateway Timeout',
      status: 504,
      detail: expect.any(String),
      instance: '/accounts/{id}',
      code: 'GatewayTimeout',
    });
  });

  it('documents Retry-After where it is sent, with each example its value', () => {
    const responses = document.paths['/accounts/{id}']!.get!.responses as Json;
    const limited = responses['429'].headers['Retry-After'];
    expect(limited).toMatchObject({
      required: true,
      schema: { type: 'integer', minimum: 0 },
      description:
        'Seconds to wait before trying again: 30 (RequestLimitExceeded, ' +
        'RequestLimitExceeded.FrequentRequest, RequestLimitExceeded.RepeatRequest).',
    });
    expect(limited.examples['RequestLimitExceeded.zh-TW']).toEqual({ value: 30 });
    expect(responses['503'].headers['Retry-After'].examples.ServiceUnavailable).toEqual({
      value: 5,
    });
    expect(responses['502'].headers['Retry-After']).toBeUndefined();
  });

  it('leaves out 2xx answers (passwordReset) and merges controller and handler actions', () => {
    const responses = document.paths['/accounts/{id}/password-reset']!.post!.responses as Json;
    // UserNotFound and UserIsFreeze answer 202, as success: no 404, no 403 for them.
    expect(responses['202']).toEqual({ description: '' });
    const codes = Object.values(responses).flatMap((response: Json) =>
      Object.values(response.content?.['application/problem+json']?.examples ?? {}).map(
        (example: any) => example.value.code as string,
      ),
    );
    expect(codes).not.toContain('FailedOperation.UserNotFound');
    expect(codes).not.toContain('FailedOperation.UserIsFreeze');
    expect(codes).toContain('GatewayTimeout'); // the route calls CIAM
  });

  it('documents only the declared codes of a route that calls no CIAM action', () => {
    const responses = document.paths['/plain/freeze']!.post!.responses as Json;
    expect(Object.keys(responses)).toEqual(['201', '403']);
    expect(Object.keys(problemOf(responses['403']).examples)).toEqual([
      'FailedOperation.UserIsFreeze',
      'FailedOperation.UserIsFreeze.zh-CN',
      'FailedOperation.UserIsFreeze.zh-TW',
      'FailedOperation.UserIsFreeze.ja',
      'FailedOperation.UserIsFreeze.ko',
    ]);
    expect(document.paths['/plain']!.get!.responses).toEqual({ '200': { description: '' } });
  });

  it("keeps the app's own response for a status and adds ours beside it", () => {
    const responses = document.paths['/declared']!.get!.responses as Json;
    const notFound = responses['404'];
    expect(notFound.description).toBe('Their own 404');
    const media = problemOf(notFound);
    expect(media.schema).toEqual({
      anyOf: [
        { type: 'object', properties: { reason: { type: 'string' } } },
        { $ref: '#/components/schemas/CiamProblem' },
      ],
    });
    expect(media.example).toBeUndefined();
    expect(media.examples.default).toEqual({ value: { reason: 'theirs' } });
    expect(media.examples.ResourceNotFound.value.code).toBe('ResourceNotFound');
    expect(notFound.headers['Content-Language']).toBeDefined();
    // An empty description is none: ours is used.
    expect(responses['409'].description).toBe('Conflict: ResourceInUse');
  });

  it('removes its marks and adds one shared schema', () => {
    expect(JSON.stringify(document)).not.toContain('x-ciam-errors');
    expect(Object.keys(document.components!.schemas!)).toEqual(['CiamProblem']);
    expect(document.components!.schemas!.CiamProblem).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
    });
    expect(Object.keys((document.components!.schemas!.CiamProblem as Json).properties)).toEqual([
      'type',
      'title',
      'status',
      'detail',
      'instance',
      'code',
      'requestId',
    ]);
  });

  it('changes nothing when called again', async () => {
    const again = structuredClone(document);
    const moduleRef = await Test.createTestingModule({
      imports: [
        CiamErrorsModule.forRoot({ logger: false, typeBaseUrl: 'https://errors.example.com' }),
      ],
    }).compile();
    expect(addCiamErrorResponses(moduleRef, again)).toEqual(document);
    await moduleRef.close();
  });

  it('documents upstreamMessage only when the app exposes it', async () => {
    const exposed = await documentOf([PlainController], { exposeUpstreamMessage: true });
    const schema = exposed.components!.schemas!.CiamProblem as Json;
    expect(schema.properties.upstreamMessage).toEqual({
      type: 'string',
      description: "CIAM's own message: only where the server exposes it (development).",
    });
    const examples = problemOf(exposed.paths['/plain/freeze']!.post!.responses['403'] as Json);
    expect(examples.examples['FailedOperation.UserIsFreeze'].value.upstreamMessage).toEqual(
      expect.any(String),
    );
  });

  it("documents format 'nest' as Nest's shape, under application/json", async () => {
    const nest = await documentOf([PlainController], { format: 'nest' });
    const response = nest.paths['/plain/freeze']!.post!.responses['403'] as Json;
    expect(Object.keys(response.content)).toEqual(['application/json']);
    const media = response.content['application/json'];
    expect(media.schema).toEqual({ $ref: '#/components/schemas/CiamNestError' });
    expect(media.examples['FailedOperation.UserIsFreeze'].value).toEqual({
      message: expect.any(String),
      error: 'Forbidden',
      statusCode: 403,
      errorCode: 'FailedOperation.UserIsFreeze',
      requestId: REQUEST_ID,
    });
    expect(Object.keys(nest.components!.schemas!)).toEqual(['CiamNestError']);
  });

  it('documents a custom format by status and headers only', async () => {
    const custom = await documentOf([AccountsController], { format: (problem) => problem.code });
    const responses = custom.paths['/accounts/{id}']!.get!.responses as Json;
    expect(responses['429'].content).toEqual({
      'application/json': {
        schema: { description: "Whatever the app's format function makes of the error." },
      },
    });
    expect(responses['429'].headers['Retry-After'].examples).toBeUndefined();
    expect(responses['429'].headers['Retry-After'].required).toBe(true);
    expect(custom.components?.schemas ?? {}).toEqual({});
  });

  it('adds the examples of a locale only for the texts it has', async () => {
    const french = await documentOf([PlainController], {
      messages: { fr: { 'FailedOperation.UserIsFreeze': 'Compte gelé.' } },
    });
    const media = problemOf(french.paths['/plain/freeze']!.post!.responses['403'] as Json);
    expect(media.examples['FailedOperation.UserIsFreeze.fr'].value.detail).toBe('Compte gelé.');
  });

  it('fails clearly without a CiamErrorMapper, a mark of another process or a schema of the app', async () => {
    const moduleRef = await Test.createTestingModule({}).compile();
    expect(() => addCiamErrorResponses(moduleRef, structuredClone(document))).toThrow(
      /the app has no CiamErrorMapper/,
    );
    await moduleRef.close();

    @Controller('foreign')
    class ForeignController {
      @Get()
      @ApiExtension('x-ciam-errors', 'ciam-route-0')
      find() {}
    }
    await expect(documentOf([ForeignController])).rejects.toThrow(
      /GET \/foreign has a x-ciam-errors mark this process did not make/,
    );

    const moduleWithMapper = await Test.createTestingModule({
      imports: [CiamErrorsModule.forRoot({ logger: false, exposeUpstreamMessage: true })],
    }).compile();
    const raw = structuredClone(document) as Json;
    raw.paths['/plain/freeze'].post['x-ciam-errors'] = 'ciam-route-1';
    const before = structuredClone(raw);
    expect(() => addCiamErrorResponses(moduleWithMapper, raw as OpenAPIObject)).toThrow(
      /components\.schemas\.CiamProblem exists and is not the schema of these answers/,
    );
    expect(raw).toEqual(before); // untouched
    await moduleWithMapper.close();
  });
});

describe('the documents are valid OpenAPI', () => {
  const valid = async (document: OpenAPIObject) => {
    const result = await validate(structuredClone(document) as never);
    return result.valid ? [] : result.errors.map((error) => error.message);
  };

  it.each(['3.0.0', '3.1.0'])(
    'OpenAPI %s, every format',
    async (version) => {
      const controllers = [AccountsController, PlainController, DeclaredController];
      for (const format of ['problem', 'nest', () => ({})] as const) {
        const document = await documentOf(
          controllers,
          { format, exposeUpstreamMessage: true },
          version,
        );
        expect(document.openapi).toBe(version);
        expect(await valid(document)).toEqual([]);
      }
    },
    30_000,
  );

  it.each(['3.0.0', '3.1.0'])(
    "the sample's document, OpenAPI %s",
    async (version) => {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
      const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
      try {
        const config = new DocumentBuilder().setTitle('sample').setOpenAPIVersion(version).build();
        const document = addCiamErrorResponses(app, SwaggerModule.createDocument(app, config));
        expect(Object.keys(document.paths)).toHaveLength(11);
        expect(await valid(document)).toEqual([]);
      } finally {
        await app.close();
      }
    },
    30_000,
  );
});
