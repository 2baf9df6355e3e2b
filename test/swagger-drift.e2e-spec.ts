import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { CIAM_ACTION_ERRORS, CIAM_COMMON_ERRORS, CIAM_ERROR_CATALOG } from '../lib/index.js';
import type { CiamActionName } from '../lib/index.js';
import type { CiamEmulator, CiamEmulatorFailure } from '../lib/testing/index.js';
import { AppModule } from '../sample/src/app.module.js';
import type { CiamConnection } from '../sample/src/ciam/ciam-connection.js';
import { CIAM_CONNECTION } from '../sample/src/ciam/ciam.constants.js';
import { setupOpenApi } from '../sample/src/openapi.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

type Json = Record<string, any>;

/**
 * The CIAM action each documented operation of the sample calls, as this test knows it. Injected
 * failures are bound to it: a route that calls another action (or none) does not consume them
 * and answers something else than the examples; and every code of the action must be documented,
 * which a route that declares another action fails.
 */
const ACTIONS: Record<string, CiamActionName> = {
  UsersController_create: 'CreateUser',
  UsersController_search: 'DescribeUser',
  UsersController_get: 'DescribeUserById',
  UsersController_updateStatus: 'UpdateUserStatus',
  UsersController_resetPassword: 'ResetPassword',
  UsersController_link: 'LinkAccount',
  SessionsController_signIn: 'DescribeUserById',
  ImportsController_start: 'CreateApiImportUserJob',
};

const HANG: CiamEmulatorFailure = { hang: true };

/**
 * What makes a route answer with a public code that is not itself a catalog code (a catalog code
 * is produced by CIAM sending it). Each is tried. An unknown code fails the test: add it here.
 */
const TRIGGERS: Record<string, readonly CiamEmulatorFailure[]> = {
  // Codes the catalog hides: an operator-side 500 and an upstream failure, 502.
  InternalServerError: ['AuthFailure.SignatureFailure'],
  // CIAM's internal error, and a transport failure: a non-200 answer.
  BadGateway: ['InternalError', { httpStatus: 503 }],
  GatewayTimeout: [HANG],
  SignUpConflict: ['FailedOperation.UserNameAlreadyExists'], // CiamErrorPresets.signUp
  InvalidCredentials: ['FailedOperation.UserNotFound'], // CiamErrorPresets.signIn
};

/** Any value does for a path parameter: the injected failure answers before CIAM reads it. */
const PATH_PARAMETER = 'some-user';

/** A documented operation with CIAM error responses, and how to call it. */
interface Operation {
  /** `GET /users/{id}` */
  readonly name: string;
  readonly method: 'get' | 'post' | 'patch';
  /** The path, its parameters filled in. */
  readonly path: string;
  readonly body: unknown;
  readonly action: CiamActionName;
  readonly responses: Json;
}

/** One documented example: the request that must produce it, and what the document says. */
interface Example {
  readonly name: string;
  readonly operation: Operation;
  readonly failures: readonly CiamEmulatorFailure[];
  readonly status: number;
  readonly locale: string;
  readonly retryAfter: number | undefined;
  readonly value: Json;
}

const problemExamples = (response: Json) =>
  response.content?.['application/problem+json']?.examples as Json | undefined;

/** The operations of the document that have CIAM error responses. */
function operationsOf(document: OpenAPIObject): Operation[] {
  const found: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      const responses = operation.responses as Json;
      if (!Object.values(responses).some((response) => problemExamples(response))) continue;
      const action = ACTIONS[operation.operationId];
      if (action === undefined) throw new Error(`No action for ${operation.operationId}`);
      found.push({
        name: `${method.toUpperCase()} ${template}`,
        method: method as Operation['method'],
        path: template.replace(/\{[^}]+\}/g, PATH_PARAMETER),
        body: requestBodyOf(operation),
        action,
        responses,
      });
    }
  }
  return found;
}

/** Every example of every CIAM error response in the document, with its request. */
function examplesOf(operations: readonly Operation[]): Example[] {
  const found: Example[] = [];
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const examples = problemExamples(response);
      if (examples === undefined) continue;
      const language = response.headers['Content-Language'].schema;
      for (const [key, example] of Object.entries(examples)) {
        const value = example.value as Json;
        found.push({
          name: `${operation.name} ${status} ${key}`,
          operation,
          failures: triggersOf(value.code),
          status: Number(status),
          // `<code>` in the default locale, `<code>.<locale>` in the others.
          locale:
            (language.enum as string[]).find((locale) => key.endsWith(`.${locale}`)) ??
            language.default,
          retryAfter: response.headers['Retry-After']?.examples?.[key]?.value,
          value,
        });
      }
    }
  }
  return found;
}

/** The operation's request body example, which the sample documents for each body it reads. */
function requestBodyOf(operation: Json): unknown {
  const media = operation.requestBody?.content?.['application/json'];
  return media?.example ?? media?.schema?.example;
}

function triggersOf(code: string): readonly CiamEmulatorFailure[] {
  if (Object.hasOwn(CIAM_ERROR_CATALOG, code)) return [code];
  const triggers = TRIGGERS[code];
  if (triggers === undefined) throw new Error(`No trigger for the public code ${code}`);
  return triggers;
}

/**
 * The sample's OpenAPI document against the sample itself: for every example of every error
 * response it documents, the route is made to fail that way (through the official SDK and the
 * emulator) in the example's language, and the answer must be the example: status, body
 * (type, title, detail, code, instance, nothing else) and the headers Content-Type,
 * Content-Language and Retry-After (present or absent, and its value). Only the requestId may
 * differ: CIAM gives one per call, and transport failures have none. The other way round, every
 * code of the CIAM action a route calls must come back as a documented status and code.
 */
