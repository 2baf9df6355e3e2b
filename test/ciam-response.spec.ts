import type { ArgumentsHost } from '@nestjs/common';
import { renderBody } from '../lib/transports/http-body.util.js';
import type { CiamProblem } from '../lib/index.js';
import { resolveCiamErrorsOptions } from '../lib/options/module-options.util.js';

const host = {} as ArgumentsHost;
const tricky: CiamProblem = {
  status: 409,
  code: 'Account.Locked',
  title: 'Con"flict\\',
  detail: 'Line one\nline two — “quoted” \u2028 </script> 该账号已被锁定。',
  locale: 'zh-CN',
  type: 'https://errors.example.com/ciam/Account.Locked',
  retryable: false,
  requestId: 'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6',
  upstreamMessage: 'upstream "text"\r\n',
};

describe('renderBody', () => {
  it('writes the problem format exactly as JSON.stringify would', () => {
    const { body, contentType } = renderBody(
      tricky,
      '/users/"x"',
      resolveCiamErrorsOptions({}),
      host,
    );
    expect(contentType).toBe('application/problem+json; charset=utf-8');
    expect(body).toBe(
      JSON.stringify({
        type: tricky.type,
        title: tricky.title,
        status: 409,
        detail: tricky.detail,
        instance: '/users/"x"',
        code: tricky.code,
        requestId: tricky.requestId,
      }),
    );
  });

  it('writes the nest format, with upstreamMessage when exposed', () => {
    const options = resolveCiamErrorsOptions({ format: 'nest', exposeUpstreamMessage: true });
    expect(renderBody(tricky, '/', options, host).body).toBe(
      JSON.stringify({
        message: tricky.detail,
        error: tricky.title,
        statusCode: 409,
        errorCode: tricky.code,
        requestId: tricky.requestId,
        upstreamMessage: tricky.upstreamMessage,
      }),
    );
  });

  it('leaves out a requestId that does not look like an id, and survives mangled fields', () => {
    const mangled = {
      ...tricky,
      requestId: 'x"}, "admin": true',
      title: undefined,
    } as unknown as CiamProblem;
    const parsed = JSON.parse(renderBody(mangled, '/', resolveCiamErrorsOptions({}), host).body);
    expect(parsed.requestId).toBeUndefined();
    expect(parsed.admin).toBeUndefined();
    expect(parsed.title).toBeNull();
  });
});
