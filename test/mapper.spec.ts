import type { LoggerService } from '@nestjs/common';
import { CIAM_ERROR_CATALOG, CiamErrorMap, CiamErrorMapper, CiamException } from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import { sdkError, sdkTimeout } from './fixtures/sdk-errors.js';

const mapperWith = (options: CiamErrorsModuleOptions = {}) =>
  new CiamErrorMapper({ logger: false, ...options });

@CiamErrorMap({
  FailedOperation: { status: 400, message: 'controller prefix text' },
  'RequestLimitExceeded.FrequentRequest': { retryAfter: 9 },
})
class Controller {
  @CiamErrorMap({ 'FailedOperation.UserNotFound': { expose: false } })
  hidden() {}

  @CiamErrorMap({
    'FailedOperation.UserNotFound': { status: 401 },
    FailedOperation: { code: 'SignInFailed' },
  })
  custom() {}

  @CiamErrorMap({}, { uncatalogued: { 'FailedOperation.BrandNew': { status: 409, expose: true } } })
  escapeHatch() {}

  plain() {}
}
const route = (name: keyof Controller) => ({
  controller: Controller,
  handler: Controller.prototype[name],
});

describe('CiamErrorMapper.resolve', () => {
  it('returns undefined for anything that is not a CIAM error', () => {
    const mapper = mapperWith();
    expect(mapper.resolve(new Error('x'))).toBeUndefined();
    expect(mapper.resolve(undefined)).toBeUndefined();
    expect(mapper.resolve({ status: 404 })).toBeUndefined();
  });

  it('resolves an exact code with the full problem', () => {
    expect(mapperWith().resolve(sdkError('FailedOperation.UserNameAlreadyExists'))).toEqual({
      status: 409,
      code: 'FailedOperation.UserNameAlreadyExists',
      upstreamCode: 'FailedOperation.UserNameAlreadyExists',
      title: 'Conflict',
      detail: CIAM_ERROR_CATALOG['FailedOperation.UserNameAlreadyExists'].messages.en,
      locale: 'en',
      type: 'about:blank',
      retryable: false,
      retryAfter: undefined,
      requestId: expect.any(String),
      traceId: expect.any(String),
      upstreamMessage: 'upstream says FailedOperation.UserNameAlreadyExists',
    });
  });

  it('uses the longest known dotted prefix and presents its code', () => {
    const problem = mapperWith().resolve(
      CiamException.uncatalogued('ResourceNotFound.Group.Deep'),
    )!;
    expect(problem).toMatchObject({
      status: 404,
      code: 'ResourceNotFound',
      upstreamCode: 'ResourceNotFound.Group.Deep',
    });
  });

  it('answers unknown codes with fallbackStatus, hidden', () => {
    const problem = mapperWith({ fallbackStatus: 500 }).resolve(
      CiamException.uncatalogued('Nope.Never'),
    )!;
    expect(problem).toMatchObject({ status: 500, code: 'InternalServerError', retryable: false });
  });

  it.each([
    '',
    'a'.repeat(129),
    'Has Space',
    '9Starts.WithDigit',
    'Trailing.',
    '__proto__',
    'constructor',
  ])('treats %j as unknown', (code) => {
    const problem = mapperWith().resolve(CiamException.uncatalogued(code))!;
    expect(problem.status).toBe(502);
    expect(problem.code).toBe('BadGateway');
  });

  it('keeps malformed codes out of upstreamCode', () => {
    expect(
      mapperWith().resolve(CiamException.uncatalogued('<b>x</b>'))!.upstreamCode,
    ).toBeUndefined();
  });

  it('sets retryAfter for retryable 429 and 503 only', () => {
    const mapper = mapperWith();
    expect(mapper.resolve(new CiamException('RequestLimitExceeded'))!.retryAfter).toBe(1);
    expect(mapper.resolve(new CiamException('ServiceUnavailable'))!.retryAfter).toBeGreaterThan(0);
    expect(
      mapper.resolve(new CiamException('FailedOperation.DataFlowTooManyRequests'))!.retryAfter,
    ).toBe(60);
    expect(mapper.resolve(new CiamException('InternalError'))!.retryAfter).toBeUndefined();
    expect(mapper.resolve(new CiamException('InternalError'))!.retryable).toBe(true);
  });

  it('maps transport failures', () => {
    expect(mapperWith().resolve(sdkTimeout())).toMatchObject({
      status: 504,
      code: 'GatewayTimeout',
      retryable: true,
    });
  });
});

