// Builds the README's Quick start into a fresh NestJS 12 app (ESM, as `nest new` makes it today)
// and replays every ```http example of the README against it, so the README cannot drift:
// - the packages come from the Quick start's `npm install` line (the package from its tarball);
// - every ```ts block that starts with `// src/<file>` becomes that file;
// - the app is compiled with the template's tsconfig and TypeScript 6, started on a free port,
//   and each example's request is sent in order; its status, the headers it lists and its body
//   (JSON compared as values; `requestId` may differ but must be present) must match.
// Used by scripts/smoke-packed.mjs; returns [name, ok, detail] checks.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** `nest new --type esm` (NestJS 12): package type and compiler options, less its test runner. */
const TEMPLATE_PACKAGES = [
  '@nestjs/common@^12',
  '@nestjs/core@^12',
  '@nestjs/platform-express@^12',
  'reflect-metadata@^0.2.2',
  'rxjs@^7.8.1',
  'typescript@^6',
  '@types/node@^20',
];
const TEMPLATE_TSCONFIG = {
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
    rootDir: '.',
    incremental: true,
    skipLibCheck: true,
    strict: true,
    strictPropertyInitialization: false,
    types: ['node'],
  },
};
const TEMPLATE_BUILD_TSCONFIG = {
  extends: './tsconfig.json',
  compilerOptions: { rootDir: './src' },
  include: ['src'],
};

/** The README's code blocks: language and text. */
export function codeBlocks(markdown) {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, text]) => ({
    lang,
    text,
  }));
}

/** `// src/app.module.ts` blocks → { path: text }. */
export function sourceFiles(blocks) {
  const files = {};
  for (const { lang, text } of blocks) {
    const path = lang === 'ts' ? /^\/\/ (src\/[\w./-]+\.ts)\n/.exec(text)?.[1] : undefined;
    if (path) files[path] = text;
  }
  return files;
}

/** The packages of the Quick start's `npm install` line. */
export function installLine(quickstart) {
  const line = /^npm install (.+)$/m.exec(quickstart)?.[1];
  if (!line) throw new Error('the Quick start has no `npm install` line');
  return line.split(/\s+/);
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

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForServer(url, child, output) {
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

export async function runQuickstart({ root, tarball, dir }) {
  const checks = [];
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Quick start');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) return [['the README has a Quick start', false, '']];
  const quickstart = readme.slice(start, end);
  const examples = codeBlocks(quickstart)
    .filter((block) => block.lang === 'http')
    .map((block) => parseExample(block.text));
  // Every `// src/…` block of the README, so that examples outside the Quick start compile too.
  const files = sourceFiles(codeBlocks(readme));
  checks.push([
    'has files and examples',
    Object.keys(files).length >= 4 && examples.length >= 4,
    '',
  ]);

  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'quickstart', private: true, type: 'module' }),
  );
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
  writeFileSync(join(dir, 'tsconfig.build.json'), JSON.stringify(TEMPLATE_BUILD_TSCONFIG, null, 2));
  const packages = installLine(quickstart).map((name) =>
    name === 'nestjs-ciam-errors' ? tarball : name,
  );
  execFileSync(
    'npm',
    ['install', '--silent', '--no-audit', '--no-fund', ...TEMPLATE_PACKAGES, ...packages],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  try {
    execFileSync('node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    checks.push(['compiles with the nest new (ESM) settings', true, '']);
  } catch (error) {
    checks.push([
      'compiles with the nest new (ESM) settings',
      false,
      `${error.stdout}${error.stderr}`,
    ]);
    return checks;
  }

  const port = await freePort();
  let output = '';
  const child = spawn('node', ['dist/main.js'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), CIAM_ENDPOINT: '', NO_COLOR: '1' },
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, child, () => output);
    for (const example of examples) {
      const res = await fetch(base + example.path, {
        method: example.method,
        headers: example.requestHeaders,
        body: example.requestBody === '' ? undefined : example.requestBody,
      });
      const problem = compare(example, res.status, res.headers, await res.text());
      checks.push([
        `${example.method} ${example.path} answers ${example.status} as shown`,
        !problem,
        problem,
      ]);
    }
  } catch (error) {
    checks.push(['the app answered', false, String(error?.message ?? error)]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
  checks.push(['stops on SIGTERM', child.signalCode === 'SIGTERM' || child.exitCode === 0, output]);
  return checks;
}
