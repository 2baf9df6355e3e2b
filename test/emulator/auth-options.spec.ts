import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as client from 'openid-client';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator, CiamEmulatorAuthOptions } from '../../lib/testing/index.js';
import {
  PASSWORD,
  createUser,
  discover,
  passwordGrant,
  rawAuth,
  rejectionOf,
} from './auth-client.util.js';
import { ciamClient } from './emulator-client.util.js';

describe('CIAM emulator tenant host: options', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
  });

  afterAll(() => emulator.close());

  it('issues a random client, secret and auth source, and one default redirect URI', async () => {
    const other = await startCiamEmulator();
    try {
      expect(emulator.clientId).toMatch(/^[0-9a-f]{32}$/);
      expect(emulator.authSourceId).toMatch(/^[0-9a-f]{32}$/);
      expect(emulator.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(emulator.redirectUris).toEqual(['http://localhost/callback']);
      expect(other.clientId).not.toBe(emulator.clientId);
      expect(other.clientSecret).not.toBe(emulator.clientSecret);
      expect(new URL(emulator.issuer).origin).toBe(new URL(emulator.url).origin);
    } finally {
      await other.close();
    }
  });

  it('uses the given client and TTLs', async () => {
    const custom = await startCiamEmulator({
      auth: {
        clientId: 'my-app',
        clientSecret: 'my-secret',
        authSourceId: 'my-source',
        redirectUris: ['http://localhost:3000/cb', 'com.example.app:/cb'],
        accessTokenTtlSeconds: 60,
      },
    });
    try {
      await createUser(custom, { UserName: 'ada', Password: PASSWORD });
      const tokens = await passwordGrant(await discover(custom), custom, 'ada');

      expect([custom.clientId, custom.clientSecret, custom.authSourceId]).toEqual([
        'my-app',
        'my-secret',
        'my-source',
      ]);
      expect(custom.redirectUris).toEqual(['http://localhost:3000/cb', 'com.example.app:/cb']);
      expect(tokens.expires_in).toBe(60);
      expect(tokens.claims()?.aud).toBe('my-app');
    } finally {
      await custom.close();
    }
  });

  it('keeps the JWKS of a given signing key (PEM) across restarts', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const first = await startCiamEmulator({ auth: { signingKey: pem } });
    const jwks = (await rawAuth(first, '/oauth2/jwks')).json;
    await first.close();
    const second = await startCiamEmulator({ auth: { signingKey: pem } });
    try {
      expect((await rawAuth(second, '/oauth2/jwks')).json).toEqual(jwks);
    } finally {
      await second.close();
    }
  });

  it.each<[string, CiamEmulatorAuthOptions, RegExp]>([
    ['an empty clientId', { clientId: '' }, /auth\.clientId must be a non-empty string/],
    ['a clientId with a space', { clientId: 'my app' }, /auth\.clientId/],
    [
      'a redirect URI with a fragment',
      { redirectUris: ['http://localhost/cb#x'] },
      /auth\.redirectUris/,
    ],
    ['a relative redirect URI', { redirectUris: ['/cb'] }, /auth\.redirectUris/],
    ['no redirect URI', { redirectUris: [] }, /auth\.redirectUris must be a non-empty array/],
    ['a scope with a space', { scopes: ['open id'] }, /auth\.scopes/],
    ['an unknown grant type', { grantTypes: ['implicit' as any] }, /auth\.grantTypes/],
    ['an unknown identifier', { loginIdentifiers: ['qq' as any] }, /auth\.loginIdentifiers/],
    [
      'a zero access token TTL',
      { accessTokenTtlSeconds: 0 },
      /auth\.accessTokenTtlSeconds must be a positive integer, got 0/,
    ],
    ['a fractional code TTL', { codeTtlSeconds: 1.5 }, /auth\.codeTtlSeconds/],
    [
      'a negative SMS interval',
      { otpSendIntervalSeconds: -1 },
      /auth\.otpSendIntervalSeconds must be a non-negative integer/,
    ],
  ])('refuses %s with a RangeError', async (_case, auth, message) => {
    const error = await rejectionOf(startCiamEmulator({ auth }));

    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an unreadable PEM', 'not a key'],
    ['an EC key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['a short RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey],
  ])('refuses %s as signing key with a TypeError', async (_case, signingKey) => {
    await expect(startCiamEmulator({ auth: { signingKey } })).rejects.toThrow(TypeError);
  });

  it('turns the SMS interval off with otpSendIntervalSeconds: 0', async () => {
    const relaxed = await startCiamEmulator({ auth: { otpSendIntervalSeconds: 0 } });
    try {
      const send = () =>
        rawAuth(relaxed, '/otp/send', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Basic ${Buffer.from(`${relaxed.clientId}:${relaxed.clientSecret}`).toString('base64')}`,
          },
          body: JSON.stringify({ phone_number: '13812341234' }),
        });

      expect([(await send()).status, (await send()).status]).toEqual([200, 200]);
      expect(relaxed.sentOtps()).toHaveLength(2);
    } finally {
      await relaxed.close();
    }
  });

  it('refuses to move the auth clock backwards', () => {
    expect(() => emulator.advanceAuthClock(-1)).toThrow(RangeError);
  });
});

describe('CIAM emulator tenant host: HTTP', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator({ maxBodyBytes: 1024 });
  });

  afterAll(() => emulator.close());

  it('answers 405 with Allow to a method a path does not take', async () => {
    const token = await rawAuth(emulator, '/oauth2/token');
    const userinfo = await rawAuth(emulator, '/userinfo', { method: 'DELETE' });

    expect([token.status, token.headers.get('allow')]).toEqual([405, 'POST']);
    expect([userinfo.status, userinfo.headers.get('allow')]).toEqual([405, 'GET, PATCH']);
  });

  it('answers 413 to a body over maxBodyBytes', async () => {
    const { status } = await rawAuth(emulator, '/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&padding=${'x'.repeat(2048)}`,
    });

    expect(status).toBe(413);
  });

  it('answers invalid_request to a body of another Content-Type', async () => {
    const { status, json } = await rawAuth(emulator, '/otp/send', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });

    expect([status, json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'The Content-Type must be application/json.' },
    ]);
  });

  it('serves both APIs on one port: the management API still owns POST /', async () => {
    await expect(ciamClient(emulator).request('ListUserStore', {})).resolves.toHaveProperty(
      'UserStoreSet',
    );
    expect((await rawAuth(emulator, '/.well-known/openid-configuration')).status).toBe(200);
  });

  it('close() ends a hanging tenant-host request', async () => {
    const doomed = await startCiamEmulator();
    doomed.failNext({ hang: true }, { endpoint: 'discovery' });
    const pending = rejectionOf(
      client.discovery(new URL(doomed.issuer), doomed.clientId, doomed.clientSecret, undefined, {
        execute: [client.allowInsecureRequests],
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await doomed.close();
    const error = await pending;

    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(Error);
  });
});
