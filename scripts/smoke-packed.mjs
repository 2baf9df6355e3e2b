// Tries the packed package the way users meet it, in scratch apps outside the repository:
// - NestJS 11 (CommonJS, `require`) and NestJS 12 (ESM, `import`) apps with the default logger:
//   a CiamException is answered as it should be, other errors are untouched, and the filter's
//   log line for a 500 appears (also with explicit log levels); without @nestjs/swagger, the main
//   entry loads and `nestjs-ciam-errors/swagger` fails with an error that names it; without
//   @opentelemetry/api (an optional peer, not installed here), an app that sets
//   `telemetry: { traces: true, metrics: true }` starts and answers the same, and logs nothing
//   about telemetry;
// - a tiny TypeScript consumer of both entries per module resolution users have (node10,
//   node16, nodenext as ESM and as CommonJS, bundler), on TypeScript 5.9 and 6;
// - every guide of the README and docs/, built into fresh NestJS 12 (ESM) and 11 (CommonJS) apps
//   and replayed (scripts/guides.mjs, scripts/guide-checks.mjs).
// Prints `smoke: N passed, N failed` and exits non-zero on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGuides } from './run-guides.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'ciam-smoke-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const install = (dir, packages, type) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type }));
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', ...packages], dir);
};

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n${detail}`}`);
  if (ok) passed += 1;
  else failed += 1;
};

const tarball = join(
  work,
  run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop(),
);

// The app, written without TypeScript: decorators applied by hand. It answers three requests,
// prints its own checks, and leaves the log lines on stdout/stderr for the runner to read.
const appSource = (importLine) => `${importLine}
const { Controller, Get, Module } = common;
const { NestFactory } = core;
const { CiamErrorsModule, CiamException, CiamErrorMap } = ciam;

class UsersController {
  find() { throw new CiamException('FailedOperation.UserNotFound', { requestId: 'r-1' }); }
  crash() { throw new Error('not ours'); }
  misconfigured() { throw new CiamException('AuthFailure.SignatureFailure', { requestId: 'smoke-500', upstreamMessage: 'check your signature' }); }
}
const route = (decorator, name) => decorator(UsersController.prototype, name, Object.getOwnPropertyDescriptor(UsersController.prototype, name));
route(Get(':id'), 'find');
route(CiamErrorMap({ 'FailedOperation.UserNotFound': 401 }), 'find');
route(Get('crash/now'), 'crash');
route(Get('misconfigured/now'), 'misconfigured');
Controller('users')(UsersController);
class AppModule {}
// CIAM_TELEMETRY=1: both signals asked for, in an app without @opentelemetry/api.
const options = process.env.CIAM_TELEMETRY ? { telemetry: { traces: true, metrics: true } } : {};
Module({ imports: [CiamErrorsModule.forRoot(options)], controllers: [UsersController] })(AppModule);

const levels = process.env.LOG_LEVELS;
const app = await NestFactory.create(AppModule, levels ? { logger: levels.split(',') } : undefined);
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
const checks = [];
const res = await fetch(base + '/users/42', { headers: { 'accept-language': 'zh-CN' } });
const body = await res.json();
checks.push(['status 401 from the handler override', res.status === 401]);
checks.push(['problem+json', res.headers.get('content-type') === 'application/problem+json; charset=utf-8']);
checks.push(['code', body.code === 'FailedOperation.UserNotFound']);
checks.push(['zh-CN text', res.headers.get('content-language') === 'zh-CN' && /[\\u4e00-\\u9fff]/.test(body.detail)]);
const crash = await fetch(base + '/users/crash/now');
checks.push(['non-CIAM error untouched', crash.status === 500 && (await crash.json()).message === 'Internal server error']);
const hidden = await fetch(base + '/users/misconfigured/now');
const hiddenBody = await hidden.text();
checks.push(['hidden code answered 500 without the upstream message', hidden.status === 500 && !hiddenBody.includes('signature')]);
const catalogJson = requireFromHere('nestjs-ciam-errors/catalog.json');
checks.push(['catalog.json ships with every code', Object.keys(catalogJson.codes).length === 93]);
checks.push(['the client entry loads and recognizes a problem', clientEntry.isCiamProblem(body)]);
// This app has no @nestjs/swagger (an optional peer): the swagger entry says so when imported.
const swaggerEntry = await import('nestjs-ciam-errors/swagger').then(() => 'loaded', (error) => String(error?.message));
checks.push(['the swagger entry, without @nestjs/swagger, fails naming it', swaggerEntry.includes("'@nestjs/swagger'")]);
const otelApi = await import('@opentelemetry/api').then(() => 'installed', () => 'absent');
checks.push(['the optional OpenTelemetry API is not installed here', otelApi === 'absent']);
await app.close();
for (const [name, ok] of checks) console.log('CHECK ' + (ok ? 'ok ' : 'FAIL ') + name);
`;

const apps = [
  {
    name: 'nest11-commonjs',
    nest: '11',
    type: 'commonjs',
    file: 'main.cjs',
    // CommonJS has no top-level await: wrap it.
    wrap: (src) => `(async () => {\n${src}\n})();`,
    importLine:
      "require('reflect-metadata'); const common = require('@nestjs/common'); const core = require('@nestjs/core'); const ciam = require('nestjs-ciam-errors'); const requireFromHere = require; const clientEntry = require('nestjs-ciam-errors/client');",
  },
  {
    name: 'nest12-esm',
    nest: '12',
    type: 'module',
    file: 'main.mjs',
    wrap: (src) => src,
    importLine:
      "import 'reflect-metadata'; import * as common from '@nestjs/common'; import * as core from '@nestjs/core'; import * as ciam from 'nestjs-ciam-errors'; import * as clientEntry from 'nestjs-ciam-errors/client'; import { createRequire } from 'node:module'; const requireFromHere = createRequire(import.meta.url);",
  },
];

