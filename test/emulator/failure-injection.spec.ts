import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError, rejection } from './emulator-client.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CIAM emulator: failure injection', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
  });

  afterEach(() => emulator.reset());

  afterAll(() => emulator.close());

  const listStores = (): Promise<any> => ciamClient(emulator).request('ListUserStore', {});

  it('fails the next call with a code, then serves normally', async () => {
    emulator.failNext('FailedOperation.UserNotFound');

    const error = await expectCiamError(listStores(), 'FailedOperation.UserNotFound');

    expect(error.message).toBe('The user does not exist.');
    expect(error.requestId).toMatch(UUID);
    expect(error.httpCode).toBeUndefined();
    await expect(listStores()).resolves.toHaveProperty('UserStoreSet');
  });

  it('uses the given message', async () => {
    emulator.failNext({ code: 'InternalError', message: 'boom' });

    const error = await expectCiamError(listStores(), 'InternalError');

    expect(error.message).toBe('boom');
  });

  it('carries code, requestId and the echoed trace id on the SDK exception', async () => {
    emulator.failNext('RequestLimitExceeded');
    const client = ciamClient(emulator, { headers: { 'X-TC-TraceId': 'trace-abc' } });

    const error = await rejection(client.request('ListUserStore', {}));

    expect(error).toMatchObject({ code: 'RequestLimitExceeded', traceId: 'trace-abc' });
    expect(error.requestId).toMatch(UUID);
  });

  it('targets one action and leaves the others alone', async () => {
    emulator.failNext('FailedOperation.UserGroupNotFound', { action: 'ListUserGroups' });
    const client = ciamClient(emulator);

    await expect(client.request('ListUserStore', {})).resolves.toBeDefined();
    await expectCiamError(
      client.request('ListUserGroups', {
        UserStoreId: emulator.userStoreId,
        Pageable: { PageSize: 10, PageNumber: 1 },
      }),
      'FailedOperation.UserGroupNotFound',
    );
  });

  it('fails as many times as asked', async () => {
    emulator.failNext('ResourceUnavailable', { times: 2 });

    await expectCiamError(listStores(), 'ResourceUnavailable');
    await expectCiamError(listStores(), 'ResourceUnavailable');
    await expect(listStores()).resolves.toBeDefined();
  });

  it('answers a non-200 status that the SDK reports as httpCode without code', async () => {
    emulator.failNext({ httpStatus: 503 });

    const error = await rejection(listStores());

    expect(error.httpCode).toBe(503);
    expect(error.message).toBe('Service Unavailable');
    expect(error.code).toBeUndefined();
    expect(error.requestId).toBe('');
  });

  it('hangs so that the SDK times out with "network timeout at"', async () => {
    emulator.failNext({ hang: true });

    const error = await rejection(
      ciamClient(emulator, { reqTimeout: 1 }).request('ListUserStore', {}),
    );

    expect(error.message).toMatch(/^network timeout at: http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(error.code).toBeUndefined();
    expect(error.httpCode).toBeUndefined();
    expect(error.requestId).toBe('');
    expect(error.traceId).toMatch(UUID);
  });

  it('rejects nonsensical failures when they are queued', () => {
    expect(() => emulator.failNext({ httpStatus: 200 })).toThrow(RangeError);
    expect(() => emulator.failNext('InternalError', { times: 0 })).toThrow(RangeError);
    expect(() => emulator.failNext('')).toThrow(TypeError);
  });

  it('limits each action separately with setRateLimit', async () => {
    emulator.setRateLimit(2);
    const client = ciamClient(emulator);

    await client.request('ListUserStore', {});
    await client.request('ListUserStore', {});
    await expectCiamError(client.request('ListUserStore', {}), 'RequestLimitExceeded');
    await expect(
      client.request('ListJobs', { UserStoreId: emulator.userStoreId }),
    ).resolves.toBeDefined();

    emulator.setRateLimit(undefined);
    await expect(client.request('ListUserStore', {})).resolves.toBeDefined();
  });

  it('reset() drops data and queued failures but keeps the default user store', async () => {
    const client = ciamClient(emulator);
    await client.request('CreateUserStore', { UserPoolName: 'extra' });
    emulator.failNext('InternalError', { action: 'DescribeUser' });

    emulator.reset();

    const { UserStoreSet } = await client.request('ListUserStore', {});
    expect(UserStoreSet.map((store: any) => store.UserStoreId)).toEqual([emulator.userStoreId]);
    await expect(
      client.request('DescribeUser', {
        UserStoreId: emulator.userStoreId,
        Pageable: { PageSize: 10, PageNumber: 1 },
      }),
    ).resolves.toHaveProperty('Total', 0);
  });
});

describe('CIAM emulator: lifecycle', () => {
  it('close() ends hanging connections', async () => {
    const emulator = await startCiamEmulator();
    emulator.failNext({ hang: true });
    const pending = rejection(
      ciamClient(emulator, { reqTimeout: 30 }).request('ListUserStore', {}),
    );
    // Let the request reach the emulator before closing.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await emulator.close();
    const error = await pending;

    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toContain('socket hang up');
  });

  it('refuses a host that is not loopback', async () => {
    await expect(startCiamEmulator({ host: '0.0.0.0' })).rejects.toThrow(RangeError);
  });

  it('listens on the requested port and uses the given credentials', async () => {
    const probe = await startCiamEmulator();
    const port = Number(new URL(probe.url).port);
    await probe.close();

    const emulator = await startCiamEmulator({ port, secretId: 'AKIDfixed', secretKey: 'fixed' });
    try {
      expect(emulator.endpoint).toBe(`127.0.0.1:${port}`);
      await expect(ciamClient(emulator).request('ListUserStore', {})).resolves.toHaveProperty(
        'UserStoreSet',
      );
      expect(emulator.secretId).toBe('AKIDfixed');
    } finally {
      await emulator.close();
    }
  });
});
