import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';

const PAGE = { PageSize: 50, PageNumber: 1 };

describe('CIAM emulator: audit log', () => {
  let emulator: CiamEmulator;
  let client: CommonClient;
  let store: string;

  const logs = (fields: Record<string, unknown> = {}): Promise<any> =>
    client.request('ListLogMessageByCondition', {
      UserStoreId: store,
      Pageable: PAGE,
      StartTime: 0,
      ...fields,
    });

  beforeAll(async () => {
    emulator = await startCiamEmulator({ jobDurationMs: 60_000 });
    client = ciamClient(emulator);
    store = emulator.userStoreId;
  });

  beforeEach(() => emulator.reset());

  afterAll(() => emulator.close());

  it('records user creation, update, linking, deletion and imports, newest first', async () => {
    const before = Date.now();
    const a = (await client.request('CreateUser', { UserStoreId: store, UserName: 'a' })).User;
    const b = (await client.request('CreateUser', { UserStoreId: store, UserName: 'b' })).User;
    await client.request('UpdateUser', { UserStoreId: store, UserId: a.UserId, Nickname: 'A' });
    await client.request('LinkAccount', {
      UserStoreId: store,
      PrimaryUserId: a.UserId,
      SecondaryUserId: b.UserId,
      UserLinkedOnAttribute: 'EMAIL',
    });
    await client.request('DeleteUsers', { UserStoreId: store, UserIds: [b.UserId] });
    await client.request('CreateApiImportUserJob', {
      UserStoreId: store,
      DataFlowUserCreateList: [{ UserName: 'c' }],
    });
    emulator.completeJobs();

    const result = await logs();

    expect(result.Content.map((log: any) => log.EventCode)).toEqual([
      'SIGNUP',
      'USER_DELETE',
      'ACCOUNT_LINKING',
      'USER_UPDATE',
      'USER_CREATE',
      'USER_CREATE',
    ]);
    expect(result.Total).toBe(6);
    expect(result.Content[1]).toMatchObject({ UserId: b.UserId, UserStoreId: store });
    expect(result.Content.every((log: any) => log.EventDate >= before)).toBe(true);
  });

  it('filters on events', async () => {
    const { User } = await client.request('CreateUser', { UserStoreId: store, UserName: 'a' });
    await client.request('UpdateUser', { UserStoreId: store, UserId: User.UserId, Nickname: 'A' });

    const result = await logs({ Filters: [{ Key: 'events', Values: ['USER_UPDATE'] }] });

    expect(result.Content.map((log: any) => log.EventCode)).toEqual(['USER_UPDATE']);
  });

  it('leaves out entries before StartTime', async () => {
    await client.request('CreateUser', { UserStoreId: store, UserName: 'a' });

    const result = await logs({ StartTime: Date.now() + 60_000 });

    expect(result.Total).toBe(0);
  });

  it('answers MissingParameter without StartTime', async () => {
    await expectCiamError(
      client.request('ListLogMessageByCondition', { UserStoreId: store, Pageable: PAGE }),
      'MissingParameter',
    );
  });

  it.each([
    ['an unknown filter key', [{ Key: 'users', Values: ['x'] }]],
    ['an unknown event', [{ Key: 'events', Values: ['LOGIN'] }]],
  ])('answers InvalidParameterValue to %s', async (_label, Filters) => {
    await expectCiamError(logs({ Filters }), 'InvalidParameterValue');
  });
});
