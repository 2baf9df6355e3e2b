import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { CiamErrorCode } from '../lib/catalog/ciam-error-catalog.interface.js';
import { CIAM_CODE_DEFAULTS } from '../lib/catalog/ciam-code-defaults.js';
import { CIAM_PUBLIC_CODES, isCiamNestError, isCiamProblem } from '../lib/client/index.js';
import type { CiamProblemBody, CiamPublicCode } from '../lib/client/index.js';
import { CiamException } from '../lib/extraction/ciam.exception.js';
import { CiamAuthException } from '../lib/extraction/ciam-auth.exception.js';
import { CIAM_AUTH_CODE_DEFAULTS } from '../lib/catalog/ciam-auth-code-defaults.js';
import type { CiamAuthErrorCode } from '../lib/catalog/ciam-auth-code-defaults.js';
import { unwrapCiamResponse } from '../lib/extraction/unwrap-ciam-response.util.js';
import { renderBody } from '../lib/transports/http-body.util.js';
import type { CiamProblem } from '../lib/interfaces/ciam-problem.interface.js';
import { CiamErrorMapper } from '../lib/mapper/ciam-error-mapper.service.js';
import { CiamErrorPresets } from '../lib/presets/ciam-error-presets.js';
import {
  ciamErrorResponse,
  sdkException,
  sdkNetworkException,
  sdkTimeoutException,
} from '../lib/testing/test-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Compile-time checks (npm run typecheck): the only public codes outside the catalog are the
// generic and preset ones, and the guard narrows to the wire type.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const outsideCatalog: Equal<
  Exclude<CiamPublicCode, CiamErrorCode | CiamAuthErrorCode>,
  'InternalServerError' | 'BadGateway' | 'GatewayTimeout' | 'InvalidCredentials' | 'SignUpConflict'
> = true;
function narrowed(value: unknown): number | undefined {
  return isCiamProblem(value) ? value.status : undefined;
}

/** Fails the build on any import that is not a relative file: packages and Node builtins. */
const relativeImportsOnly: Plugin = {
  name: 'relative-imports-only',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, ({ path, importer, kind }) =>
      kind === 'entry-point' || path.startsWith('./') || path.startsWith('../')
        ? undefined
        : { errors: [{ text: `${importer || '<stdin>'} imports "${path}"` }] },
    );
  },
};

const browserBuild = (options: BuildOptions) =>
  build({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: [],
    plugins: [relativeImportsOnly],
    ...options,
  });

describe('nestjs-ciam-errors/client in a browser bundle', () => {
  it('bundles from lib/client alone: no package, no Node builtin, not even transitively', async () => {
    const result = await browserBuild({ entryPoints: ['lib/client/index.ts'] });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs).toContain('lib/client/index.ts');
    expect(inputs.filter((input) => !input.startsWith('lib/client/'))).toEqual([]);
    const code = result.outputFiles![0]!.text;
    expect(code).toMatch(/export\s*{[^}]*isCiamProblem/);
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bReflect\.|@nestjs|node:/);
  }, 30_000);

  it('would fail on a Node builtin or on the server side (the check is not vacuous)', async () => {
    const importing = (contents: string) =>
      browserBuild({ stdin: { contents, resolveDir: ROOT, loader: 'ts' } });
    await expect(importing(`import 'node:http';`)).rejects.toThrow(/imports "node:http"/);
    await expect(importing(`import 'reflect-metadata';`)).rejects.toThrow(/reflect-metadata/);
    await expect(
      importing(`export { CiamErrorMapper } from './lib/mapper/ciam-error-mapper.service.ts';`),
    ).rejects.toThrow(/imports "@nestjs\/common"/);
  }, 30_000);
});

describe('isCiamProblem', () => {
  const mapper = new CiamErrorMapper({ logger: false });
  const host = {} as ArgumentsHost;
  const wire = (problem: CiamProblem, exposeUpstreamMessage = false): unknown =>
    JSON.parse(
      renderBody(problem, '/users/42', { ...mapper.options, exposeUpstreamMessage }, host).body,
    );
  const valid = (): Record<string, unknown> =>
    ({
      ...(wire(
        mapper.resolve(new CiamException('FailedOperation.UserNotFound', { requestId: 'req-1' }))!,
      ) as object),
    }) as Record<string, unknown>;

  it('narrows to the wire type', () => {
    expect([outsideCatalog, narrowed(valid())]).toEqual([true, 404]);
  });

  it('accepts the bodies the server renders', () => {
    const shown = wire(
      mapper.resolve(
        new CiamException('FailedOperation.UserNotFound', {
          requestId: 'req-1',
          upstreamMessage: 'User not found.',
        }),
      )!,
      true,
    );
    expect(shown).toMatchObject({ requestId: 'req-1', upstreamMessage: 'User not found.' });
    expect(isCiamProblem(shown)).toBe(true);
    const hidden = wire(mapper.resolve(sdkException('AuthFailure.SignatureFailure'))!);
    expect(hidden).toMatchObject({ status: 500, code: 'InternalServerError' });
    expect(isCiamProblem(hidden)).toBe(true);
    const timeout = wire(mapper.resolve(sdkTimeoutException())!);
    expect(timeout).not.toHaveProperty('requestId');
    expect(isCiamProblem(timeout)).toBe(true);
    const body: CiamProblemBody = { ...(timeout as CiamProblemBody), code: 'MyOwnCode' };
    expect(isCiamProblem(body)).toBe(true);
  });

  it.each(['type', 'title', 'status', 'detail', 'instance', 'code'])('rejects no %s', (field) => {
    const body = valid();
    delete body[field];
    expect(isCiamProblem(body)).toBe(false);
  });

  it.each([
    ['type', null],
    ['title', 1],
    ['detail', ['text']],
    ['instance', {}],
    ['code', 404],
    ['status', '404'],
    ['status', 1000],
    ['status', 99],
    ['status', 600],
    ['status', 404.5],
    ['status', Number.NaN],
    ['status', Number.POSITIVE_INFINITY],
    ['requestId', 42],
    ['requestId', null],
    ['upstreamMessage', { text: 'x' }],
  ])('rejects %s = %p', (field, value) => {
    expect(isCiamProblem({ ...valid(), [field]: value })).toBe(false);
  });

  it('rejects what is no object', () => {
    for (const value of [null, undefined, 'problem', 404, true, [], Object.assign([], valid())]) {
      expect(isCiamProblem(value)).toBe(false);
    }
  });

  it('never throws: proxies that throw, revoked proxies, throwing getters', () => {
    const trap = () => {
      throw new Error('trap');
    };
    const throwing = new Proxy(valid(), { get: trap, has: trap, getPrototypeOf: trap });
    const { proxy: revoked, revoke } = Proxy.revocable(valid(), {});
    revoke();
    const getter = Object.defineProperty(valid(), 'status', { get: trap });
    for (const value of [throwing, revoked, getter]) {
      expect(() => isCiamProblem(value)).not.toThrow();
      expect(isCiamProblem(value)).toBe(false);
    }
  });
});

