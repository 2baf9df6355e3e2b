// The guides' replay (scripts/guides.mjs, run by the smoke test) must be able to fail: these
// cases feed its parser and comparison answers that differ from an example, and every guide
// must hold nothing a reader would paste that CI does not run.
import { readFileSync, readdirSync } from 'node:fs';
// @ts-expect-error: a plain .mjs script, without types
import { GUIDES } from '../scripts/guide-checks.mjs';
import {
  codeBlocks,
  compare,
  installLines,
  parseExample,
  sourceFiles,
  unrunBlocks,
  // @ts-expect-error: a plain .mjs script, without types
} from '../scripts/guides.mjs';

const EXAMPLE = `POST /users HTTP/1.1
Accept-Language: zh-CN
Content-Type: application/json

{"userName":"alice"}

HTTP/1.1 409 Conflict
Content-Type: application/problem+json; charset=utf-8
Content-Language: zh-CN

{"status":409,"code":"SignUpConflict",
 "requestId":"3f6c2a8e"}
`;

const answer = { status: 409, code: 'SignUpConflict', requestId: 'another-id' };
const headers = (extra: Record<string, string> = {}) =>
  new Headers({
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': 'zh-CN',
    ...extra,
  });

describe('the guides replay', () => {
  const example = parseExample(EXAMPLE);

  it('parses the request and the answer of an example', () => {
    expect(example).toMatchObject({
      method: 'POST',
      path: '/users',
      requestHeaders: { 'accept-language': 'zh-CN', 'content-type': 'application/json' },
      requestBody: '{"userName":"alice"}',
      status: 409,
    });
  });

  it('accepts the answer shown, whatever its requestId', () => {
    expect(compare(example, 409, headers(), JSON.stringify(answer))).toBeUndefined();
  });

  it.each([
    ['another status', 400, headers(), answer, /status 400/],
    [
      'another header value',
      409,
      headers({ 'content-language': 'en' }),
      answer,
      /content-language/,
    ],
    ['another body', 409, headers(), { ...answer, code: 'Other' }, /body/],
    ['no requestId', 409, headers(), { status: 409, code: 'SignUpConflict' }, /requestId/],
    ['a field more', 409, headers(), { ...answer, upstreamMessage: 'x' }, /body/],
  ])('reports %s', (_, status, hdrs, body, message) => {
    expect(compare(example, status, hdrs, JSON.stringify(body))).toMatch(message);
  });

  it('reports a body where the example shows none', () => {
    const empty = parseExample('POST /x HTTP/1.1\n\nHTTP/1.1 202 Accepted\n');
    expect(compare(empty, 202, new Headers(), '')).toBeUndefined();
    expect(compare(empty, 202, new Headers(), '{}')).toMatch(/expected none/);
  });

  it('takes the files from blocks that start with their path, the last of each path', () => {
    const blocks = codeBlocks(
      '```ts\n// src/a.ts\nexport {};\n```\n\n```ts\nconst b = 1;\n```\n' +
        '```ts\n// src/a.ts\nexport const a = 2;\n```\n```ts\n// excerpt: of main.ts\nx();\n```\n',
    );
    expect(sourceFiles(blocks)).toEqual({ 'src/a.ts': '// src/a.ts\nexport const a = 2;\n' });
    expect(unrunBlocks(blocks).map((b: { text: string }) => b.text)).toEqual(['const b = 1;\n']);
  });

  it('installs the packages of npm install lines, not of npm install && npm start', () => {
    const blocks = codeBlocks(
      '```bash\nnpm install && npm start   # try it\nnpm install a b@^2 \\\n  c\n# x\nnpm install b d # why\n```\n',
    );
    expect(installLines(blocks)).toEqual(['a', 'b@^2', 'c', 'd']);
  });
});

describe('the guides', () => {
  const docs = [
    'README.md',
    ...readdirSync('docs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it.each(docs)('%s has no ts/js block that CI does not build', (doc) => {
    const unrun = unrunBlocks(codeBlocks(readFileSync(doc, 'utf8')));
    expect(unrun.map((block: { text: string }) => block.text.split('\n')[0])).toEqual([]);
  });

  it.each(
    docs.filter(
      (doc) => Object.keys(sourceFiles(codeBlocks(readFileSync(doc, 'utf8')))).length > 0,
    ),
  )('%s, which has files, is replayed by CI', (doc) => {
    expect((GUIDES as { doc: string }[]).map((guide) => guide.doc)).toContain(doc);
  });
});
