import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import request from 'supertest';
import { CIAM_AUTH_ERROR_CATALOG, CiamErrorsModule } from '../lib/index.js';
import type { CiamAuthErrorCode, CiamErrorsModuleOptions } from '../lib/index.js';
import { startCiamEmulator } from '../lib/testing/index.js';
import type { CiamEmulator } from '../lib/testing/index.js';
import { TenantController, tenant } from './fixtures/auth-app.js';
import type { AuthEndpointName, AuthSource } from './fixtures/auth-app.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// Every `error` value of docs/auth-status-table.tsv, made to fail at the emulator's tenant host,
// answered by an app on Express and Fastify, from each way apps meet it: openid-client 6, axios,
// fetch with unwrapCiamAuthResponse, and a CiamAuthException of the app's own.

interface Row {
  error: CiamAuthErrorCode;
  endpoints: AuthEndpointName[];
  upstream: number;
  status: number;
  expose: boolean;
  retryable: boolean;
}

const ROWS: Row[] = readFileSync(new URL('../docs/auth-status-table.tsv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [error, endpoints, upstream, status, expose, retryable] = line.split('\t');
    return {
      error: error as CiamAuthErrorCode,
      endpoints: endpoints!
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== 'any') as AuthEndpointName[],
      upstream: Number(upstream!.split(' ')[0]),
      status: Number(status),
      expose: expose === 'yes',
      retryable: retryable === 'yes',
    };
  });

const GENERIC: Record<number, string> = { 500: 'InternalServerError', 502: 'BadGateway' };
/** What a client must never read: the upstream's descriptions of the injected errors. */
const SECRET = 'upstream says: Wrong username or password for ada';

/** Where each source is made to fail for a row. */
function endpointFor(row: Row, source: AuthSource): AuthEndpointName {
  // openid-client calls the token and userinfo endpoints itself; any value can be injected there.
  if (source === 'openid') return row.endpoints.includes('userinfo') ? 'userinfo' : 'token';
  return row.endpoints[0] ?? 'token';
}

const lines: string[] = [];
const recorder: LoggerService = {
  log() {},
  error: (line: string) => void lines.push(line),
  warn: (line: string) => void lines.push(line),
  debug: (line: string) => void lines.push(line),
};

