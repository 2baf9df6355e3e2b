import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { ciam } from 'tencentcloud-sdk-nodejs';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { CiamErrorMapper, extractCiamError } from '../lib/index.js';
import { sdkNetworkException, sdkTimeoutException } from '../lib/testing/index.js';
import { rejection } from './emulator/emulator-client.util.js';

// Every failure below is produced by the real SDK (or by node-fetch itself) against servers on
// 127.0.0.1; host names are resolved to the loopback by the agent, never by DNS.

/** How the stand-in upstream answers, chosen per client with the `x-test-answer` header. */
type Answer =
  | 'hang' // never answers: request timeout
  | 'not-json' // 200 with an HTML page
  | 'no-response' // 200 with JSON that has no Response object
  | 'unavailable' // 503
  | 'cut-chunk' // 200 chunked, connection closed mid-body
  | 'reset-body' // 200 with Content-Length, connection reset mid-body
  | 'cut-length'; // 200 with Content-Length, connection closed short of it

function startUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    const answer = (req.headers['x-test-answer'] ?? 'not-json') as Answer;
    const partial = (headers: Record<string, string>, close: 'destroy' | 'resetAndDestroy') => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.write('{"Response":');
      setTimeout(() => res.socket?.[close](), 10);
    };
    switch (answer) {
      case 'hang':
        return;
      case 'no-response':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"RequestId":"r-1"}');
        return;
      case 'unavailable':
        res.writeHead(503, 'Service Unavailable');
        res.end('down');
        return;
      case 'cut-chunk':
        return partial({}, 'destroy');
      case 'reset-body':
        return partial({ 'content-length': '100' }, 'resetAndDestroy');
      case 'cut-length':
        return partial({ 'content-length': '100' }, 'destroy');
      default:
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>502 Bad Gateway</body></html>');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** Also keeps the SDK off any `http_proxy` of the environment. */
const agent = new Agent({ lookup: toLoopback });

const CLIENTS = ['ciam.v20220331.Client', 'CommonClient'] as const;
type ClientKind = (typeof CLIENTS)[number];

/** The error the real SDK client of `kind` throws for `ListUserStore` against `endpoint`. */
function sdkFailure(kind: ClientKind, endpoint: string, answer: Answer = 'hang'): Promise<any> {
  const config = {
    credential: { secretId: 'id', secretKey: 'key' },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: {
        protocol: 'http://',
        endpoint,
        reqTimeout: 1,
        agent,
        headers: { 'x-test-answer': answer },
      },
    },
  };
  const call =
    kind === 'CommonClient'
      ? new CommonClient(endpoint, '2022-03-31', config).request('ListUserStore', {})
      : new ciam.v20220331.Client(config).ListUserStore();
  return rejection(call);
}

type NodeFetch = (url: string) => Promise<{ json(): Promise<unknown> }>;

/** node-fetch 2 ships no types; this is the very copy the SDK requires. */
async function loadNodeFetch(): Promise<NodeFetch> {
  const specifier: string = 'node-fetch';
  return ((await import(specifier)) as { default: NodeFetch }).default;
}

const mapper = new CiamErrorMapper({ logger: false });