describe('isCiamNestError', () => {
  const mapper = new CiamErrorMapper({ logger: false, format: 'nest' });
  const wire = (error: unknown): Record<string, unknown> =>
    JSON.parse(
      renderBody(mapper.resolve(error)!, '/users/42', mapper.options, {} as ArgumentsHost).body,
    ) as Record<string, unknown>;

  it("accepts the 'nest' bodies the server renders, and rejects problem bodies", () => {
    const body = wire(new CiamException('FailedOperation.UserNotFound', { requestId: 'req-1' }));
    expect(isCiamNestError(body)).toBe(true);
    expect(isCiamNestError(wire(sdkTimeoutException()))).toBe(true);
    expect(isCiamProblem(body)).toBe(false);
    const problem = JSON.parse(
      renderBody(
        new CiamErrorMapper({ logger: false }).resolve(new CiamException('ResourceNotFound'))!,
        '/',
        new CiamErrorMapper({ logger: false }).options,
        {} as ArgumentsHost,
      ).body,
    ) as unknown;
    expect(isCiamNestError(problem)).toBe(false);
  });

  it.each([
    ['message', 1],
    ['error', null],
    ['errorCode', 404],
    ['statusCode', '404'],
    ['statusCode', 600],
    ['requestId', 42],
  ])('rejects %s = %p', (field, value) => {
    const body = wire(new CiamException('FailedOperation.UserNotFound'));
    expect(isCiamNestError({ ...body, [field]: value })).toBe(false);
  });

  it('never throws', () => {
    const trap = () => {
      throw new Error('trap');
    };
    expect(isCiamNestError(new Proxy({}, { get: trap }))).toBe(false);
    expect(isCiamNestError(null)).toBe(false);
  });
});

describe('CIAM_PUBLIC_CODES', () => {
  const mapper = new CiamErrorMapper({ logger: false });

  /** Every code `resolve` answers with the default options, the presets and anything thrown. */
  function publicCodesOfADefaultServer(): string[] {
    const codes = new Set<string>();
    const add = (resolver: CiamErrorMapper, error: unknown) => {
      const problem = resolver.resolve(error);
      if (problem === undefined) throw new Error(`not resolved: ${String(error)}`);
      codes.add(problem.code);
    };
    const nonCiamBody = (() => {
      try {
        unwrapCiamResponse({ html: '<h1>502</h1>' });
      } catch (error) {
        return error;
      }
    })();
    for (const code of Object.keys(CIAM_CODE_DEFAULTS) as CiamErrorCode[]) {
      add(mapper, new CiamException(code));
      add(mapper, sdkException(code));
      add(mapper, ciamErrorResponse(code));
    }
    for (const error of Object.keys(CIAM_AUTH_CODE_DEFAULTS) as CiamAuthErrorCode[]) {
      add(mapper, new CiamAuthException(error));
    }
    for (const failure of [
      CiamAuthException.uncatalogued('', { status: 401, endpoint: 'token' }),
      CiamAuthException.uncatalogued('', { status: 401, endpoint: 'userinfo' }),
      CiamAuthException.uncatalogued('', { status: 404 }),
      CiamAuthException.uncatalogued('', { status: 200 }),
      CiamAuthException.uncatalogued('brand_new_error'),
      sdkTimeoutException(),
      sdkNetworkException(),
      sdkException(undefined, { httpCode: 503 }),
      sdkException(undefined, { httpCode: 404 }),
      CiamException.uncatalogued('FailedOperation.SomethingNew'),
      CiamException.uncatalogued('BrandNewCategory'),
      CiamException.uncatalogued('not a code'),
      nonCiamBody,
    ]) {
      add(mapper, failure);
    }
    codes.add(mapper.internalError('en').code);
    for (const overrides of Object.values(CiamErrorPresets)) {
      const preset = new CiamErrorMapper({ logger: false, overrides });
      for (const code of Object.keys(overrides))
        add(preset, new CiamException(code as CiamErrorCode));
    }
    return [...codes].sort();
  }

  it('is exactly what a server with the default options can send', () => {
    expect([...CIAM_PUBLIC_CODES].sort()).toEqual(publicCodesOfADefaultServer());
  });

  it('is frozen and without duplicates', () => {
    expect(Object.isFrozen(CIAM_PUBLIC_CODES)).toBe(true);
    expect(new Set(CIAM_PUBLIC_CODES).size).toBe(CIAM_PUBLIC_CODES.length);
  });
});
