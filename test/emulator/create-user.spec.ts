import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as client from 'openid-client';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient } from './emulator-client.util.js';

describe('emulator.createUser', () => {
  let emulator: CiamEmulator;
  beforeAll(async () => {
    emulator = await startCiamEmulator();
  });
  afterAll(() => emulator.close());

  it('makes a user the management API finds and the tenant host signs in', async () => {
    const user = emulator.createUser({ UserName: 'alice', Password: 'Secret-123' });
    const found = (await ciamClient(emulator).request('DescribeUserById', {
      UserStoreId: emulator.userStoreId,
      UserId: user.UserId,
    })) as { User: { UserName: string } };
    expect(found.User.UserName).toBe('alice');
    const config = await client.discovery(
      new URL(emulator.issuer),
      emulator.clientId,
      emulator.clientSecret,
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    const tokens = await client.genericGrantRequest(config, 'password', {
      auth_source_id: emulator.authSourceId,
      username: 'alice',
      password: 'Secret-123',
      scope: 'openid',
    });
    expect(typeof tokens.access_token).toBe('string');
  });

  it('refuses a second user with the same UserName, as CreateUser does', () => {
    emulator.createUser({ UserName: 'grace', Password: 'Secret-123' });
    expect(() => emulator.createUser({ UserName: 'grace', Password: 'Other-456' })).toThrow(
      expect.objectContaining({ code: 'FailedOperation.UserNameAlreadyExists' }),
    );
  });
});