/** The filter's line for the hidden 500, as the default Nest logger prints it. */
const LOG_LINE =
  /\[CiamErrors\].*GET \/users\/misconfigured\/now -> 500 InternalServerError upstreamCode=AuthFailure\.SignatureFailure requestId=smoke-500/;

function runApp(app, dir) {
  const runs = [
    { levels: '', telemetry: false },
    { levels: 'error,warn', telemetry: false },
    { levels: '', telemetry: true },
  ];
  for (const { levels, telemetry } of runs) {
    const label =
      `${app.name}${levels ? ` logger [${levels}]` : ' default logger'}` +
      (telemetry ? ', telemetry option without @opentelemetry/api' : '');
    const result = spawnSync('node', [app.file], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        LOG_LEVELS: levels,
        CIAM_TELEMETRY: telemetry ? '1' : '',
        NO_COLOR: '1',
      },
      timeout: 60_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    const checks = [...result.stdout.matchAll(/^CHECK (ok|FAIL) (.*)$/gm)];
    check(`${label}: the app ran`, result.status === 0 && checks.length === 10, output);
    for (const [, verdict, name] of checks) check(`${label}: ${name}`, verdict === 'ok');
    check(`${label}: one log line for the 500`, output.match(LOG_LINE) !== null, output);
    if (telemetry) {
      // The app's own lines, not its checks: nothing about the missing package.
      const logged = output.replace(/^CHECK .*$/gm, '');
      check(`${label}: logs nothing about telemetry`, !/telemetry/i.test(logged), output);
    }
  }
}

/** A consumer of both entries; `@ts-expect-error` proves the types are real, not `any`. */
const CONSUMER = `import { CiamErrorMap, CiamErrorsModule, CiamException } from 'nestjs-ciam-errors';
import type { CiamErrorCode, CiamProblem } from 'nestjs-ciam-errors';
import { sdkException, startCiamEmulator } from 'nestjs-ciam-errors/testing';
import type { CiamEmulator } from 'nestjs-ciam-errors/testing';
import { CIAM_PUBLIC_CODES, isCiamProblem } from 'nestjs-ciam-errors/client';
import type { CiamProblemBody, CiamPublicCode } from 'nestjs-ciam-errors/client';

const code: CiamErrorCode = 'FailedOperation.UserNotFound';
export const root = CiamErrorsModule.forRoot({ overrides: { [code]: 401 } });
export const thrown = new CiamException(code, { requestId: 'r' });
export const later = CiamException.uncatalogued('FailedOperation.SomethingNew');
export const fake: Error = sdkException('InternalError');
export const start: () => Promise<CiamEmulator> = () => startCiamEmulator();
export const none: CiamProblem | undefined = undefined;
export const body: CiamProblemBody | undefined = isCiamProblem({}) ? undefined : undefined;
export const shown: CiamPublicCode = CIAM_PUBLIC_CODES[0]!;
// @ts-expect-error a misspelt code does not compile
export const typo = new CiamException('FailedOperation.UserNotFoud');

@CiamErrorMap({ 'FailedOperation.UserIsFreeze': 423 })
export class SessionsController {}
`;

const MODES = [
  { name: 'node10 (module commonjs)', type: 'commonjs', options: { module: 'commonjs' } },
  { name: 'node16 ESM', type: 'module', options: { module: 'node16' } },
  { name: 'nodenext ESM', type: 'module', options: { module: 'nodenext' } },
  { name: 'nodenext CommonJS', type: 'commonjs', options: { module: 'nodenext' } },
  {
    name: 'bundler',
    type: 'module',
    options: { module: 'esnext', moduleResolution: 'bundler' },
  },
];

function typecheckConsumers(nestDir) {
  const compilers = [
    ['TypeScript 5.9', join(root, 'node_modules/typescript/bin/tsc')],
    ['TypeScript 6', join(nestDir, 'node_modules/typescript/bin/tsc')],
  ];
  for (const mode of MODES) {
    const dir = join(nestDir, 'consumers', mode.name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: mode.type }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    const compilerOptions = {
      ...mode.options,
      target: 'es2022',
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    };
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['consumer.ts'] }),
    );
    for (const [version, tsc] of compilers) {
      const result = spawnSync('node', [tsc, '-p', 'tsconfig.json'], {
        cwd: dir,
        encoding: 'utf8',
      });
      check(
        `types under ${mode.name}, ${version}`,
        result.status === 0,
        result.stdout + result.stderr,
      );
    }
  }
}

try {
  for (const app of apps) {
    const dir = join(work, app.name);
    const extra = app.nest === '12' ? ['typescript@^6', '@types/node@^20'] : [];
    install(
      dir,
      [
        `@nestjs/common@^${app.nest}`,
        `@nestjs/core@^${app.nest}`,
        `@nestjs/platform-express@^${app.nest}`,
        'reflect-metadata',
        'rxjs',
        ...extra,
        tarball,
      ],
      app.type,
    );
    writeFileSync(join(dir, app.file), app.wrap(appSource(app.importLine)));
    runApp(app, dir);
    if (app.nest === '12') typecheckConsumers(dir);
  }
  const guides = await runGuides({ root, tarball, work: join(work, 'guides') });
  for (const [name, ok, detail] of guides) check(`guide ${name}`, ok, detail);
} catch (error) {
  check('smoke run', false, String(error?.stack ?? error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
