// Installs the packed package into scratch apps outside the repository and checks that a
// CiamException thrown by a controller reaches the client as it should:
// - NestJS 11, CommonJS, `require('nestjs-ciam-errors')` (Node >= 20.19 loads our ESM build);
// - NestJS 12, ESM, `import`.
// Prints `smoke: N passed, N failed` and exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'ciam-smoke-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const tarball = join(
  work,
  run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop(),
);

// The app, written without TypeScript: decorators applied by hand.
const appSource = (importLine) => `${importLine}
const { Controller, Get, Module } = common;
const { NestFactory } = core;
const { CiamErrorsModule, CiamException, CiamErrorMap } = ciam;

class UsersController {
  find() { throw new CiamException('FailedOperation.UserNotFound', { requestId: 'r-1' }); }
  crash() { throw new Error('not ours'); }
}
Get(':id')(UsersController.prototype, 'find', Object.getOwnPropertyDescriptor(UsersController.prototype, 'find'));
CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })(UsersController.prototype, 'find', Object.getOwnPropertyDescriptor(UsersController.prototype, 'find'));
Get('crash/now')(UsersController.prototype, 'crash', Object.getOwnPropertyDescriptor(UsersController.prototype, 'crash'));
Controller('users')(UsersController);
class AppModule {}
Module({ imports: [CiamErrorsModule.forRoot({ logger: false })], controllers: [UsersController] })(AppModule);

const checks = [];
const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
const res = await fetch(base + '/users/42', { headers: { 'accept-language': 'zh-CN' } });
const body = await res.json();
checks.push(['status 401 from the handler override', res.status === 401]);
checks.push(['problem+json', res.headers.get('content-type') === 'application/problem+json; charset=utf-8']);
checks.push(['code', body.code === 'FailedOperation.UserNotFound']);
checks.push(['zh-CN text', res.headers.get('content-language') === 'zh-CN' && /[\\u4e00-\\u9fff]/.test(body.detail)]);
const crash = await fetch(base + '/users/crash/now');
checks.push(['non-CIAM error untouched', crash.status === 500 && (await crash.json()).message === 'Internal server error']);
await app.close();
for (const [name, ok] of checks) console.log((ok ? 'ok   ' : 'FAIL ') + name);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
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
      "require('reflect-metadata'); const common = require('@nestjs/common'); const core = require('@nestjs/core'); const ciam = require('nestjs-ciam-errors');",
  },
  {
    name: 'nest12-esm',
    nest: '12',
    type: 'module',
    file: 'main.mjs',
    wrap: (src) => src,
    importLine:
      "import 'reflect-metadata'; import * as common from '@nestjs/common'; import * as core from '@nestjs/core'; import * as ciam from 'nestjs-ciam-errors';",
  },
];

let passed = 0;
let failed = 0;
try {
  for (const app of apps) {
    const dir = join(work, app.name);
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: app.name, private: true, type: app.type }),
    );
    run(
      'npm',
      [
        'install',
        '--silent',
        '--no-audit',
        '--no-fund',
        `@nestjs/common@^${app.nest}`,
        `@nestjs/core@^${app.nest}`,
        `@nestjs/platform-express@^${app.nest}`,
        'reflect-metadata',
        'rxjs',
        tarball,
      ],
      dir,
    );
    writeFileSync(join(dir, app.file), app.wrap(appSource(app.importLine)));
    try {
      const out = run('node', [app.file], dir);
      console.log(`${app.name}:\n${out.trimEnd()}`);
      passed += (out.match(/^ok /gm) ?? []).length;
      failed += (out.match(/^FAIL /gm) ?? []).length;
    } catch (error) {
      console.log(`${app.name}: crashed\n${error.stdout ?? ''}`);
      failed += 1;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
