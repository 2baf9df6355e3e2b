import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import {
  CiamAuthException,
  CiamErrorMapper,
  CiamException,
  extractCiamError,
  unwrapCiamResponse,
} from '../lib/index.js';
import { rejection } from './emulator/emulator-client.util.js';
import { REQUEST_ID, envelope } from './fixtures/sdk-errors.js';

/**
 * A tiny stand-in for CIAM that answers by path, so that the real SDK client throws its real
 * exceptions.
 */
function startUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    const mode = req.headers['x-tc-action'];
    if (mode === 'Hang') return; // never answers: the client times out
    if (mode === 'Unavailable') {
      res.writeHead(503, 'Service Unavailable');
      res.end('down');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-tc-traceid': 'trace-42' });
    res.end(JSON.stringify(envelope('FailedOperation.UserNotFound', 'The user does not exist.')));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function clientFor(endpoint: string) {
  return new CommonClient(endpoint, '2022-03-31', {
    credential: { secretId: 'id', secretKey: 'key' },
    region: 'ap-guangzhou',
    profile: { httpProfile: { protocol: 'http://', endpoint, reqTimeout: 1 } },
  });
}

describe('extractCiamError with real Tencent Cloud SDK exceptions', () => {
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = await startUpstream();
    endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads code, message, requestId and traceId of an error answer', async () => {
    const error = await rejection(clientFor(endpoint).request('DescribeUserById', {}));
    expect(extractCiamError(error)).toEqual({
      code: 'FailedOperation.UserNotFound',
      upstreamMessage: 'The user does not exist.',
      requestId: REQUEST_ID,
      traceId: 'trace-42',
    });
  });

  it('reads a non-200 answer as an http failure', async () => {
    const error = await rejection(clientFor(endpoint).request('Unavailable', {}));
    expect(extractCiamError(error)).toMatchObject({ failure: 'http', httpCode: 503 });
    expect(extractCiamError(error)?.code).toBeUndefined();
  });

  it('reads a timeout as a timeout', async () => {
    const error = await rejection(clientFor(endpoint).request('Hang', {}));
    expect(extractCiamError(error)).toMatchObject({ failure: 'timeout' });
  });

  it('reads a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejection(clientFor(`127.0.0.1:${port}`).request('Any', {}));
    expect(extractCiamError(error)).toMatchObject({ failure: 'network' });
  });
});

