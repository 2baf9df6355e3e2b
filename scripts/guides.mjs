// Builds each guide of the README and docs/ into a fresh app, as a reader pastes it, and checks
// that what the guide shows is what the app does:
// - packages come from the guide's `npm install` lines (this package from its tarball), on top
//   of what `nest new` installs for the template (NestJS 12 ESM, NestJS 11 CommonJS);
// - every ```ts/```js block that starts with `// <path>` (src/…, test/…, web/…, or a config file
//   at the top) becomes that file; a later block of the same path replaces an earlier one, as a
//   reader editing the file would;
// - src/ is compiled with the template's tsconfig, web/ with the DOM library; the app started from
//   dist/main.js (when there is one), each ```http example replayed against it in order (status,
//   the headers it lists, the body as JSON; `requestId` may differ but must be there), then the
//   guide's own check (scripts/guide-checks/) run against the running app.
// Used by scripts/smoke-packed.mjs; returns [name, ok, detail] checks.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const NEST_COMMON = ['reflect-metadata@^0.2.2', 'rxjs@^7.8.1', '@types/node@^20'];

/** What `nest new` makes: the packages, the package type and the compiler options. */
export const TEMPLATES = {
  // NestJS 12 (`nest new`, ESM).
  esm12: {
    packages: [
      '@nestjs/common@^12',
      '@nestjs/core@^12',
      '@nestjs/platform-express@^12',
      'typescript@^6',
      ...NEST_COMMON,
    ],
    type: 'module',
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      resolvePackageJsonExports: true,
      esModuleInterop: true,
      isolatedModules: true,
      declaration: true,
      removeComments: true,
      emitDecoratorMetadata: true,
      experimentalDecorators: true,
      allowSyntheticDefaultImports: true,
      target: 'ES2023',
      sourceMap: true,
      outDir: './dist',
      rootDir: './src',
      incremental: true,
      skipLibCheck: true,
      strict: true,
      strictPropertyInitialization: false,
      types: ['node'],
    },
  },
  // NestJS 11 (`nest new`, CommonJS under nodenext, TypeScript 5.9).
  cjs11: {
    packages: [
      '@nestjs/common@^11',
      '@nestjs/core@^11',
      '@nestjs/platform-express@^11',
      'typescript@~5.9.3',
      ...NEST_COMMON,
    ],
    type: 'commonjs',
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      resolvePackageJsonExports: true,
      esModuleInterop: true,
      isolatedModules: true,
      declaration: true,
      removeComments: true,
      emitDecoratorMetadata: true,
      experimentalDecorators: true,
      allowSyntheticDefaultImports: true,
      target: 'ES2023',
      sourceMap: true,
      outDir: './dist',
      rootDir: './src',
      incremental: true,
      skipLibCheck: true,
      strictNullChecks: true,
      forceConsistentCasingInFileNames: true,
      noImplicitAny: false,
      strictBindCallApply: false,
      noFallthroughCasesInSwitch: false,
      types: ['node'],
    },
  },
};

/** The code blocks of a markdown text: language and text, in order. */
export function codeBlocks(markdown) {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, text]) => ({
    lang,
    text,
  }));
}

/** The path a ts/js block names on its first line (`// src/app.module.ts`), if any. */
export function pathOf(block) {
  if (!['ts', 'js', 'proto'].includes(block.lang)) return undefined;
  const path =
    /^\/\/ ((?:src|test|web)\/[\w./-]+\.(?:ts|js|proto)|[\w.-]+\.(?:ts|js|cjs|mjs))\n/.exec(
      block.text,
    )?.[1];
  return path;
}

/** The blocks that are meant to be pasted whole: `{ path: text }`, the last of each path. */
export function sourceFiles(blocks) {
  const files = {};
  for (const block of blocks) {
    const path = pathOf(block);
    if (path) files[path] = block.text;
  }
  return files;
}

