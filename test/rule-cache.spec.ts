// The mapper's rule cache and its resolve path under odd input: bounded by known prefixes, and
// never a throw whatever the route context holds.
import { CiamErrorMapper, CiamException } from '../lib/index.js';
import type { CiamErrorsModuleOptions, CiamProblem } from '../lib/index.js';
import { BUILT_IN_LOCALES } from './fixtures/locales.js';
import { sdkError } from './fixtures/sdk-errors.js';
import { cachedRules, decoratedRoute, mapperWith, recordingLogger } from './fixtures/mappers.js';

describe('the rule cache is keyed by the known prefix, not the raw code', () => {
  it('keeps the cache bounded: 200 decorated routes × 2,100 unknown codes under one prefix', () => {
    const mapper = mapperWith();
    const routes = Array.from({ length: 200 }, () =>
      decoratedRoute({ 'FailedOperation.UserNotFound': 401 }, { ResourceNotFound: 410 }),
    );
    for (const route of routes) {
      for (let i = 0; i < 2100; i++) {
        const code = `ResourceNotFound.Unknown${i}`;
        const problem = mapper.resolve(CiamException.uncatalogued(code), route)!;
        if (problem.status !== 410 || problem.upstreamCode !== code) {
          throw new Error(`${code}: ${JSON.stringify(problem)}`);
        }
      }
    }
    const afterFirstPrefix = cachedRules(mapper);
    // One entry per route for "under ResourceNotFound", not one per code (was 200 × 2,048).
    expect(afterFirstPrefix).toBeLessThanOrEqual(2 * routes.length);

    // A prefix that no route map touches: the routes share the app-wide rule.
    for (const route of routes) {
      for (let i = 0; i < 50; i++) {
        const code = `InvalidParameter.Brand${i}.New`;
        const problem = mapper.resolve(CiamException.uncatalogued(code), route)!;
        expect(problem).toMatchObject({
          status: 400,
          code: 'InvalidParameter',
          upstreamCode: code,
        });
      }
    }
    expect(cachedRules(mapper)).toBeLessThanOrEqual(afterFirstPrefix + routes.length + 1);
  });

  it('answers every code as a cold mapper does, whatever was cached before', () => {
    const options: CiamErrorsModuleOptions = {
      overrides: { FailedOperation: { status: 400 }, 'RequestLimitExceeded.UinLimitExceeded': 503 },
      uncataloguedOverrides: {
        'FailedOperation.Custom': { code: 'CustomThing', expose: true },
        'FailedOperation.Custom.Deeper': 418,
        'Brand.New': { status: 409, expose: true, message: 'brand new' },
      },
    };
    const route = decoratedRoute(
      { FailedOperation: { code: 'SignInFailed', expose: true } },
      { 'FailedOperation.UserNotFound': { status: 401, expose: false } },
      { uncatalogued: { 'ResourceNotFound.Sub': { status: 410, expose: true } } },
    );
    const codes = [
      'FailedOperation.UserNotFound',
      'FailedOperation.UserNotFound.Sub',
      'FailedOperation.UserNotFound.Other.Deep',
      'FailedOperation.Custom',
      'FailedOperation.Custom.X',
      'FailedOperation.Custom.Deeper',
      'FailedOperation.Custom.Deeper.Y',
      'FailedOperation.Unknown',
      'FailedOperation.DataFlowTooManyRequests',
      'FailedOperation.DataFlowTooManyRequests.Sub',
      'FailedOperation.InvalidTenant.Sub',
      'RequestLimitExceeded.UinLimitExceeded.Sub',
      'RequestLimitExceeded.Other',
      'ResourceNotFound.Sub',
      'ResourceNotFound.Sub.Leaf',
      'ResourceNotFound.Other',
      'Brand.New',
      'Brand.New.Child',
      'Brand.Other',
      'Nothing.Known.Here',
      'Nothing',
    ];
    const contexts = [{}, route, { controller: route.controller }];
    const warm = mapperWith(options);
    const strip = ({ requestId: _r, traceId: _t, ...problem }: CiamProblem) => problem;
    // Forwards then backwards, so that each code meets a cache warmed by the others.
    for (const order of [codes, [...codes].reverse(), codes]) {
      for (const code of order) {
        for (const context of contexts) {
          for (const locale of BUILT_IN_LOCALES) {
            const cold = mapperWith(options).resolve(sdkError(code), { ...context, locale })!;
            const hot = warm.resolve(sdkError(code), { ...context, locale })!;
            expect([code, strip(hot)]).toEqual([code, strip(cold)]);
          }
        }
      }
    }
  });
});

describe('resolve never throws on an odd context', () => {
  const error = new CiamException('ResourceNotFound');

  it.each([[['zh-CN']], [{ length: 2 }], [42], [null], [{ toLowerCase: 1 }]])(
    'ignores a non-string locale %j',
    (locale) => {
      const problem = mapperWith().resolve(error, {
        locale: locale as never,
        acceptLanguage: 'zh-TW',
      })!;
      expect(problem).toMatchObject({ status: 404, locale: 'zh-TW' });
    },
  );

  it('treats a request whose headers getter throws as having no headers', () => {
    const request = {
      get headers(): never {
        throw new Error('broken request');
      },
    };
    const mapper = mapperWith({ defaultLocale: 'zh-CN' });
    expect(mapper.resolve(error, { request })!.locale).toBe('zh-CN');
    expect(mapper.resolve(error, { request, acceptLanguage: 'zh-TW' })!.locale).toBe('zh-TW');
    const throwingHeaders = new Proxy(
      {},
      {
        get() {
          throw new Error('broken headers');
        },
      },
    );
    expect(mapper.resolve(error, { request: { headers: throwingHeaders } })!.locale).toBe('zh-CN');
  });

  it('ignores a non-string acceptLanguage and falls back to the request', () => {
    const mapper = mapperWith();
    const request = { headers: { 'accept-language': 'zh-TW' } };
    expect(mapper.resolve(error, { acceptLanguage: 42 as never, request })!.locale).toBe('zh-TW');
    expect(mapper.resolve(error, { acceptLanguage: ['zh-CN'] as never })!.locale).toBe('en');
  });

  it('ignores a controller or handler that is not a function', () => {
    const mapper = mapperWith();
    expect(mapper.resolve(error, { controller: 'x' as never, handler: 42 as never })!.status).toBe(
      404,
    );
  });

  it('counts a thenable from resolveLocale as its failure, reported once, never unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { logger, lines } = recordingLogger();
      const mapper = new CiamErrorMapper({
        logger,
        resolveLocale: (() => Promise.reject(new Error('async locale'))) as never,
      });
      const request = { headers: { 'accept-language': 'zh-CN' } };
      for (let i = 0; i < 3; i++) {
        expect(mapper.resolve(error, { request })!.locale).toBe('zh-CN');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(lines.error).toHaveLength(1);
      expect(lines.error[0]).toMatch(/resolveLocale/);
      expect(lines.error[0]).toMatch(/synchronous/);

      const resolving = new CiamErrorMapper({
        logger,
        resolveLocale: (async () => 'zh-TW') as never,
      });
      expect(resolving.resolve(error, { request })!.locale).toBe('zh-CN');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
