import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import {
  CIAM_ACTION_ERRORS,
  CIAM_AUTH_COMMON_ERRORS,
  CIAM_AUTH_ENDPOINT_ERRORS,
  CIAM_AUTH_ERROR_CATALOG,
  CIAM_COMMON_ERRORS,
  CIAM_ERROR_CATALOG,
} from '../lib/index.js';
import type { CiamActionName, CiamAuthEndpoint } from '../lib/index.js';
import type {
  CiamEmulator,
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
} from '../lib/testing/index.js';
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

/**
 * The same for the operations that call the tenant host (the /auth routes, through
 * openid-client): the endpoint their failures are bound to, and whose `error` values they must
 * document.
 */
const ENDPOINTS: Record<string, CiamAuthEndpoint> = {
  AuthController_signIn: 'token',
  AuthController_refresh: 'token',
  AuthController_me: 'userinfo',
  AuthController_changePassword: 'change_password',
};

const HANG: CiamEmulatorFailure = { hang: true };
/** What a gateway in front of CIAM answers when CIAM is down. */
const HTML_502: CiamEmulatorFailure = {
  httpStatus: 502,
  contentType: 'text/html',
  body: '<html><body>502 Bad Gateway</body></html>',
};
/** The endpoints that take a Bearer token: a bare 401 there is `invalid_token`. */
const BEARER_ENDPOINTS: ReadonlySet<CiamAuthEndpoint> = new Set([
  'userinfo',
  'userinfo_update',
  'change_password',
]);

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

/**
 * The same for the tenant host's endpoints, where a catalog value is produced by the tenant host
 * sending it (`{ oauthError }`). openid-client reads no body of a 4xx that is not JSON nor of any
 * 5xx: there the status alone decides (a 503 is `temporarily_unavailable`, another 5xx
 * `server_error`), which is why a bare 503 and an HTML 502 are tried too.
 */
function authTriggers(code: string, endpoint: CiamAuthEndpoint): readonly CiamEmulatorFailure[] {
  switch (code) {
    case 'InternalServerError':
      // A hidden value, and on the token endpoint CIAM's bare 401 (a failed client
      // authentication). The document takes each route's bare 401 from its own endpoint: on a
      // Bearer endpoint that is `invalid_token`, so a 500 is documented there only for a hidden
      // value the endpoint documents.
      return BEARER_ENDPOINTS.has(endpoint)
        ? [{ oauthError: 'invalid_client' }]
        : [{ httpStatus: 401 }, { oauthError: 'invalid_client' }];
    case 'BadGateway':
      // The document's 502 also stands for a connection that fails (the route's
      // TenantHostFailure); the emulator cannot refuse a connection, so that one is not tried.
      return [{ oauthError: 'server_error' }, HTML_502];
    case 'GatewayTimeout':
      // openid-client times out after CIAM_TIMEOUT_SECONDS (the sample sets config.timeout).
      return [HANG];
    case 'InvalidCredentials': // CiamErrorPresets.signIn
      return [{ oauthError: 'invalid_grant' }, { oauthError: 'user_not_found' }];
    case 'temporarily_unavailable':
      return [{ oauthError: code }, { httpStatus: 503 }];
  }
  if (Object.hasOwn(CIAM_AUTH_ERROR_CATALOG, code)) return [{ oauthError: code }];
  throw new Error(`No trigger for the public code ${code} of the ${endpoint} endpoint`);
}

/**
 * Documented examples that the route cannot answer, by `<operation> <status> <code>` (in every
 * language), and what it answers instead: each is checked exactly, and must be met.
 *
 * GET /auth/me calls /userinfo through openid-client's `fetchUserInfo`, which reads the Bearer
 * challenge of an error answer but never its JSON body: the package has only the status. A 403
 * from a Bearer endpoint is then `insufficient_scope`, and a 401 `invalid_token`, whatever
 * `error` the body names. So CIAM's `access_denied` (documented for any endpoint, sent by the
 * emulator as a JSON body with 403) answers `insufficient_scope` with its challenge.
 * /auth/password reads the body of every answer but a challenge (`unwrapCiamAuthResponse`), so
 * all its examples are reached. The answer instead must be, exactly, the operation's documented
 * example of that code in the same language.
 */