let emulator: CiamEmulator;
beforeAll(async () => {
  emulator = await startCiamEmulator();
  tenant.emulator = emulator;
  tenant.username = 'ada';
  tenant.password = 'S3cret!42';
  tenant.statusOf = (error) => ROWS.find((row) => row.error === error)?.upstream ?? 400;
  const { CommonClient } = await import('tencentcloud-sdk-nodejs-common');
  await new CommonClient(emulator.endpoint, '2022-03-31', {
    credential: { secretId: emulator.secretId, secretKey: emulator.secretKey },
    region: emulator.region,
    profile: { httpProfile: { protocol: 'http://', endpoint: emulator.endpoint } },
  }).request('CreateUser', {
    UserStoreId: emulator.userStoreId,
    UserName: 'ada',
    Email: 'ada@example.com',
    Password: tenant.password,
  });
  tenant.config = await client.discovery(
    new URL(emulator.issuer),
    emulator.clientId,
    emulator.clientSecret,
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
  const tokens = await client.genericGrantRequest(tenant.config, 'password', {
    auth_source_id: emulator.authSourceId,
    username: 'ada',
    password: tenant.password,
    scope: 'openid',
  });
  tenant.accessToken = tokens.access_token;
});
afterAll(() => emulator.close());

function appOptions(extra: CiamErrorsModuleOptions = {}): CiamErrorsModuleOptions {
  return { logger: recorder, authHosts: [new URL(emulator.issuer).hostname], ...extra };
}

describe.each(PLATFORMS)('the authentication API on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot(appOptions())],
      controllers: [TenantController],
    });
  });
  afterAll(() => app.close());

  /** Injects `row.error` at the endpoint the source calls, then calls the app's route. */
  async function fail(row: Row, source: AuthSource) {
    const endpoint = endpointFor(row, source);
    if (source === 'exception') {
      return request(app.getHttpServer()).post(`/via/exception/${endpoint}/${row.error}`);
    }
    emulator.failNext({ oauthError: row.error, description: SECRET }, { endpoint });
    return request(app.getHttpServer()).post(`/via/${source}/${endpoint}`);
  }

  describe.each(['openid', 'axios', 'fetch', 'exception'] as const)('through %s', (source) => {
    it.each(ROWS.map((row) => [row.error, row] as const))(
      '%s is answered as the table says',
      async (_error, row) => {
        const res = await fail(row, source);
        expect(res.status).toBe(row.status);
        expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        const body = JSON.parse(res.text) as Record<string, unknown>;
        expect(body.code).toBe(row.expose ? row.error : GENERIC[row.status]);
        if (row.expose) expect(body.detail).toBe(CIAM_AUTH_ERROR_CATALOG[row.error].messages.en);
        // Nothing of the upstream's text, nor of its own challenge.
        expect(res.text).not.toContain('upstream says');
        expect(res.text).not.toContain('Wrong username');
        expect(Object.keys(body).sort()).toEqual(
          ['code', 'detail', 'instance', 'status', 'title', 'type'].sort(),
        );
        const challenge = ['invalid_token', 'insufficient_scope'].includes(row.error)
          ? `Bearer error="${row.error}"`
          : undefined;
        expect(res.headers['www-authenticate']).toBe(challenge);
        const retryAfter = { sms_rate_limit_exceeded: '60', temporarily_unavailable: '5' } as const;
        expect(res.headers['retry-after']).toBe(retryAfter[row.error as keyof typeof retryAfter]);
      },
    );
  });

  it('logs the endpoint and the upstream status, never to the client', async () => {
    lines.length = 0;
    const row = ROWS.find((r) => r.error === 'invalid_grant')!;
    const res = await fail(row, 'openid');
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/upstream says|Wrong username|upstreamStatus|endpoint=/);
    expect(JSON.stringify(res.headers)).not.toMatch(/upstream says|Wrong username/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^POST \/via\/:source\/:endpoint -> 401 invalid_grant upstreamCode=invalid_grant endpoint=token upstreamStatus=400 requestId=- traceId=- upstreamMessage="upstream says: Wrong username or password for ada"$/,
    );
  });

  it.each(['openid', 'axios', 'fetch'] as const)(
    'answers a bare 401 of the token endpoint (%s) as the failed client authentication it is',
    async (source) => {
      emulator.failNext({ httpStatus: 401 }, { endpoint: 'token' });
      const res = await request(app.getHttpServer()).post(`/via/${source}/token`);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('InternalServerError');
    },
  );

  it.each(['openid', 'axios', 'fetch'] as const)(
    'answers an HTML 502 of a gateway in front of the tenant host (%s) with 502',
    async (source) => {
      emulator.failNext(
        { httpStatus: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
        { endpoint: 'token' },
      );
      const res = await request(app.getHttpServer()).post(`/via/${source}/token`);
      expect(res.status).toBe(502);
      expect(res.body.code).toBe('BadGateway');
      expect(res.text).not.toContain('<html>');
    },
  );

  it('answers an axios timeout on the way to the tenant host with 504', async () => {
    emulator.failNext({ hang: true }, { endpoint: 'token' });
    const res = await request(app.getHttpServer()).post('/via/axios/token');
    expect(res.status).toBe(504);
    expect(res.body.code).toBe('GatewayTimeout');
  });
});

describe.each(PLATFORMS)('OAuth errors of other hosts on $name', (platform) => {
  let app: INestApplication;
  let bare: INestApplication;
  beforeAll(async () => {
    // The default authHosts (*.tencentciam.com): the emulator's 127.0.0.1 is another provider.
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [TenantController],
    });
    bare = await startApp(platform, { controllers: [TenantController] });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
  });

  it.each(['openid', 'axios'] as const)(
    'reach the app as they would without the package (%s)',
    async (source) => {
      const row = ROWS.find((r) => r.error === 'invalid_grant')!;
      emulator.failNext({ oauthError: row.error }, { endpoint: 'token' });
      const withPackage = await request(app.getHttpServer()).post(`/via/${source}/token`);
      emulator.failNext({ oauthError: row.error }, { endpoint: 'token' });
      const without = await request(bare.getHttpServer()).post(`/via/${source}/token`);
      expect(withPackage.status).toBe(500);
      expect(withPackage.text).toBe(without.text);
      expect(withPackage.headers['content-type']).toBe(without.headers['content-type']);
    },
  );
});

describe.each(PLATFORMS)('exposeUpstreamMessage on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot(appOptions({ exposeUpstreamMessage: true }))],
      controllers: [TenantController],
    });
  });
  afterAll(() => app.close());

  it('never sends an error_description, even in development', async () => {
    emulator.failNext({ oauthError: 'invalid_grant', description: SECRET }, { endpoint: 'token' });
    const res = await request(app.getHttpServer()).post('/via/axios/token');
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('upstream says');
    expect(res.body.upstreamMessage).toBeUndefined();
  });
});