describe('override precedence (handler > controller > option > catalog, per field)', () => {
  const mapper = mapperWith({
    overrides: {
      'FailedOperation.UserNotFound': { status: 410, message: 'option exact text' },
      'FailedOperation.EmailAlreadyExists': { status: 422 },
    },
  });

  it("a controller's prefix beats an option's exact code", () => {
    const problem = mapper.resolve(
      new CiamException('FailedOperation.UserNotFound'),
      route('plain'),
    )!;
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('controller prefix text');
  });

  it('the option applies where no route map matches', () => {
    const problem = mapper.resolve(new CiamException('FailedOperation.UserNotFound'))!;
    expect(problem).toMatchObject({ status: 410, detail: 'option exact text' });
  });

  it('fields merge across levels: handler hides, controller sets status and text', () => {
    const problem = mapper.resolve(
      new CiamException('FailedOperation.UserNotFound'),
      route('hidden'),
    )!;
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('BadRequest');
    expect(problem.detail).toBe('controller prefix text');
  });

  it('within a level the exact key beats the prefix; custom codes replace the public code', () => {
    const problem = mapper.resolve(
      new CiamException('FailedOperation.UserNotFound'),
      route('custom'),
    )!;
    expect(problem.status).toBe(401);
    expect(problem.code).toBe('SignInFailed');
    const other = mapper.resolve(
      new CiamException('FailedOperation.EmailAlreadyExists'),
      route('custom'),
    )!;
    expect(other.code).toBe('SignInFailed');
    expect(other.status).toBe(400);
  });

  it('retryAfter can be overridden', () => {
    const problem = mapper.resolve(
      new CiamException('RequestLimitExceeded.FrequentRequest'),
      route('plain'),
    )!;
    expect(problem.retryAfter).toBe(9);
  });

  it('the escape hatch handles codes outside the catalog', () => {
    const problem = mapper.resolve(
      CiamException.uncatalogued('FailedOperation.BrandNew'),
      route('escapeHatch'),
    )!;
    expect(problem).toMatchObject({ status: 409, code: 'FailedOperation.BrandNew' });
  });

  it('builds each route table and rule once', () => {
    const first = mapper.resolve(
      new CiamException('FailedOperation.UserNotFound'),
      route('custom'),
    )!;
    const tables = (
      mapper as unknown as {
        rules: { routeTables: WeakMap<object, WeakMap<object, { rules: Map<string, unknown> }>> };
      }
    ).rules.routeTables;
    const table = tables.get(Controller.prototype.custom)!.get(Controller)!;
    const rule = table.rules.get('FailedOperation.UserNotFound');
    mapper.resolve(new CiamException('FailedOperation.UserNotFound'), route('custom'));
    expect(tables.get(Controller.prototype.custom)!.get(Controller)).toBe(table);
    expect(table.rules.get('FailedOperation.UserNotFound')).toBe(rule);
    expect(first.status).toBe(401);
  });
});

describe('locales', () => {
  it('an explicit locale wins, also through aliases', () => {
    const mapper = mapperWith();
    const error = new CiamException('FailedOperation.UserNotFound');
    expect(mapper.resolve(error, { locale: 'zh-HK', acceptLanguage: 'en' })!.locale).toBe('zh-TW');
    expect(mapper.resolve(error, { locale: 'xx', acceptLanguage: 'zh' })!.locale).toBe('zh-CN');
    const overlong = `zh-TW-${'abcdefgh-'.repeat(8)}x`;
    expect(mapper.resolve(error, { locale: overlong, acceptLanguage: 'zh' })!.locale).toBe('zh-CN');
  });

  it('falls back to defaultLocale, then en, and reports the locale used', () => {
    const mapper = mapperWith({
      defaultLocale: 'zh-CN',
      messages: { fr: { 'FailedOperation.UserNotFound': 'Utilisateur introuvable.' } },
    });
    const found = mapper.resolve(new CiamException('FailedOperation.UserNotFound'), {
      acceptLanguage: 'fr-CA',
    })!;
    expect(found).toMatchObject({ locale: 'fr', detail: 'Utilisateur introuvable.' });
    const missing = mapper.resolve(new CiamException('FailedOperation.EmailIsNull'), {
      acceptLanguage: 'fr',
    })!;
    expect(missing.locale).toBe('zh-CN');
    expect(missing.detail).toBe(
      CIAM_ERROR_CATALOG['FailedOperation.EmailIsNull'].messages['zh-CN'],
    );
  });

  it('replaces built-in texts and generic texts through messages', () => {
    const mapper = mapperWith({
      messages: {
        en: { 'FailedOperation.UserNotFound': 'No such account.', InternalServerError: 'Oops.' },
      },
    });
    expect(mapper.resolve(new CiamException('FailedOperation.UserNotFound'))!.detail).toBe(
      'No such account.',
    );
    expect(mapper.resolve(new CiamException('AuthFailure'))!.detail).toBe('Oops.');
  });

  it('gives statuses only an override produces a title', () => {
    const mapper = mapperWith({ overrides: { 'FailedOperation.UserIsFreeze': 423 } });
    expect(
      mapper.resolve(new CiamException('FailedOperation.UserIsFreeze'), { locale: 'en' })!.title,
    ).toBe('Locked');
    const teapot = mapperWith({ overrides: { 'FailedOperation.UserIsFreeze': 418 } });
    const zh = teapot.resolve(new CiamException('FailedOperation.UserIsFreeze'), {
      locale: 'zh-CN',
    })!;
    expect(zh.title).toBe("I'm a Teapot");
  });

  it('survives a throwing resolveLocale and a throwing extract, logging both', () => {
    const errors: string[] = [];
    const logger: LoggerService = { log() {}, warn() {}, error: (m: string) => errors.push(m) };
    const mapper = new CiamErrorMapper({
      logger,
      resolveLocale: () => {
        throw new Error('locale bug');
      },
      extract: () => {
        throw new Error('extract bug');
      },
    });
    const problem = mapper.resolve(new CiamException('FailedOperation.UserNotFound'), {
      request: { headers: { 'accept-language': 'zh-TW' } },
    })!;
    expect(problem).toMatchObject({ status: 404, locale: 'zh-TW' });
    expect(errors).toHaveLength(2);
    expect(errors.find((line) => line.includes('the extract function threw'))).toContain(
      'extract bug',
    );
    expect(errors.find((line) => line.includes('the resolveLocale function threw'))).toContain(
      'locale bug',
    );
  });

  it('treats an overlong code from the extract option as unknown', () => {
    const mapper = mapperWith({
      extract: () => ({ code: `FailedOperation.${'X'.repeat(100_000)}` }),
    });
    const problem = mapper.resolve(new Error('any'))!;
    expect(problem).toMatchObject({ status: 502, code: 'BadGateway', upstreamCode: undefined });
  });

  it('consults the extract option first', () => {
    const mapper = mapperWith({
      extract: (error) =>
        error === 'legacy' ? { code: 'FailedOperation.UserNotFound' } : undefined,
    });
    expect(mapper.resolve('legacy')!.status).toBe(404);
  });
});