describe('extractCiamError input shapes', () => {
  it('reads CiamException', () => {
    const error = new CiamException('FailedOperation.UserNotFound', {
      requestId: 'r',
      traceId: 't',
      upstreamMessage: 'm',
      params: { userId: 'u1' },
    });
    expect(extractCiamError(error)).toEqual({
      code: 'FailedOperation.UserNotFound',
      requestId: 'r',
      traceId: 't',
      upstreamMessage: 'm',
      params: { userId: 'u1' },
    });
  });

  it.each([
    ['thrown as is', envelope('ResourceNotFound')],
    ['at error.response.data (axios)', { response: { data: envelope('ResourceNotFound') } }],
    ['at error.response.body', { response: { body: envelope('ResourceNotFound') } }],
    ['at error.body', { body: envelope('ResourceNotFound') }],
    ['at error.data', { data: envelope('ResourceNotFound') }],
    [
      'on an Error at error.response.data',
      Object.assign(new Error('x'), { response: { data: envelope('ResourceNotFound') } }),
    ],
  ])('reads an envelope %s', (_where, error) => {
    expect(extractCiamError(error)).toMatchObject({
      code: 'ResourceNotFound',
      requestId: REQUEST_ID,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'FailedOperation.UserNotFound'],
    ['a plain Error', new Error('boom')],
    ['an Error with only requestId', Object.assign(new Error('x'), { requestId: 'r' })],
    ['a success envelope', { Response: { RequestId: 'r' } }],
    ['an object with a string Response', { Response: 'x' }],
  ])('ignores %s', (_what, value) => {
    expect(extractCiamError(value)).toBeUndefined();
  });

  it('does not throw on hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(extractCiamError(hostile)).toBeUndefined();
    const getter = Object.defineProperty({}, 'Response', {
      get() {
        throw new Error('trap');
      },
    });
    expect(extractCiamError(getter)).toBeUndefined();
  });

  it('builds either exception from a code that is no string, and reads it as unknown', () => {
    // What a JavaScript caller may pass on from a parsed body: neither may throw while building
    // its message (a symbol or a null-prototype object cannot be put in a template string).
    for (const odd of [Symbol('code'), Object.create(null), { toString: 1 }]) {
      const management = CiamException.uncatalogued(odd as string);
      expect(management.message).toBe(`CIAM error (${typeof odd})`);
      expect(extractCiamError(management)).toMatchObject({ code: '' });
      const auth = CiamAuthException.uncatalogued(odd as string, { status: odd as number });
      expect(auth.message).toBe('CIAM authentication error (HTTP ?)');
      expect(extractCiamError(auth)).toMatchObject({ code: '' });
    }
  });

  it('takes authHosts from a caller as given: new arrays, junk entries and no array do not throw', () => {
    // openid-client's ResponseBodyError, by shape, from a tenant host on a custom domain.
    const answer = (host: string) => ({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_grant',
      error_description: 'Wrong username or password',
      response: { url: `https://${host}/oauth2/token`, status: 400, headers: new Headers() },
    });
    expect(extractCiamError(answer('login.acme.example'))).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      expect(
        extractCiamError(answer('login.acme.example'), { authHosts: ['Login.Acme.Example'] }),
      ).toMatchObject({ code: 'invalid_grant', endpoint: 'token' });
    }
    const junk = [42, null, 'https://x/y', ' login.acme.example '] as unknown as string[];
    expect(extractCiamError(answer('login.acme.example'), { authHosts: junk })).toMatchObject({
      code: 'invalid_grant',
    });
    expect(
      extractCiamError(answer('a.tencentciam.com'), { authHosts: 'nope' as unknown as string[] }),
    ).toMatchObject({ code: 'invalid_grant' });
    expect(extractCiamError(answer('a.tencentciam.com'), { authHosts: [] })).toBeUndefined();
  });

  it('keeps a non-string envelope code out', () => {
    expect(extractCiamError(envelope(42))?.code).toBe('');
  });
});

describe('unwrapCiamResponse', () => {
  it('returns Response when it holds no Error', () => {
    expect(unwrapCiamResponse({ Response: { User: { UserId: 'u' }, RequestId: 'r' } })).toEqual({
      User: { UserId: 'u' },
      RequestId: 'r',
    });
  });

  it('throws the matching CiamException', () => {
    let thrown: unknown;
    try {
      unwrapCiamResponse(envelope('FailedOperation.UserNotFound', 'gone'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CiamException);
    expect(thrown).toMatchObject({
      code: 'FailedOperation.UserNotFound',
      requestId: REQUEST_ID,
      upstreamMessage: 'gone',
    });
  });

  it.each([null, 'text', {}, { Response: null }])(
    'throws for a body that is no envelope: %j',
    (body) => {
      expect(() => unwrapCiamResponse(body)).toThrow(CiamException);
    },
  );

  it.each([
    { Response: { Error: 'AuthFailure.SignatureFailure', RequestId: 'r' } },
    { Response: { Error: null, RequestId: 'r' } },
    { Response: { Error: false, RequestId: 'r' } },
    { Response: { Error: 0 } },
    { Response: [] },
    { Response: ['FailedOperation.UserNotFound'] },
  ])('treats a malformed Error or Response as an unknown upstream failure: %j', (body) => {
    let thrown: unknown;
    try {
      unwrapCiamResponse(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CiamException);
    // Unknown, so never echoed: the fallback status, hidden.
    const problem = new CiamErrorMapper({ logger: false }).resolve(thrown)!;
    expect(problem).toMatchObject({ status: 502, code: 'BadGateway' });
    expect(JSON.stringify(problem)).not.toContain('SignatureFailure');
  });
});