describe.each(PLATFORMS)(
  'the sample documents its CIAM errors as it answers them on $name',
  (platform) => {
    let app: INestApplication;
    let emulator: CiamEmulator;
    let served: OpenAPIObject;
    let built: OpenAPIObject;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      process.env.CIAM_TIMEOUT_SECONDS = '1';
      delete process.env.CIAM_ENDPOINT;
      // Jest (on Node 20) cannot load @fastify/static, which Swagger UI needs on Fastify; the
      // document is served all the same. `npm start` serves both on Express.
      const options = platform.name === 'fastify' ? { ui: false } : undefined;
      app = await startApp(platform, { imports: [AppModule] }, (nest) => {
        built = setupOpenApi(nest, options);
      });
      emulator = app.get<CiamConnection>(CIAM_CONNECTION).emulator!;
      const res = await http().get('/docs-json');
      expect(res.status).toBe(200);
      served = JSON.parse(res.text) as OpenAPIObject;
    });
    afterEach(() => emulator.reset());
    afterAll(() => app.close());

    it('serves at /docs-json the document with the CIAM responses', () => {
      expect(served).toEqual(JSON.parse(JSON.stringify(built)));
      expect(JSON.stringify(served)).not.toContain('x-ciam-errors');
      expect(served.components?.schemas?.CiamProblem).toBeDefined();
      expect(Object.keys(served.paths).sort()).toEqual([
        '/imports',
        '/sessions',
        '/users',
        '/users/{id}',
        '/users/{id}/links',
        '/users/{id}/password-reset',
        '/users/{id}/status',
      ]);
    });

    /** What the document says of an answer, in the terms of `observed`. */
    const documented = (example: Example) => ({
      status: example.status,
      contentType: 'application/problem+json; charset=utf-8',
      contentLanguage: example.locale,
      retryAfter: example.retryAfter === undefined ? undefined : String(example.retryAfter),
      body: { ...example.value, instance: example.operation.path, requestId: undefined },
    });
    const observed = (res: request.Response) => {
      let body: Json;
      try {
        body = JSON.parse(res.text) as Json;
      } catch {
        body = { text: res.text };
      }
      return {
        status: res.status,
        contentType: res.headers['content-type'],
        contentLanguage: res.headers['content-language'],
        retryAfter: res.headers['retry-after'],
        body: { ...body, requestId: undefined },
      };
    };
    const send = ({ method, path, body }: Operation, locale: string) => {
      const req = http()[method](path).set('Accept-Language', locale);
      return body === undefined ? req : req.send(body as object);
    };

    it('answers every example it documents exactly as documented', async () => {
      const examples = examplesOf(operationsOf(served));
      const hangs = examples.filter((example) => example.failures.includes(HANG));
      const mismatches: unknown[] = [];
      let requests = 0;
      const compare = (example: Example, failure: CiamEmulatorFailure, res: request.Response) => {
        requests++;
        const expected = documented(example);
        const actual = observed(res);
        if (!isDeepEqual(actual, expected)) {
          mismatches.push({ example: example.name, failure, expected, actual });
        }
      };

      for (const example of examples) {
        for (const failure of example.failures) {
          if (failure === HANG) continue;
          emulator.failNext(failure, { action: example.operation.action });
          compare(example, failure, await send(example.operation, example.locale));
          emulator.reset(); // a failure the route did not consume must not hit the next request
        }
      }
      // Each timeout takes CIAM_TIMEOUT_SECONDS: all at once.
      for (const example of hangs) emulator.failNext(HANG, { action: example.operation.action });
      const answers = await Promise.all(
        hangs.map((example) => send(example.operation, example.locale)),
      );
      hangs.forEach((example, index) => compare(example, HANG, answers[index]!));

      // The first few are enough to see what drifted.
      expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({
        mismatches: 0,
        first: [],
      });
      // Every route and language is there: 8 operations on 7 paths, 5 languages.
      expect(new Set(examples.map((example) => example.name.split(' ')[1])).size).toBe(7);
      expect(new Set(examples.map((example) => example.locale))).toEqual(
        new Set(['en', 'zh-CN', 'zh-TW', 'ja', 'ko']),
      );
      expect(hangs).toHaveLength(8 * 5);
      expect(examples.length).toBeGreaterThan(400); // 501 when this was written
      expect(requests).toBe(examples.reduce((sum, example) => sum + example.failures.length, 0));
    }, 60_000);

    it("documents every error the route's CIAM call can answer", async () => {
      const operations = operationsOf(served);
      expect(operations).toHaveLength(8);
      const undocumented: string[] = [];
      let errors = 0;
      for (const operation of operations) {
        const failures: CiamEmulatorFailure[] = [
          ...CIAM_ACTION_ERRORS[operation.action],
          ...CIAM_COMMON_ERRORS,
          { httpStatus: 503 },
        ];
        for (const failure of failures) {
          emulator.failNext(failure, { action: operation.action });
          const res = await send(operation, 'en');
          emulator.reset();
          if (res.status >= 200 && res.status <= 299) continue; // hidden as a success
          errors++;
          const code = (JSON.parse(res.text) as Json).code as string;
          const examples = problemExamples(operation.responses[String(res.status)] ?? {}) ?? {};
          if (!Object.values(examples).some((example: Json) => example.value.code === code)) {
            undocumented.push(
              `${operation.name}: ${res.status} ${code} (${JSON.stringify(failure)})`,
            );
          }
        }
      }
      expect(undocumented).toEqual([]);
      expect(errors).toBeGreaterThan(300);
    }, 60_000);
  },
);

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
