// The Quick start replay (scripts/quickstart.mjs, run by the smoke test) must be able to fail:
// these cases feed its parser and comparison answers that differ from an example.
// @ts-expect-error: a plain .mjs script, without types
import { codeBlocks, compare, parseExample, sourceFiles } from '../scripts/quickstart.mjs';

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

describe('the Quick start replay', () => {
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

  it('takes the files from blocks that start with their src/ path', () => {
    const blocks = codeBlocks('```ts\n// src/a.ts\nexport {};\n```\n\n```ts\nconst b = 1;\n```\n');
    expect(sourceFiles(blocks)).toEqual({ 'src/a.ts': '// src/a.ts\nexport {};\n' });
  });
});
