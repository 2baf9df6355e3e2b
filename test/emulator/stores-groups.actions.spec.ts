import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';

const PAGE = { PageSize: 20, PageNumber: 1 };

describe('CIAM emulator: user store and user group actions', () => {
  let emulator: CiamEmulator;
  let client: CommonClient;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
    client = ciamClient(emulator);
  });

  beforeEach(() => emulator.reset());

  afterAll(() => emulator.close());

  describe('user stores', () => {
    it('creates, updates, lists and deletes a user store', async () => {
      const { UserStoreId } = await client.request('CreateUserStore', {
        UserPoolName: 'shop',
        UserPoolDesc: 'customers',
      });
      await client.request('UpdateUserStore', { UserPoolId: UserStoreId, UserPoolName: 'store' });

      const listed = await client.request('ListUserStore', {});
      expect(listed.UserStoreSet).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            UserStoreId,
            UserStoreName: 'store',
            UserStoreDesc: 'customers',
            UserNum: 0,
            DefaultStatus: false,
          }),
          expect.objectContaining({ UserStoreId: emulator.userStoreId, DefaultStatus: true }),
        ]),
      );

      await client.request('DeleteUserStore', { UserPoolId: UserStoreId });
      const after = await client.request('ListUserStore', {});
      expect(after.UserStoreSet).toHaveLength(1);
    });

    it('answers UserStoreAlreadyExists to a duplicate name', async () => {
      await client.request('CreateUserStore', { UserPoolName: 'shop' });
      const { UserStoreId } = await client.request('CreateUserStore', { UserPoolName: 'other' });

      await expectCiamError(
        client.request('CreateUserStore', { UserPoolName: 'shop' }),
        'FailedOperation.UserStoreAlreadyExists',
      );
      await expectCiamError(
        client.request('UpdateUserStore', { UserPoolId: UserStoreId, UserPoolName: 'shop' }),
        'FailedOperation.UserStoreAlreadyExists',
      );
    });

    it.each(['UpdateUserStore', 'DeleteUserStore'])(
      '%s answers UserStoreNotExist for an unknown UserPoolId',
      async (action) => {
        await expectCiamError(
          client.request(action, { UserPoolId: 'f'.repeat(32) }),
          'FailedOperation.UserStoreNotExist',
        );
      },
    );

    it('answers MissingParameter without UserPoolName', async () => {
      await expectCiamError(client.request('CreateUserStore', {}), 'MissingParameter');
    });

    it('answers InvalidUserStore to user actions on a deleted store', async () => {
      const { UserStoreId } = await client.request('CreateUserStore', { UserPoolName: 'gone' });
      await client.request('DeleteUserStore', { UserPoolId: UserStoreId });

      await expectCiamError(
        client.request('CreateUser', { UserStoreId, UserName: 'ada' }),
        'FailedOperation.InvalidUserStore',
      );
    });
  });

  describe('user groups', () => {
    const store = (): string => emulator.userStoreId;

    it('creates, updates, lists and deletes groups', async () => {
      const { UserGroupId } = await client.request('CreateUserGroup', {
        UserStoreId: store(),
        DisplayName: 'admins',
        Description: 'all powers',
      });
      await client.request('CreateUserGroup', { UserStoreId: store(), DisplayName: 'readers' });
      await client.request('UpdateUserGroup', {
        UserStoreId: store(),
        UserGroupId,
        DisplayName: 'owners',
      });

      const filtered = await client.request('ListUserGroups', {
        UserStoreId: store(),
        Pageable: PAGE,
        Filters: [{ Key: 'condition', Values: ['own'] }],
      });
      expect(filtered.Total).toBe(1);
      expect(filtered.Content[0]).toMatchObject({
        UserGroupId,
        DisplayName: 'owners',
        Description: 'all powers',
      });

      const deleted = await client.request('DeleteUserGroups', {
        UserStoreId: store(),
        UserGroupIds: [UserGroupId],
      });
      expect(deleted.UserGroupDeletedInfo).toEqual({ AppAssociatedUserGroupIds: [] });
      const all = await client.request('ListUserGroups', { UserStoreId: store(), Pageable: PAGE });
      expect(all.Content.map((group: any) => group.DisplayName)).toEqual(['readers']);
    });

    it('removes deleted groups from their members', async () => {
      const { UserGroupId } = await client.request('CreateUserGroup', {
        UserStoreId: store(),
        DisplayName: 'admins',
      });
      const { User } = await client.request('CreateUser', {
        UserStoreId: store(),
        UserName: 'ada',
        UserGroup: [UserGroupId],
      });
      expect(User.UserGroups).toEqual([UserGroupId]);

      await client.request('DeleteUserGroups', {
        UserStoreId: store(),
        UserGroupIds: [UserGroupId],
      });

      const after = await client.request('DescribeUserById', {
        UserStoreId: store(),
        UserId: User.UserId,
      });
      expect(after.User.UserGroups).toEqual([]);
    });

    it('answers UserGroupNameAlreadyExists to a duplicate display name', async () => {
      await client.request('CreateUserGroup', { UserStoreId: store(), DisplayName: 'admins' });
      const { UserGroupId } = await client.request('CreateUserGroup', {
        UserStoreId: store(),
        DisplayName: 'readers',
      });

      await expectCiamError(
        client.request('CreateUserGroup', { UserStoreId: store(), DisplayName: 'admins' }),
        'FailedOperation.UserGroupNameAlreadyExists',
      );
      await expectCiamError(
        client.request('UpdateUserGroup', {
          UserStoreId: store(),
          UserGroupId,
          DisplayName: 'admins',
        }),
        'FailedOperation.UserGroupNameAlreadyExists',
      );
    });

    it('UpdateUserGroup answers UserGroupNotFound for an unknown group', async () => {
      await expectCiamError(
        client.request('UpdateUserGroup', {
          UserStoreId: store(),
          UserGroupId: 'nope',
          DisplayName: 'x',
        }),
        'FailedOperation.UserGroupNotFound',
      );
    });

    it('answers InvalidUserStore for an unknown UserStoreId', async () => {
      await expectCiamError(
        client.request('ListUserGroups', { UserStoreId: 'nope', Pageable: PAGE }),
        'FailedOperation.InvalidUserStore',
      );
    });

    it('answers InvalidParameterValue to a page size of 0', async () => {
      await expectCiamError(
        client.request('ListUserGroups', {
          UserStoreId: store(),
          Pageable: { PageSize: 0, PageNumber: 1 },
        }),
        'InvalidParameterValue',
      );
    });
  });
});