describe('@CiamErrorMap validation', () => {
  it('rejects a misspelt code with a suggestion when the class is defined', () => {
    expect(() => {
      @CiamErrorMap({ 'FailedOperation.UserNotFoud': 404 } as never)
      class Broken {}
      return Broken;
    }).toThrow(
      /@CiamErrorMap has "FailedOperation\.UserNotFoud".*did you mean FailedOperation\.UserNotFound\?/,
    );
  });

  it('rejects a bad status and unknown override fields', () => {
    expect(() => CiamErrorMap({ ResourceNotFound: 99 })).toThrow(
      /must be an integer HTTP status from 100 to 599, got 99/,
    );
    expect(() => CiamErrorMap({ ResourceNotFound: { stauts: 404 } as never })).toThrow(
      /unknown field "stauts"/,
    );
    expect(() => CiamErrorMap({}, { uncatalogued: { 'bad code': 400 } })).toThrow(
      /not a dotted code/,
    );
  });

  it('keeps catalog codes out of the escape hatch', () => {
    expect(() =>
      CiamErrorMap({}, { uncatalogued: { 'FailedOperation.UserNotFound': 401 } }),
    ).toThrow(/"FailedOperation\.UserNotFound", which is a catalog code/);
    expect(() => new CiamErrorMapper({ uncataloguedOverrides: { ResourceNotFound: 410 } })).toThrow(
      /uncataloguedOverrides has "ResourceNotFound", which is a catalog code/,
    );
  });
});

describe('CiamErrorMatcher', () => {
  it('knows the built-in shapes; an extractor extends only its own matcher', async () => {
    const { CiamErrorMatcher, matcherFor } = await import('../lib/filters/ciam-error-matcher.js');
    const extract = (error: unknown) =>
      error === 'legacy' ? { code: 'ResourceNotFound' } : undefined;
    const matches = (matcher: unknown, value: unknown) =>
      (value as object) instanceof (matcher as never);
    const own = matcherFor(extract);
    expect(matches(own, 'legacy')).toBe(true);
    expect(matches(own, new CiamException('ResourceNotFound'))).toBe(true);
    expect(matches(own, new Error('x'))).toBe(false);
    expect(matches(CiamErrorMatcher, 'legacy')).toBe(false);
    expect(matches(CiamErrorMatcher, new CiamException('ResourceNotFound'))).toBe(true);
    const none = matcherFor(() => undefined);
    expect(matches(none, 'legacy')).toBe(false);
  });

  it('counts a throwing or async extractor as recognizing nothing', async () => {
    const { matcherFor } = await import('../lib/filters/ciam-error-matcher.js');
    const throwing = matcherFor(() => {
      throw new Error('extract bug');
    });
    const async = matcherFor((async () => ({ code: 'ResourceNotFound' })) as never);
    const legacy: unknown = 'legacy';
    expect((legacy as object) instanceof (throwing as never)).toBe(false);
    expect((legacy as object) instanceof (async as never)).toBe(false);
  });
});
