// CiamErrorsModule's options at start-up: clear errors for bad values, copies of what was
// validated, and the warnings a risky map earns.
import { jest } from '@jest/globals';
import { Controller, Get, Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CiamErrorMap,
  CiamErrorMapper,
  CiamErrorsConfigError,
  CiamErrorsModule,
  CiamException,
} from '../lib/index.js';
import { resolveCiamErrorsOptions } from '../lib/options/module-options.util.js';
import { decoratedRoute, mapperWith, recordingLogger } from './fixtures/mappers.js';

/** Starts a testing module; a synchronous throw while building it counts as a rejection. */
const compile = async (build: () => Parameters<typeof Test.createTestingModule>[0]) =>
  Test.createTestingModule(build()).compile();

describe('start-up validation', () => {
  describe('reports values as given', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        ownKeys() {
          throw new Error('no');
        },
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    it.each([
      ['NaN', NaN, /fallbackStatus must be an integer HTTP status from 100 to 599, got NaN\./],
      ['Infinity', Infinity, /got Infinity\./],
      ['-Infinity', -Infinity, /got -Infinity\./],
      ['-0', -0, /got -0\./],
      ['99.5', 99.5, /got 99\.5\./],
      ['a string', '500', /got "500"\./],
      ['a symbol', Symbol('five hundred'), /got Symbol\(five hundred\)\./],
      ['a bigint', 500n, /got 500n\./],
      ['a function', () => 500, /got a function\./],
      [
        'a Proxy that throws on every trap',
        hostile,
        /fallbackStatus must be an integer HTTP status/,
      ],
    ])('fallbackStatus: %s', (_label, value, message) => {
      const attempt = () => resolveCiamErrorsOptions({ fallbackStatus: value });
      expect(attempt).toThrow(CiamErrorsConfigError);
      expect(attempt).toThrow(message);
    });

    it('in overrides and retryAfter too', () => {
      expect(() => resolveCiamErrorsOptions({ overrides: { ResourceNotFound: NaN } })).toThrow(
        /overrides\["ResourceNotFound"\] must be an integer HTTP status from 100 to 599, got NaN\./,
      );
      expect(() =>
        resolveCiamErrorsOptions({ overrides: { ResourceNotFound: { retryAfter: Infinity } } }),
      ).toThrow(/retryAfter must be whole seconds from 0 to 86400, got Infinity\./);
      expect(() =>
        resolveCiamErrorsOptions({ overrides: { ResourceNotFound: { status: null as never } } }),
      ).toThrow(/overrides\["ResourceNotFound"\]\.status must be .*, got null\./);
    });
  });

  describe('registerFilter and isGlobal are booleans', () => {
    it.each([
      ['forRoot registerFilter', () => CiamErrorsModule.forRoot({ registerFilter: 'no' as never })],
      ['forRoot isGlobal', () => CiamErrorsModule.forRoot({ isGlobal: 1 as never })],
      [
        'forRootAsync registerFilter',
        () =>
          CiamErrorsModule.forRootAsync({
            registerFilter: 'no' as never,
            useFactory: () => ({ logger: false as const }),
          }),
      ],
      [
        'forRootAsync isGlobal',
        () =>
          CiamErrorsModule.forRootAsync({
            isGlobal: 'yes' as never,
            useFactory: () => ({ logger: false as const }),
          }),
      ],
    ])('%s', async (name, module) => {
      const option = name.split(' ')[1]!;
      const start = compile(() => ({ imports: [module()] }));
      await expect(start).rejects.toThrow(CiamErrorsConfigError);
      await expect(compile(() => ({ imports: [module()] }))).rejects.toThrow(
        new RegExp(`${option} must be a boolean, got .+`),
      );
    });

    it('still boots with booleans and with the defaults', async () => {
      for (const registerFilter of [true, false, undefined]) {
        const ref = await compile(() => ({
          imports: [CiamErrorsModule.forRoot({ logger: false, registerFilter, isGlobal: true })],
        }));
        expect(ref.get(CiamErrorMapper)).toBeInstanceOf(CiamErrorMapper);
        await ref.close();
      }
    });
  });

  describe('copies and freezes what it validated', () => {
    /** An override whose `status` reads 404 once, then 999. */
    const shifty = () => {
      let reads = 0;
      return {
        get status() {
          return reads++ === 0 ? 404 : 999;
        },
      };
    };

    it('an override from the options', () => {
      const mapper = mapperWith({ overrides: { 'FailedOperation.UserNotFound': shifty() } });
      for (let i = 0; i < 3; i++) {
        expect(mapper.resolve(new CiamException('FailedOperation.UserNotFound'))!.status).toBe(404);
      }
    });

    it('an override changed after start-up', () => {
      const override = { status: 404, message: { en: 'first' } };
      const mapper = mapperWith({ uncataloguedOverrides: { 'Brand.New': override } });
      override.status = 999;
      override.message.en = 'second';
      expect(mapper.resolve(CiamException.uncatalogued('Brand.New'))).toMatchObject({
        status: 404,
        detail: 'first',
      });
    });

    it('an override from @CiamErrorMap', () => {
      const route = decoratedRoute({}, { 'FailedOperation.UserNotFound': shifty() });
      const problem = mapperWith().resolve(
        new CiamException('FailedOperation.UserNotFound'),
        route,
      );
      expect(problem!.status).toBe(404);
    });

    it('messages', () => {
      let reads = 0;
      const messages = {
        en: {
          get ResourceNotFound() {
            return reads++ === 0 ? 'Valid text.' : (42 as unknown as string);
          },
        },
      };
      const mapper = mapperWith({ messages });
      expect(mapper.resolve(new CiamException('ResourceNotFound'))!.detail).toBe('Valid text.');
      expect(Object.isFrozen(mapper.options.messages)).toBe(true);
      expect(Object.isFrozen(mapper.options.messages!.en)).toBe(true);
    });

    it('the options object itself', () => {
      const { logger } = recordingLogger();
      let reads = 0;
      const options = {
        get logger() {
          return reads++ === 0 ? logger : ('not a logger' as never);
        },
      };
      const mapper = new CiamErrorMapper(options);
      expect(mapper.logger).toBe(logger);
      expect(mapper.options.logger).toBe(logger);
      expect(Object.isFrozen(mapper.options)).toBe(true);
      for (const override of mapper.options.overrideTable.values()) {
        expect(Object.isFrozen(override)).toBe(true);
      }
    });
  });

  describe('typeBaseUrl', () => {
    it.each([
      'javascript:alert(1)//',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://errors.example.com/ciam',
      'mailto:ops@example.com',
      '/relative/path',
      'https://errors.example.com/ci am',
      'https://errors.example.com/\nciam',
      'urn:',
    ])('rejects %j', (typeBaseUrl) => {
      expect(() => resolveCiamErrorsOptions({ typeBaseUrl })).toThrow(
        /typeBaseUrl must be an absolute http: or https: URL or a urn: URN/,
      );
    });

    it.each([
      ['https://errors.example.com/ciam/', 'https://errors.example.com/ciam/ResourceNotFound'],
      ['http://localhost:3000/errors', 'http://localhost:3000/errors/ResourceNotFound'],
      ['HTTPS://errors.example.com', 'HTTPS://errors.example.com/ResourceNotFound'],
      ['urn:example:ciam-errors', 'urn:example:ciam-errors/ResourceNotFound'],
    ])('accepts %j', (typeBaseUrl, type) => {
      const problem = mapperWith({ typeBaseUrl }).resolve(new CiamException('ResourceNotFound'));
      expect(problem!.type).toBe(type);
    });
  });

  describe('logger', () => {
    it.each([
      [{ error() {} }, /logger .*has no warn, log method/],
      [{ error() {}, warn() {} }, /logger .*has no log method/],
      [{ log() {}, warn() {} }, /logger .*has no error method/],
      [{ log: 1, warn() {}, error() {} }, /logger .*has no log method/],
      ['console', /logger must be false or a LoggerService/],
    ])('rejects %p', (logger, message) => {
      expect(() => resolveCiamErrorsOptions({ logger })).toThrow(message);
    });

    it('rejects it at module start-up too', async () => {
      await expect(
        compile(() => ({
          imports: [CiamErrorsModule.forRoot({ logger: { error() {} } as never })],
        })),
      ).rejects.toThrow(/logger .*has no warn, log method/);
    });

    it('leaves debug, verbose and fatal optional', () => {
      const { logger } = recordingLogger();
      expect(new CiamErrorMapper({ logger }).logger).toBe(logger);
    });
  });

  describe('warns once when a prefix override exposes codes the catalog hides', () => {
    it('for the overrides option, at construction', () => {
      const { logger, lines } = recordingLogger();
      const mapper = new CiamErrorMapper({
        logger,
        overrides: { FailedOperation: { expose: true } },
      });
      expect(lines.warn).toHaveLength(1);
      expect(lines.warn[0]).toMatch(/overrides/);
      expect(lines.warn[0]).toContain('FailedOperation.InvalidTenant');
      expect(lines.warn[0]).toContain('FailedOperation.InvalidUserStore');
      // The warning is about exposure: the code is indeed shown.
      expect(mapper.resolve(new CiamException('FailedOperation.InvalidTenant'))!.code).toBe(
        'FailedOperation.InvalidTenant',
      );
      mapper.resolve(new CiamException('FailedOperation.InvalidUserStore'));
      expect(lines.warn).toHaveLength(1);
    });

    it('names only the codes the map does not hide again, and not exact keys', () => {
      const { logger, lines } = recordingLogger();
      new CiamErrorMapper({
        logger,
        overrides: {
          FailedOperation: { expose: true },
          'FailedOperation.InvalidTenant': { expose: false },
          'AuthFailure.SignatureFailure': { expose: true },
        },
      });
      expect(lines.warn).toHaveLength(1);
      expect(lines.warn[0]).toContain('FailedOperation.InvalidUserStore');
      expect(lines.warn[0]).not.toContain('FailedOperation.InvalidTenant');
      expect(lines.warn[0]).not.toContain('AuthFailure.SignatureFailure');
    });

    it('says nothing for exact keys or a prefix without expose', () => {
      const { logger, lines } = recordingLogger();
      new CiamErrorMapper({
        logger,
        overrides: { 'FailedOperation.InvalidTenant': { expose: true }, AuthFailure: 401 },
      });
      expect(lines.warn).toEqual([]);
    });

    it('through the Nest Logger (context CiamErrors) by default, and not with logger: false', () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
      try {
        new CiamErrorMapper({ overrides: { AuthFailure: { expose: true } } });
        expect(warn).toHaveBeenCalledTimes(1);
        expect((warn.mock.contexts[0] as Logger & { context?: string }).context).toBe('CiamErrors');
        expect(String(warn.mock.calls[0]![0])).toContain('AuthFailure.SignatureFailure');
        new CiamErrorMapper({ logger: false, overrides: { AuthFailure: { expose: true } } });
        expect(warn).toHaveBeenCalledTimes(1);
      } finally {
        warn.mockRestore();
      }
    });

    it('at module start-up', async () => {
      const { logger, lines } = recordingLogger();
      const ref = await compile(() => ({
        imports: [
          CiamErrorsModule.forRoot({ logger, overrides: { FailedOperation: { expose: true } } }),
        ],
      }));
      expect(lines.warn).toHaveLength(1);
      expect(lines.warn[0]).toContain('FailedOperation.InvalidTenant');
      await ref.close();
    });

    it('for a @CiamErrorMap map, once, when its route table is first built', () => {
      const { logger, lines } = recordingLogger();
      const mapper = new CiamErrorMapper({ logger });
      @CiamErrorMap({ RequestLimitExceeded: { expose: true } })
      class Controller {
        @CiamErrorMap({ ResourceNotFound: 410 })
        first() {}
        @CiamErrorMap({ ResourceNotFound: 411 })
        second() {}
      }
      expect(lines.warn).toEqual([]);
      for (const handler of [Controller.prototype.first, Controller.prototype.second]) {
        for (let i = 0; i < 3; i++) {
          mapper.resolve(new CiamException('RequestLimitExceeded.UinLimitExceeded'), {
            controller: Controller,
            handler,
          });
        }
      }
      expect(lines.warn).toHaveLength(1);
      expect(lines.warn[0]).toContain('@CiamErrorMap');
      expect(lines.warn[0]).toContain('RequestLimitExceeded.UinLimitExceeded');
      expect(lines.warn[0]).toContain('RequestLimitExceeded.IPLimitExceeded');
    });

    it('for the @CiamErrorMap maps of controllers and providers, when the app starts', async () => {
      const { logger, lines } = recordingLogger();
      @CiamErrorMap({ RequestLimitExceeded: { expose: true } })
      @Controller('exposing')
      class ExposingController {
        @Get()
        @CiamErrorMap({ AuthFailure: { expose: true } })
        get() {}

        @Get('quiet')
        @CiamErrorMap({ 'FailedOperation.InvalidTenant': { expose: true } })
        quiet() {}
      }
      // A resolver or gateway: a provider whose methods carry maps.
      @Injectable()
      class ExposingResolver {
        @CiamErrorMap({ FailedOperation: { expose: true } })
        user() {}
      }
      const ref = await compile(() => ({
        imports: [CiamErrorsModule.forRoot({ logger })],
        controllers: [ExposingController],
        providers: [ExposingResolver],
      }));
      expect(lines.warn).toEqual([]); // nothing before the app starts
      const app = await ref.createNestApplication({ logger: false }).init();
      try {
        expect(lines.warn).toHaveLength(3);
        expect(lines.warn.join('\n')).toContain('@CiamErrorMap on ExposingController exposes');
        expect(lines.warn.join('\n')).toContain('@CiamErrorMap on ExposingController.get exposes');
        expect(lines.warn.join('\n')).toContain('@CiamErrorMap on ExposingResolver.user exposes');
        expect(lines.warn.join('\n')).toContain('FailedOperation.InvalidUserStore');
        // Once per map: the first failure on the route says nothing more.
        const mapper = app.get(CiamErrorMapper);
        mapper.resolve(new CiamException('AuthFailure.SignatureFailure'), {
          controller: ExposingController,
          handler: ExposingController.prototype.get,
        });
        expect(lines.warn).toHaveLength(3);
      } finally {
        await app.close();
      }
    });

    it('never stops the app when the review fails, and says why', async () => {
      const { logger, lines } = recordingLogger();
      @Injectable()
      class Hostile {}
      // A class whose prototype chain cannot be listed once Nest has scanned it.
      let hostile = false;
      Object.setPrototypeOf(
        Hostile.prototype,
        new Proxy(Object.create(null) as object, {
          ownKeys(target) {
            if (hostile) throw new Error('no keys for you');
            return Reflect.ownKeys(target);
          },
        }),
      );
      // Hostile only from the init hooks on, after Nest's own scans and before the review.
      @Injectable()
      class TurnHostile {
        onModuleInit() {
          hostile = true;
        }
      }
      const ref = await compile(() => ({
        imports: [CiamErrorsModule.forRoot({ logger })],
        providers: [{ provide: 'hostile', useValue: 1 }, Hostile, TurnHostile],
      }));
      const app = await ref.createNestApplication({ logger: false }).init();
      await app.close();
      expect(lines.error.join('\n')).toMatch(/start-up review of @CiamErrorMap .*no keys for you/);
    });
  });
});