/**
 * The ts/js blocks that are neither a file nor marked as an excerpt (`// excerpt: …` on the first
 * line): snippets a reader would paste that nothing runs.
 */
export function unrunBlocks(blocks) {
  return blocks.filter(
    (block) =>
      ['ts', 'js'].includes(block.lang) && !pathOf(block) && !/^\/\/ excerpt/.test(block.text),
  );
}

/** The packages of a guide's `npm install` lines (```bash blocks), in order, each once. */
export function installLines(blocks) {
  const packages = [];
  for (const { lang, text } of blocks) {
    if (lang !== 'bash') continue;
    for (const [, line] of text.replace(/\\\n\s*/g, ' ').matchAll(/^npm install ([^#\n]*)/gm)) {
      // The packages up to a shell operator (`npm install && npm start` installs none).
      for (const name of line.trim().split(/\s+/)) {
        if (name === '' || /^[&|;]/.test(name)) break;
        const base = name.replace(/(.)@[^/]*$/, '$1'); // without its version range
        if (
          !name.startsWith('-') &&
          !packages.some((p) => p.replace(/(.)@[^/]*$/, '$1') === base)
        ) {
          packages.push(name);
        }
      }
    }
  }
  return packages;
}

/** One ```http example: the request to send and the answer it shows. */
export function parseExample(text) {
  const [requestPart, responsePart] = text.split(/\n(?=HTTP\/1\.1 \d{3})/);
  if (!responsePart) throw new Error(`an http example without an answer:\n${text}`);
  const parse = (part) => {
    const [head, ...rest] = part.split('\n\n');
    const [first, ...headerLines] = head.split('\n');
    const headers = Object.fromEntries(
      headerLines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    return { first, headers, body: rest.join('\n\n').trim() };
  };
  const request = parse(requestPart.trim());
  const response = parse(responsePart.trim());
  const [method, path] = request.first.split(' ');
  const status = Number(response.first.split(' ')[1]);
  return {
    method,
    path,
    requestHeaders: request.headers,
    requestBody: request.body,
    status,
    ...response,
  };
}

/** Compares an answer with an example; returns what differs, or undefined. */
export function compare(example, status, headers, body) {
  const problems = [];
  if (status !== example.status) problems.push(`status ${status}, expected ${example.status}`);
  for (const [name, value] of Object.entries(example.headers)) {
    if (headers.get(name) !== value)
      problems.push(`${name}: ${headers.get(name)}, expected ${value}`);
  }
  if (example.body === '') {
    if (body !== '') problems.push(`body ${JSON.stringify(body)}, expected none`);
  } else {
    let actual;
    try {
      actual = JSON.parse(body);
    } catch {
      problems.push(`body is not JSON: ${body}`);
    }
    const expected = JSON.parse(example.body);
    if (actual !== undefined) {
      // The upstream RequestId is new on every call: it must be there, with any value.
      if ('requestId' in expected) {
        if (typeof actual.requestId !== 'string' || actual.requestId === '') {
          problems.push('no requestId');
        }
        actual = { ...actual, requestId: expected.requestId };
      }
      if (!isDeepStrictEqual(actual, expected)) {
        problems.push(`body ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }
    }
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Waits until `url` answers at all, or the process exits. */
export async function waitForServer(url, child, output) {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  throw new Error(`the app did not start:\n${output()}`);
}

/** Starts `node <args>` in `dir`; `stop()` sends SIGTERM and waits (SIGKILL after 5 s). */
export function startNode(dir, args, env = {}) {
  let output = '';
  const child = spawn('node', args, {
    cwd: dir,
    env: { ...process.env, CIAM_ENDPOINT: '', NO_COLOR: '1', ...env },
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(true);
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          done(false);
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          done(child.signalCode === 'SIGTERM' || child.exitCode === 0);
        });
        child.kill('SIGTERM');
      }),
  };
}

const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * One guide on one template: the checks it passed or failed. `guide` is `{ doc, check?, node?,
 * env?, main? }`: `check(ctx)` returns more checks (ctx: dir, base, port, app, run, startNode).
 */
export async function runGuide({ root, tarball, dir, guide, template }) {
  const checks = [];
  const label = (name) => `${guide.doc} (${template}): ${name}`;
  const markdown = readFileSync(join(root, guide.doc), 'utf8');
  const blocks = codeBlocks(markdown);
  const files = sourceFiles(blocks);
  const examples = blocks.filter((b) => b.lang === 'http').map((b) => parseExample(b.text));
  const unrun = unrunBlocks(blocks);
  checks.push([
    label('every ts/js block is a file or a marked excerpt'),
    unrun.length === 0,
    unrun.map((b) => b.text.split('\n')[0]).join('\n'),
  ]);

  const settings = TEMPLATES[template];
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'guide', private: true, type: settings.type }),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: settings.compilerOptions, include: ['src'] }, null, 2),
  );
  const packages = installLines(blocks).map((name) =>
    name === 'nestjs-ciam-errors' ? tarball : name,
  );
  if (!packages.includes(tarball)) packages.push(tarball);
  run(
    'npm',
    ['install', '--silent', '--no-audit', '--no-fund', ...settings.packages, ...packages],
    dir,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  if (Object.keys(files).some((path) => path.startsWith('src/'))) {
    try {
      run('node', [tsc, '-p', 'tsconfig.json'], dir);
      checks.push([label('src/ compiles with the nest new settings'), true, '']);
    } catch (error) {
      checks.push([
        label('src/ compiles with the nest new settings'),
        false,
        `${error.stdout}${error.stderr}`,
      ]);
      return checks;
    }
  }
  if (Object.keys(files).some((path) => path.startsWith('web/'))) {
    // Browser code: the DOM library, ES modules as a bundler reads them.
    writeFileSync(
      join(dir, 'tsconfig.web.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'DOM'],
          strict: true,
          skipLibCheck: true,
          outDir: './dist-web',
          rootDir: './web',
        },
        include: ['web'],
      }),
    );
    try {
      run('node', [tsc, '-p', 'tsconfig.web.json'], dir);
      mkdirSync(join(dir, 'dist-web'), { recursive: true });
      writeFileSync(join(dir, 'dist-web/package.json'), JSON.stringify({ type: 'module' }));
      checks.push([label('web/ compiles with the DOM library'), true, '']);
    } catch (error) {
      checks.push([
        label('web/ compiles with the DOM library'),
        false,
        `${error.stdout}${error.stderr}`,
      ]);
      return checks;
    }
  }

  const main = guide.main ?? 'dist/main.js';
  const env = typeof guide.env === 'function' ? await guide.env() : (guide.env ?? {});
  const ctx = { dir, run, startNode, label, env };
  if (!existsSync(join(dir, main))) {
    // A guide without an app of its own may still show answers: then they have nothing to answer.
    if (examples.length > 0) {
      checks.push([label(`its http examples have an app (${main}) to answer them`), false, '']);
    }
    if (guide.check) checks.push(...(await guide.check(ctx)));
    return checks;
  }
  const port = await freePort();
  const app = startNode(dir, [...(guide.node ?? []), main], { PORT: String(port), ...env });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, app.child, app.output);
    for (const example of examples) {
      const res = await fetch(base + example.path, {
        method: example.method,
        headers: example.requestHeaders,
        body: example.requestBody === '' ? undefined : example.requestBody,
      });
      const problem = compare(example, res.status, res.headers, await res.text());
      checks.push([
        label(`${example.method} ${example.path} answers ${example.status} as shown`),
        !problem,
        problem,
      ]);
    }
    if (guide.check) checks.push(...(await guide.check({ ...ctx, base, port, app })));
  } catch (error) {
    checks.push([label('the app answered'), false, `${error?.stack ?? error}\n${app.output()}`]);
  } finally {
    const stopped = await app.stop();
    checks.push([label('stops on SIGTERM'), stopped, app.output()]);
  }
  return checks;
}
