import { describe, expect, it } from '@jest/globals';
import { formatLogLine, logLevelOf } from '../lib/filters/log-line.js';
import type { CiamProblem } from '../lib/index.js';

// The filter's log line, as a pure function: what support reads for every handled error.

const problem = (fields: Partial<CiamProblem> = {}): CiamProblem => ({
  status: 500,
  code: 'InternalServerError',
  upstreamCode: 'AuthFailure.SignatureFailure',
  title: 'Internal Server Error',
  detail: 'Something went wrong on our side. Please try again later.',
  locale: 'en',
  type: 'about:blank',
  retryable: false,
  requestId: 'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6',
  traceId: 'tc-1',
  upstreamMessage: 'The provided credentials could not be validated.',
  ...fields,
});

describe('formatLogLine', () => {
  it('names where, status, both codes, the ids and the upstream message', () => {
    expect(formatLogLine(problem(), 'GET /users/:id')).toBe(
      'GET /users/:id -> 500 InternalServerError upstreamCode=AuthFailure.SignatureFailure ' +
        'requestId=ed93f3cb-f35e-473f-b9f3-0d451b8b79c6 traceId=tc-1 ' +
        'upstreamMessage="The provided credentials could not be validated."',
    );
  });

  it('ends with the span ids inside a span', () => {
    const line = formatLogLine(problem(), 'graphql Query.user', { traceId: 'a1', spanId: 'b2' });
    expect(line.endsWith(' trace_id=a1 span_id=b2')).toBe(true);
  });

  it('writes dashes for what is missing, never the client text', () => {
    const line = formatLogLine(
      problem({
        upstreamCode: undefined,
        requestId: undefined,
        traceId: undefined,
        upstreamMessage: undefined,
      }),
      'rpc users.get',
    );
    expect(line).toBe(
      'rpc users.get -> 500 InternalServerError upstreamCode=- requestId=- traceId=- upstreamMessage=""',
    );
    expect(line).not.toContain('Something went wrong');
  });

  it('escapes line breaks, quotes and bidi controls, and drops ids that do not look like ids', () => {
    const line = formatLogLine(
      problem({ upstreamMessage: 'a\n"b"\u202e', requestId: 'x\r\nFAKE', code: 'C\u2028' }),
      'GET /a\nb',
    );
    expect(line).not.toMatch(/[\n\r\u2028\u202e]/);
    expect(line).toContain('GET /a\\nb -> 500 C\\u2028');
    expect(line).toContain('upstreamMessage="a\\n\\"b\\"\\u202e"');
    expect(line).toContain('requestId=-');
  });

  it('cuts the upstream message to 1,024 characters', () => {
    const line = formatLogLine(problem({ upstreamMessage: 'x'.repeat(5000) }), 'GET /');
    expect(line).toContain(`upstreamMessage="${'x'.repeat(1024)}"`);
    expect(line).not.toContain('x'.repeat(1025));
  });
});

describe('logLevelOf', () => {
  it.each([
    [500, 'error'],
    [502, 'error'],
    [429, 'warn'],
    [404, 'debug'],
    [200, 'debug'],
  ] as const)('%i is %s', (status, level) => {
    expect(logLevelOf(status)).toBe(level);
  });
});
