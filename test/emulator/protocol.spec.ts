import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';
import { rawRequest, signTc3 } from './raw-request.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function errorCode(json: any): string | undefined {
  return json?.Response?.Error?.Code;
}

describe('CIAM emulator: protocol and authentication', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
  });

  afterAll(() => emulator.close());

  describe('signatures', () => {
    it('accepts a request signed by the Node SDK (service "127", host without port)', async () => {
      const response = await ciamClient(emulator).request('ListUserStore', {});

      expect(response.UserStoreSet.map((store: any) => store.UserStoreId)).toContain(
        emulator.userStoreId,
      );
      expect(response.RequestId).toMatch(UUID);
    });

    it('accepts a hand-signed request whose scope names the service ciam', async () => {
      const { status, json } = await rawRequest(emulator);

      expect(status).toBe(200);
      expect(json.Response.UserStoreSet).toHaveLength(1);
    });

    it('accepts a signer that includes the port in the signed host', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const authorization = signTc3({
        secretId: emulator.secretId,
        secretKey: emulator.secretKey,
        service: 'ciam',
        host: emulator.endpoint,
        contentType: 'application/json',
        timestamp,
        body: '{}',
      });

      const { json } = await rawRequest(emulator, { timestamp, authorization });

      expect(errorCode(json)).toBeUndefined();
    });

    it('answers a fresh RequestId on every call', async () => {
      const client = ciamClient(emulator);
      const [first, second] = await Promise.all([
        client.request('ListUserStore', {}),
        client.request('ListUserStore', {}),
      ]);

      expect(first.RequestId).not.toBe(second.RequestId);
    });

    it('answers AuthFailure.SignatureFailure to a wrong secret key', async () => {
      await expectCiamError(
        ciamClient(emulator, { secretKey: 'not-the-key' }).request('ListUserStore', {}),
        'AuthFailure.SignatureFailure',
      );
    });

    it('answers AuthFailure.SignatureFailure to a body changed after signing', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const authorization = signTc3({
        secretId: emulator.secretId,
        secretKey: emulator.secretKey,
        service: 'ciam',
        host: '127.0.0.1',
        contentType: 'application/json',
        timestamp,
        body: '{}',
      });

      const { json } = await rawRequest(emulator, { timestamp, authorization, body: '{ }' });

      expect(errorCode(json)).toBe('AuthFailure.SignatureFailure');
    });

    it('answers AuthFailure.SecretIdNotFound to an unknown SecretId', async () => {
      await expectCiamError(
        ciamClient(emulator, { secretId: 'AKIDunknown' }).request('ListUserStore', {}),
        'AuthFailure.SecretIdNotFound',
      );
    });

    it.each([
      ['more than five minutes behind', -301],
      ['more than five minutes ahead', 301],
    ])('answers AuthFailure.SignatureExpire to a timestamp %s', async (_label, offset) => {
      const timestamp = Math.floor(Date.now() / 1000) + offset;

      const { status, json } = await rawRequest(emulator, { timestamp });

      expect(status).toBe(200);
      expect(errorCode(json)).toBe('AuthFailure.SignatureExpire');
    });

    it('accepts a timestamp just inside the five-minute window', async () => {
      const { json } = await rawRequest(emulator, {
        timestamp: Math.floor(Date.now() / 1000) - 290,
      });

      expect(errorCode(json)).toBeUndefined();
    });

    it.each([
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['no signature', 'TC3-HMAC-SHA256 Credential=AKIDx/2024-01-01/ciam/tc3_request'],
      [
        'a scope without tc3_request',
        `TC3-HMAC-SHA256 Credential=AKIDx/2024-01-01/ciam, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
      ],
      [
        'host left out of SignedHeaders',
        `TC3-HMAC-SHA256 Credential=AKIDx/2024-01-01/ciam/tc3_request, SignedHeaders=content-type, Signature=${'a'.repeat(64)}`,
      ],
    ])('answers AuthFailure.InvalidAuthorization to %s', async (_label, authorization) => {
      const { json } = await rawRequest(emulator, { authorization });

      expect(errorCode(json)).toBe('AuthFailure.InvalidAuthorization');
    });

    it('answers AuthFailure.SignatureFailure when the scope date is not the timestamp date', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signed = signTc3({
        secretId: emulator.secretId,
        secretKey: emulator.secretKey,
        service: 'ciam',
        host: '127.0.0.1',
        contentType: 'application/json',
        timestamp,
        body: '{}',
      });
      const authorization = signed.replace(/\/\d{4}-\d{2}-\d{2}\//, '/2001-01-01/');

      const { json } = await rawRequest(emulator, { timestamp, authorization });

      expect(errorCode(json)).toBe('AuthFailure.SignatureFailure');
    });
  });

  describe('common parameters', () => {
    it.each([
      ['Authorization', { authorization: null }],
      ['Action', { headers: { 'X-TC-Action': '' } }],
      ['Version', { headers: { 'X-TC-Version': '' } }],
      ['Region', { headers: { 'X-TC-Region': '' } }],
      ['Timestamp', { headers: { 'X-TC-Timestamp': '' } }],
    ] as const)('answers MissingParameter without %s', async (parameter, request) => {
      const { json } = await rawRequest(emulator, request);

      expect(errorCode(json)).toBe('MissingParameter');
      expect(json.Response.Error.Message).toContain(parameter);
    });

    it('answers NoSuchVersion to an unknown version', async () => {
      await expectCiamError(
        ciamClient(emulator, { version: '2020-01-01' }).request('ListUserStore', {}),
        'NoSuchVersion',
      );
    });

    it('serves only ListUserGroups under the old version 2021-04-20', async () => {
      const client = ciamClient(emulator, { version: '2021-04-20' });

      const groups = await client.request('ListUserGroups', {
        UserStoreId: emulator.userStoreId,
        Pageable: { PageSize: 10, PageNumber: 1 },
      });

      expect(groups.Total).toBe(0);
      await expectCiamError(client.request('ListUserStore', {}), 'InvalidAction');
    });

    it.each(['DescribeNothing', 'toString', '__proto__'])(
      'answers InvalidAction to the unknown action %s',
      async (action) => {
        await expectCiamError(ciamClient(emulator).request(action, {}), 'InvalidAction');
      },
    );

    it('answers UnknownParameter to a parameter the action does not declare', async () => {
      const error = await expectCiamError(
        ciamClient(emulator).request('ListUserStore', { Limit: 10 }),
        'UnknownParameter',
      );

      expect(error.message).toContain('Limit');
    });
  });

  describe('HTTP protocol', () => {
    it.each(['GET', 'PUT', 'DELETE'])('answers UnsupportedProtocol to %s', async (method) => {
      const { status, json } = await rawRequest(emulator, { method });

      expect(status).toBe(200);
      expect(errorCode(json)).toBe('UnsupportedProtocol');
    });

    it('answers UnsupportedProtocol to a path other than /', async () => {
      const response = await fetch(`${emulator.url}/v2/users`, { method: 'POST', body: '{}' });

      expect(errorCode(await response.json())).toBe('UnsupportedProtocol');
    });

    it('answers UnsupportedProtocol to a body that is not JSON by Content-Type', async () => {
      const { json } = await rawRequest(emulator, {
        contentType: 'application/x-www-form-urlencoded',
        body: 'Action=ListUserStore',
      });

      expect(errorCode(json)).toBe('UnsupportedProtocol');
    });

    it('accepts a charset parameter in the Content-Type', async () => {
      const { json } = await rawRequest(emulator, {
        contentType: 'application/json; charset=utf-8',
      });

      expect(errorCode(json)).toBeUndefined();
    });

    it.each([
      ['truncated JSON', '{"UserStoreId":'],
      ['a JSON array', '[]'],
      ['a JSON string', '"ListUserStore"'],
    ])('answers InvalidParameter to %s', async (_label, body) => {
      const { json } = await rawRequest(emulator, { body });

      expect(errorCode(json)).toBe('InvalidParameter');
    });

    it('answers RequestSizeLimitExceeded to an SDK call over 10 MB', async () => {
      const huge = 'x'.repeat(10 * 1024 * 1024 + 1);

      await expectCiamError(
        ciamClient(emulator, { reqTimeout: 10 }).request('CreateUser', {
          UserStoreId: emulator.userStoreId,
          Nickname: huge,
        }),
        'RequestSizeLimitExceeded',
      );
    });

    it('echoes X-TC-TraceId as a response header', async () => {
      const { headers } = await rawRequest(emulator, { headers: { 'X-TC-TraceId': 'trace-1' } });

      expect(headers.get('x-tc-traceid')).toBe('trace-1');
    });

    it('keeps serving after malformed HTTP', async () => {
      const { port, hostname } = new URL(emulator.url);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.write('NONSENSE\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });

      expect(reply).toContain('400');
      await expect(ciamClient(emulator).request('ListUserStore', {})).resolves.toBeDefined();
    });
  });
});

describe('CIAM emulator: body limits', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator({ maxBodyBytes: 1024 });
  });

  afterAll(() => emulator.close());

  it('refuses a declared Content-Length over the limit before reading it', async () => {
    const { json } = await rawRequest(emulator, { body: JSON.stringify({ a: 'x'.repeat(2000) }) });

    expect(errorCode(json)).toBe('RequestSizeLimitExceeded');
  });

  it('refuses a chunked body as soon as it passes the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(512));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 8) controller.close();
        else controller.enqueue(chunk);
      },
    });

    const response = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(errorCode(await response.json())).toBe('RequestSizeLimitExceeded');
  });

  it('still answers normal requests afterwards', async () => {
    const { json } = await rawRequest(emulator);

    expect(errorCode(json)).toBeUndefined();
  });
});
