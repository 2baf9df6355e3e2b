// Property-based tests: whatever is thrown, whatever the client sends, the package never throws,
// always answers a well-formed status and text, never echoes a malformed code and never sends
// the upstream message unless told to.
import { Controller, Get, Headers as RequestHeaders } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import {
  CiamErrorMapper,
  CiamErrorsModule,
  CiamException,
  extractCiamError,
} from '../lib/index.js';
import { isCiamCodeSyntax } from '../lib/catalog/ciam-code.util.js';
import { BUILT_IN_LOCALES } from './fixtures/locales.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

const LOCALES: string[] = BUILT_IN_LOCALES;
const SECRET = 'UPSTREAM-SECRET';

/** An object whose every trap throws: reading anything from it fails. */
function throwingProxy(): object {
  const fail = () => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail },
  );
}

/** An envelope that refers to itself. */
function cyclic(code: unknown): object {
  const envelope: Record<string, unknown> = {};
  envelope.Response = { Error: { Code: code, Message: SECRET }, RequestId: 'r', Self: envelope };
  envelope.response = envelope;
  envelope.data = envelope;
  return envelope;
}

const hugeString = fc.constantFrom(
  'A'.repeat(200_000),
  'Failed.'.repeat(30_000),
  '\u2028'.repeat(5000),
);
const anyCode = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}(\.[A-Za-z][A-Za-z0-9_]{0,20}){0,3}$/),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'FailedOperation.UserNotFound', ''),
  hugeString,
);

/** Stand-ins for hostile values, swapped for the real thing inside the property. */
const HOSTILE = Symbol('a throwing proxy');
const HOSTILE_RESPONSE = Symbol('an envelope whose Response is a throwing proxy');
const HOSTILE_REQUEST_ID = Symbol('an SDK exception whose requestId is a throwing proxy');

/** Everything the package may be handed as an error. */
const thrown = fc.oneof(
  fc.anything(),
  anyCode.map((code) => ({ Response: { Error: { Code: code, Message: SECRET }, RequestId: 'r' } })),
  anyCode.map((code) => ({ response: { data: { Response: { Error: { Code: code } } } } })),
  anyCode.map((code) => Object.assign(new Error(SECRET), { code, requestId: 'r', traceId: 't' })),
  anyCode.map((code) =>
    CiamException.uncatalogued(code as string, { upstreamMessage: SECRET, requestId: 'r' }),
  ),
  anyCode.map((code) => Object.freeze(cyclic(code))),
  // Proxies are built when the property runs: fast-check itself reads the values it generates.
  fc.constantFrom(HOSTILE, HOSTILE_RESPONSE, HOSTILE_REQUEST_ID),
);

function materialize(value: unknown): unknown {
  if (value === HOSTILE) return throwingProxy();
  if (value === HOSTILE_RESPONSE) return { Response: throwingProxy() };
  if (value === HOSTILE_REQUEST_ID) {
    return Object.assign(new Error(SECRET), { requestId: throwingProxy(), traceId: 't' });
  }
  return value;
}

/** Contexts `resolve` may be called with, hostile ones included. */
const context = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      locale: fc.oneof(fc.anything(), fc.constantFrom(...LOCALES), hugeString),
      acceptLanguage: fc.oneof(fc.anything(), fc.string(), hugeString),
      request: fc.oneof(
        fc.anything(),
        fc.record({ headers: fc.dictionary(fc.string(), fc.anything()) }),
        fc.constant(HOSTILE),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** A problem is well formed whatever went in. */
function expectWellFormed(problem: ReturnType<CiamErrorMapper['resolve']>): void {
  if (problem === undefined) return;
  expect(Number.isInteger(problem.status)).toBe(true);
  expect(problem.status).toBeGreaterThanOrEqual(100);
  expect(problem.status).toBeLessThanOrEqual(599);
  expect(typeof problem.detail).toBe('string');
  expect(problem.detail.trim()).not.toBe('');
  expect(typeof problem.title).toBe('string');
  expect(LOCALES).toContain(problem.locale);
  expect(isCiamCodeSyntax(problem.code)).toBe(true);
}

describe('properties', () => {
  const mapper = new CiamErrorMapper({ logger: false });

  it('extractCiamError never throws, and its code is a string when present', () => {
    fc.assert(
      fc.property(thrown, (error) => {
        const info = extractCiamError(materialize(error));
        if (info?.code !== undefined) expect(typeof info.code).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('Accept-Language negotiation always lands on a supported locale', () => {
    const error = new CiamException('FailedOperation.UserNotFound');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hugeString), (header) => {
        expect(LOCALES).toContain(mapper.resolve(error, { acceptLanguage: header })!.locale);
      }),
      { numRuns: 1000 },
    );
  });

  it('resolve never throws and answers a well-formed problem', () => {
    fc.assert(
      fc.property(thrown, context, (error, ctx) => {
        const request = materialize((ctx as { request?: unknown } | undefined)?.request);
        expectWellFormed(
          mapper.resolve(materialize(error), { ...(ctx as object), request } as never),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never echoes a malformed code', () => {
    // Malformed by construction (a hyphen is never part of a code), and easy to spot.
    const malformed = fc.string({ maxLength: 300 }).map((text) => `Bad-Code<${text}>`);
    fc.assert(
      fc.property(malformed, fc.boolean(), (code, thrownByApp) => {
        const error = thrownByApp
          ? CiamException.uncatalogued(code)
          : { Response: { Error: { Code: code } } };
        const problem = mapper.resolve(error)!;
        expect(problem.upstreamCode).toBeUndefined();
        expect(JSON.stringify(problem)).not.toContain('Bad-Code<');
      }),
      { numRuns: 500 },
    );
  });
});

/** Throws whatever the test put in the `x-case` header's slot. */
const cases = new Map<string, unknown>();

@Controller('property')
class PropertyController {
  @Get()
  fail(@RequestHeaders('x-case') id: string): never {
    throw cases.get(id);
  }
}

describe.each(PLATFORMS)('the filter on $name', (platform) => {
  let app: INestApplication;
  let exposing: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [PropertyController],
    });
    exposing = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false, exposeUpstreamMessage: true })],
      controllers: [PropertyController],
    });
  });
  afterAll(async () => {
    await app.close();
    await exposing.close();
  });

  it('answers every CIAM error well formed, without the upstream message', async () => {
    let next = 0;
    await fc.assert(
      fc.asyncProperty(thrown, fc.string({ maxLength: 200 }), async (error, acceptLanguage) => {
        const id = String(next++);
        cases.set(id, materialize(error));
        const res = await request(app.getHttpServer())
          .get('/property')
          .set('x-case', id)
          .set('accept-language', acceptLanguage.replace(/[^\t\x20-\x7e]/g, ''));
        cases.delete(id);
        expect(res.status).toBeGreaterThanOrEqual(100);
        expect(res.status).toBeLessThanOrEqual(599);
        expect(res.text).not.toContain(SECRET);
        if (res.headers['content-type']?.startsWith('application/problem+json')) {
          expectWellFormed({ ...res.body, locale: res.headers['content-language'] });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sends the upstream message only with exposeUpstreamMessage', async () => {
    cases.set('exposed', CiamException.uncatalogued('InternalError', { upstreamMessage: SECRET }));
    const res = await request(exposing.getHttpServer()).get('/property').set('x-case', 'exposed');
    expect(res.body.upstreamMessage).toBe(SECRET);
  });
});