const UNREACHABLE: Record<string, string> = {
  'GET /auth/me 403 access_denied': 'insufficient_scope',
};

/** Any value does for a path parameter: the injected failure answers before CIAM reads it. */
const PATH_PARAMETER = 'some-user';
/**
 * Any value does for a Bearer token too (the injected failure answers before the tenant host
 * checks it); without one, the route would answer before calling the tenant host.
 */
const BEARER_TOKEN = 'some-access-token';

/** A documented operation with CIAM error responses, and how to call it. */
interface Operation {
  /** `GET /users/{id}` */
  readonly name: string;
  readonly method: 'get' | 'post' | 'patch';
  /** The path, its parameters filled in. */
  readonly path: string;
  readonly body: unknown;
  /** Whether the operation takes `Authorization: Bearer` (its `security`). */
  readonly bearer: boolean;
  /** What it calls: a CIAM action, or an endpoint of the tenant host. */
  readonly calls: { action: CiamActionName } | { endpoint: CiamAuthEndpoint };
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
  /** The Bearer challenge of the response's `WWW-Authenticate` that names the example's code. */
  readonly wwwAuthenticate: string | undefined;
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
      const endpoint = ENDPOINTS[operation.operationId];
      if (action === undefined && endpoint === undefined) {
        throw new Error(`No action nor endpoint for ${operation.operationId}`);
      }
      found.push({
        name: `${method.toUpperCase()} ${template}`,
        method: method as Operation['method'],
        path: template.replace(/\{[^}]+\}/g, PATH_PARAMETER),
        body: requestBodyOf(operation),
        bearer: (operation.security as Json[] | undefined)?.some((s) => 'bearer' in s) ?? false,
        calls: action !== undefined ? { action } : { endpoint: endpoint! },
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
      const challenge = response.headers['WWW-Authenticate'];
      for (const [key, example] of Object.entries(examples)) {
        const value = example.value as Json;
        // RFC 6750: the challenge names the error, `Bearer error="<code>"`.
        const wwwAuthenticate = (challenge?.schema.enum as string[] | undefined)?.find(
          (value_) => value_ === `Bearer error="${value.code}"`,
        );
        if (challenge?.required === true && wwwAuthenticate === undefined) {
          throw new Error(`${operation.name} ${status} ${key}: no challenge names ${value.code}`);
        }
        found.push({
          name: `${operation.name} ${status} ${key}`,
          operation,
          failures:
            'endpoint' in operation.calls
              ? authTriggers(value.code, operation.calls.endpoint)
              : triggersOf(value.code),
          status: Number(status),
          // `<code>` in the default locale, `<code>.<locale>` in the others.
          locale:
            (language.enum as string[]).find((locale) => key.endsWith(`.${locale}`)) ??
            language.default,
          retryAfter: response.headers['Retry-After']?.examples?.[key]?.value,
          wwwAuthenticate,
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
 * Content-Language, Retry-After and WWW-Authenticate (present or absent, and its value). Only
 * the requestId may differ: CIAM gives one per call, and transport failures have none. The other
 * way round, every code of the CIAM action a route calls (every `error` value of the tenant-host
 * endpoint it calls) must come back as a documented status and code.
 *
 * The /auth routes go through openid-client 6, so their failures are injected at the tenant
 * host's endpoint (`failNext(failure, { endpoint })`) and come back the way openid-client reads
 * them. Every example they document is reached that way, with two notes: openid-client reads no
 * 5xx body (the status decides, which gives the same answers), and the 502 of a connection that
 * fails is shared with the 5xx answers tried here (the emulator cannot refuse a connection).
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
        '/auth/me',
        '/auth/password',
        '/auth/sessions',
        '/auth/sessions/refresh',
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
      wwwAuthenticate: example.wwwAuthenticate,
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
        wwwAuthenticate: res.headers['www-authenticate'],
        body: { ...body, requestId: undefined },
      };
    };
    const send = ({ method, path, body, bearer }: Operation, locale: string) => {
      const req = http()[method](path).set('Accept-Language', locale);
      if (bearer) req.set('Authorization', `Bearer ${BEARER_TOKEN}`);
      return body === undefined ? req : req.send(body as object);
    };
    /** `failNext`'s options: the injected failure hits only what the operation calls. */
    const only = (operation: Operation): CiamEmulatorFailNextOptions => operation.calls;

    it('answers every example it documents exactly as documented', async () => {
      const examples = examplesOf(operationsOf(served));
      const hangs = examples.filter((example) => example.failures.includes(HANG));
      /** The operation's documented example of `code` in `locale`. */
      const exampleOf = (operation: Operation, code: string, locale: string) => {
        const found = examples.find(
          (example) =>
            example.operation === operation &&
            example.value.code === code &&
            example.locale === locale,
        );
        if (found === undefined) throw new Error(`${operation.name} documents no ${code}`);
        return found;
      };
      const mismatches: unknown[] = [];
      const unreachable = new Map<string, number>();
      let requests = 0;
      const compare = (example: Example, failure: CiamEmulatorFailure, res: request.Response) => {
        requests++;
        const where = `${example.operation.name} ${example.status} ${example.value.code}`;
        const instead = UNREACHABLE[where];
        if (instead !== undefined) unreachable.set(where, (unreachable.get(where) ?? 0) + 1);
        const expected = documented(
          instead === undefined ? example : exampleOf(example.operation, instead, example.locale),
        );
        const actual = observed(res);
        if (!isDeepEqual(actual, expected)) {
          mismatches.push({ example: example.name, failure, expected, actual });
        }
      };

      for (const example of examples) {
        for (const failure of example.failures) {
          if (failure === HANG) continue;
          emulator.failNext(failure, only(example.operation));
          compare(example, failure, await send(example.operation, example.locale));
          emulator.reset(); // a failure the route did not consume must not hit the next request
        }
      }
      // Each timeout takes CIAM_TIMEOUT_SECONDS: all at once.
      for (const example of hangs) emulator.failNext(HANG, only(example.operation));
      const answers = await Promise.all(
        hangs.map((example) => send(example.operation, example.locale)),
      );
      hangs.forEach((example, index) => compare(example, HANG, answers[index]!));

      // The first few are enough to see what drifted.
      expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({
        mismatches: 0,
        first: [],
      });
      // Each unreachable example was met, in each of the 5 languages, once per trigger.
      expect(Object.fromEntries(unreachable)).toEqual({
        'GET /auth/me 403 access_denied': 5,
      });
      // Every route and language is there: 8 operations on 7 paths of the management API, 4 on 4
      // of the tenant host; 5 languages.
      const paths = new Set(examples.map((example) => example.name.split(' ')[1]!));
      expect(paths.size).toBe(7 + 4);
      expect([...paths].filter((path) => path.startsWith('/auth/'))).toHaveLength(4);
      expect(new Set(examples.map((example) => example.locale))).toEqual(
        new Set(['en', 'zh-CN', 'zh-TW', 'ja', 'ko']),
      );
      expect(hangs).toHaveLength((8 + 4) * 5);
      // The Bearer challenges: 401 invalid_token and 403 insufficient_scope of /auth/me and
      // /auth/password, in 5 languages.
      expect(examples.filter((example) => example.wwwAuthenticate !== undefined)).toHaveLength(
        2 * 2 * 5,
      );
      expect(examples.length).toBeGreaterThan(400); // 501 when this was written
      expect(requests).toBe(examples.reduce((sum, example) => sum + example.failures.length, 0));
    }, 60_000);

    it("documents every error the route's CIAM call can answer", async () => {
      const operations = operationsOf(served);
      expect(operations).toHaveLength(8 + 4);
      const undocumented: string[] = [];
      let errors = 0;
      for (const operation of operations) {
        const failures: CiamEmulatorFailure[] =
          'action' in operation.calls
            ? [
                ...CIAM_ACTION_ERRORS[operation.calls.action],
                ...CIAM_COMMON_ERRORS,
                { httpStatus: 503 },
              ]
            : [
                ...[
                  ...CIAM_AUTH_ENDPOINT_ERRORS[operation.calls.endpoint],
                  ...CIAM_AUTH_COMMON_ERRORS,
                ].map((oauthError) => ({ oauthError })),
                { httpStatus: 401 },
                { httpStatus: 503 },
                HTML_502,
              ];
        for (const failure of failures) {
          emulator.failNext(failure, only(operation));
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
