import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ciamErrorResponse,
  sdkException,
  sdkNetworkException,
  sdkTimeoutException,
  startCiamEmulator,
} from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, rejection } from './emulator-client.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What code can observe of an exception without knowing its class. */
function shapeOf(error: any): Record<string, unknown> {
  return {
    name: error.name,
    constructorName: error.constructor.name,
    ownFields: Object.getOwnPropertyNames(error).sort(),
    isError: error instanceof Error,
    methods: ['getMessage', 'getRequestId', 'getTraceId'].map((m) => typeof error[m]),
  };
}

describe('ciamErrorResponse', () => {
  it('builds the CIAM error envelope with a default message and a uuid RequestId', () => {
    const envelope = ciamErrorResponse('FailedOperation.UserNameAlreadyExists');

    expect(envelope.Response.Error).toEqual({
      Code: 'FailedOperation.UserNameAlreadyExists',
      Message: 'The user name already exists.',
    });
    expect(envelope.Response.RequestId).toMatch(UUID);
  });

  it('uses the given message and RequestId', () => {
    expect(ciamErrorResponse('InternalError', 'boom', 'req-1')).toEqual({
      Response: { Error: { Code: 'InternalError', Message: 'boom' }, RequestId: 'req-1' },
    });
  });
});

describe('SDK exception helpers match what the real SDK throws', () => {
  let emulator: CiamEmulator;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
  });

  afterAll(() => emulator.close());

  it('sdkException(code) has the fields and name of a CIAM error from the SDK', async () => {
    emulator.failNext('FailedOperation.UserNotFound');
    const real = await rejection(ciamClient(emulator).request('ListUserStore', {}));

    const fake = sdkException('FailedOperation.UserNotFound', { traceId: 't-1' });

    expect(shapeOf(fake)).toEqual(shapeOf(real));
    expect(real.name).toBe('Error');
    expect(fake).toMatchObject({
      code: 'FailedOperation.UserNotFound',
      message: real.message,
      traceId: 't-1',
    });
    expect(fake.requestId).toMatch(UUID);
    expect(String(fake)).toBe(
      `[TencentCloudSDKException]message:${fake.message}  requestId:${fake.requestId}  traceId:t-1`,
    );
  });

  it('sdkException(undefined, { httpCode }) matches a non-200 answer', async () => {
    emulator.failNext({ httpStatus: 502 });
    const real = await rejection(ciamClient(emulator).request('ListUserStore', {}));

    const fake = sdkException(undefined, { httpCode: 502 });

    expect(shapeOf(fake)).toEqual(shapeOf(real));
    expect(fake).toMatchObject({ httpCode: 502, message: 'Bad Gateway', requestId: '' });
    expect(fake).not.toHaveProperty('code');
  });

  it('sdkTimeoutException matches an SDK timeout', async () => {
    emulator.failNext({ hang: true });
    const real = await rejection(
      ciamClient(emulator, { reqTimeout: 1 }).request('ListUserStore', {}),
    );

    const fake = sdkTimeoutException(`${emulator.url}/`);

    expect(shapeOf(fake)).toEqual(shapeOf(real));
    expect(fake.message).toBe(real.message);
    expect(fake.traceId).toMatch(UUID);
  });

  it('sdkNetworkException matches a refused connection', async () => {
    const closed = await startCiamEmulator();
    await closed.close();
    const real = await rejection(ciamClient(closed).request('ListUserStore', {}));

    const fake = sdkNetworkException(`${closed.url}/`);

    expect(shapeOf(fake)).toEqual(shapeOf(real));
    expect(fake.message).toBe(real.message);
    expect(fake).not.toHaveProperty('code');
    expect(fake).not.toHaveProperty('httpCode');
  });

  it('sdkNetworkException takes a custom reason', () => {
    expect(
      sdkNetworkException('https://ciam.tencentcloudapi.com/', { reason: 'socket hang up' })
        .message,
    ).toBe('request to https://ciam.tencentcloudapi.com/ failed, reason: socket hang up');
  });
});
