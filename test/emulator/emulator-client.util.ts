import { expect } from '@jest/globals';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type { CiamEmulator } from '../../lib/testing/index.js';

export interface ClientOverrides {
  secretId?: string;
  secretKey?: string;
  version?: string;
  reqTimeout?: number;
  headers?: Record<string, string>;
}

/** The real SDK client, pointed at the emulator. */
export function ciamClient(emulator: CiamEmulator, overrides: ClientOverrides = {}): CommonClient {
  return new CommonClient(emulator.endpoint, overrides.version ?? '2022-03-31', {
    credential: {
      secretId: overrides.secretId ?? emulator.secretId,
      secretKey: overrides.secretKey ?? emulator.secretKey,
    },
    region: emulator.region,
    profile: {
      httpProfile: {
        protocol: 'http://',
        endpoint: emulator.endpoint,
        reqTimeout: overrides.reqTimeout ?? 2,
        headers: overrides.headers,
      },
    },
  });
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be rejected, but it resolved');
}

/** Asserts that the SDK call fails with CIAM error `code` and returns the exception. */
export async function expectCiamError(promise: Promise<unknown>, code: string): Promise<any> {
  const error = await rejection(promise);
  expect(error).toMatchObject({ code });
  return error;
}