describe('transport failures of the real Tencent Cloud SDK', () => {
  let server: Server;
  let local: string; // 127.0.0.1:<port>, a custom endpoint
  let ciamHost: string; // the CIAM production host name, on the loopback
  let closedPort: number;

  beforeAll(async () => {
    server = await startUpstream();
    const { port } = server.address() as AddressInfo;
    local = `127.0.0.1:${port}`;
    ciamHost = `ciam.tencentcloudapi.com:${port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });

  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  describe.each(CLIENTS)('%s', (kind) => {
    it('reads a request timeout as a timeout → 504', async () => {
      const error = await sdkFailure(kind, local, 'hang');

      expect(error.message).toMatch(/^network timeout at: /);
      expect(extractCiamError(error)).toMatchObject({ failure: 'timeout' });
      expect(mapper.resolve(error)).toMatchObject({ status: 504, retryable: true });
    });

    it.each([
      ['a host', () => `timeout.localhost:${closedPort}`],
      ['a path', () => `127.0.0.1:${closedPort}/timeout`],
    ])(
      'reads a refused connection with "timeout" in %s as a network failure → 502',
      async (_where, endpoint) => {
        const error = await sdkFailure(kind, endpoint());

        expect(error.message).toMatch(/\/\/.*timeout.* failed, reason: connect ECONNREFUSED /);
        expect(extractCiamError(error)).toMatchObject({ failure: 'network' });
        expect(mapper.resolve(error)).toMatchObject({ status: 502, retryable: true });
      },
    );

    it('reads a 200 body that is not JSON as an invalid response → 502', async () => {
      const error = await sdkFailure(kind, local, 'not-json');

      expect(error).toMatchObject({ name: 'FetchError', type: 'invalid-json' });
      expect(extractCiamError(error)).toEqual({
        failure: 'invalid-response',
        upstreamMessage: expect.stringMatching(/^invalid json response body at http:\/\/127/),
      });
      expect(mapper.resolve(error)).toMatchObject({ status: 502, retryable: true });
    });

    it('reads JSON without Response as an invalid response → 502', async () => {
      const error = await sdkFailure(kind, local, 'no-response');

      expect(error).toBeInstanceOf(TypeError);
      expect(extractCiamError(error)).toMatchObject({ failure: 'invalid-response' });
      expect(mapper.resolve(error)).toMatchObject({ status: 502, retryable: true });
    });

    it('still reads a non-200 answer as an http failure → 502', async () => {
      const error = await sdkFailure(kind, local, 'unavailable');

      expect(extractCiamError(error)).toMatchObject({ failure: 'http', httpCode: 503 });
      expect(mapper.resolve(error)).toMatchObject({ status: 502, retryable: true });
    });

    // node-fetch raises these from a stream event, so no SDK frame is on the stack: only the
    // CIAM host in the URL tells them apart from an app's own fetch.
    it.each([
      ['closed mid-chunk', 'cut-chunk', 'ERR_STREAM_PREMATURE_CLOSE'],
      ['reset mid-body', 'reset-body', 'ECONNRESET'],
    ] as const)(
      'reads a body %s on the CIAM host as a network failure → 502',
      async (_how, answer, code) => {
        const error = await sdkFailure(kind, ciamHost, answer);

        expect(error).toMatchObject({ name: 'FetchError', type: 'system', code });
        expect(extractCiamError(error)).toMatchObject({ failure: 'network' });
        expect(mapper.resolve(error)).toMatchObject({ status: 502, retryable: true });
      },
    );

    it('reads a body cut short of its Content-Length on the CIAM host as a timeout → 504', async () => {
      // node-fetch 2 does not notice the early close and waits for the rest until reqTimeout.
      const error = await sdkFailure(kind, ciamHost, 'cut-length');

      expect(error).toMatchObject({ name: 'FetchError', type: 'body-timeout' });
      expect(extractCiamError(error)).toMatchObject({ failure: 'timeout' });
      expect(mapper.resolve(error)).toMatchObject({ status: 504, retryable: true });
    });

    it('cannot tell a cut body behind a custom endpoint, and leaves it to Nest', async () => {
      const error = await sdkFailure(kind, local, 'cut-chunk');

      expect(error).toMatchObject({ name: 'FetchError', code: 'ERR_STREAM_PREMATURE_CLOSE' });
      expect(extractCiamError(error)).toBeUndefined();
    });
  });

  describe('with a small Error.stackTraceLimit', () => {
    let saved: number;
    beforeAll(() => {
      saved = Error.stackTraceLimit;
    });
    afterAll(() => {
      Error.stackTraceLimit = saved;
    });

    it('still finds the SDK frame with 3 frames', async () => {
      Error.stackTraceLimit = 3;
      const notJson = await sdkFailure('CommonClient', local, 'not-json');
      const noResponse = await sdkFailure('CommonClient', local, 'no-response');
      Error.stackTraceLimit = saved;

      expect(extractCiamError(notJson)).toMatchObject({ failure: 'invalid-response' });
      expect(extractCiamError(noResponse)).toMatchObject({ failure: 'invalid-response' });
    });

    it('has no frame at all with 0, so only the CIAM host rule is left', async () => {
      Error.stackTraceLimit = 0;
      const behindEndpoint = await sdkFailure('CommonClient', local, 'not-json');
      const onCiamHost = await sdkFailure('CommonClient', ciamHost, 'not-json');
      Error.stackTraceLimit = saved;

      expect(extractCiamError(behindEndpoint)).toBeUndefined();
      expect(extractCiamError(onCiamHost)).toMatchObject({ failure: 'invalid-response' });
    });
  });

  describe("an app's own failures", () => {
    it('leaves a node-fetch invalid-json error of app code alone', async () => {
      const fetch = await loadNodeFetch();
      const response = await fetch(`http://${local}/report`);
      const error = await rejection(response.json());

      // Same class, same realm, same message form as the SDK's: only the stack differs.
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: 'FetchError', type: 'invalid-json' });
      expect(extractCiamError(error)).toBeUndefined();
      expect(mapper.resolve(error)).toBeUndefined();
    });

    it('leaves a TypeError of app code alone', () => {
      const error = rejectionOf(() => (JSON.parse('{}') as any).Response.Error);

      expect(error).toBeInstanceOf(TypeError);
      expect(extractCiamError(error)).toBeUndefined();
    });
  });
});

describe('timeout detection reads the fixed parts of the SDK message only', () => {
  it.each([
    ['node-fetch request timeout', sdkTimeoutException('http://ciam.example/'), 'timeout'],
    [
      'a connect timeout',
      sdkNetworkException('https://ciam.example/', { reason: 'connect ETIMEDOUT 10.0.0.1:443' }),
      'timeout',
    ],
    [
      'a bare socket timeout code',
      sdkNetworkException('https://ciam.example/', { reason: 'ESOCKETTIMEDOUT' }),
      'timeout',
    ],
    [
      'a refused connection to a "timeout" host',
      sdkNetworkException('http://timeout.example:1/'),
      'network',
    ],
    [
      'an unknown "etimedout" host',
      sdkNetworkException('https://etimedout.example/', {
        reason: 'getaddrinfo ENOTFOUND etimedout.example',
      }),
      'network',
    ],
    [
      'a "timed out" URL path',
      sdkNetworkException('https://ciam.example/timed%20out/ETIMEDOUT/', {
        reason: 'socket hang up',
      }),
      'network',
    ],
  ])('%s', (_what, error, failure) => {
    expect(extractCiamError(error)).toMatchObject({ failure });
  });
});

function rejectionOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
