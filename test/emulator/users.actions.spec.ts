import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';

const PAGE = { PageSize: 20, PageNumber: 1 };

describe('CIAM emulator: user actions', () => {
  let emulator: CiamEmulator;
  let client: CommonClient;
  let store: string;

  const createUser = async (fields: Record<string, unknown>): Promise<any> =>
    (await client.request('CreateUser', { UserStoreId: store, ...fields })).User;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
    client = ciamClient(emulator);
    store = emulator.userStoreId;
  });

  beforeEach(() => emulator.reset());

  afterAll(() => emulator.close());

  describe('CreateUser', () => {
    it('creates a user and answers it masked, without the password', async () => {
      const user = await createUser({
        UserName: 'ada',
        PhoneNumber: '13812341234',
        Email: 'lovelace@example.com',
        Password: 'S3cret!',
        Nickname: 'Ada',
        CustomizationAttributes: [{ Name: 'team', Value: 'engines' }],
      });

      expect(user).toMatchObject({
        UserName: 'ada',
        PhoneNumber: '138****1234',
        Email: 'lov****@example.com',
        Nickname: 'Ada',
        Status: 'NORMAL',
        UserStoreId: store,
        CustomAttributes: [{ Name: 'team', Value: 'engines' }],
      });
      expect(user.CustomAttributes[0]).not.toHaveProperty('Type');
      expect(user.UserId).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(user)).not.toContain('S3cret!');
    });

    it('answers MissingParameter without UserStoreId', async () => {
      await expectCiamError(client.request('CreateUser', { UserName: 'x' }), 'MissingParameter');
    });

    it('answers FailedOperation.InvalidUserStore for an unknown user store', async () => {
      await expectCiamError(
        client.request('CreateUser', { UserStoreId: 'f'.repeat(32), UserName: 'x' }),
        'FailedOperation.InvalidUserStore',
      );
    });

    it('answers FailedOperation.UserNameIsNull with none of user name, email or phone', async () => {
      await expectCiamError(createUser({ Nickname: 'nobody' }), 'FailedOperation.UserNameIsNull');
    });

    it('answers InvalidParameterValue to a wrongly typed field', async () => {
      const error = await expectCiamError(
        createUser({ UserName: 'ada', Birthdate: 'yesterday' }),
        'InvalidParameterValue',
      );

      expect(error.message).toContain('Birthdate');
    });

    it.each([
      ['UserName', { UserName: 'ada' }, 'FailedOperation.UserNameAlreadyExists'],
      ['Email', { Email: 'ADA@example.com' }, 'FailedOperation.EmailAlreadyExists'],
      ['PhoneNumber', { PhoneNumber: '13812341234' }, 'FailedOperation.PhoneNumberAlreadyExists'],
    ])('answers a duplicate %s with %s', async (_field, duplicate, code) => {
      await createUser({ UserName: 'ada', Email: 'ada@example.com', PhoneNumber: '13812341234' });

      await expectCiamError(createUser({ UserName: 'other', ...duplicate }), code);
    });

    it('answers FailedOperation.IndexedAttributeTooLong past 512 characters', async () => {
      await expect(
        createUser({ UserName: 'ok', IndexedAttribute3: 'x'.repeat(512) }),
      ).resolves.toBeDefined();
      await expectCiamError(
        createUser({ UserName: 'long', IndexedAttribute3: 'x'.repeat(513) }),
        'FailedOperation.IndexedAttributeTooLong',
      );
    });

    it('answers FailedOperation.UserGroupNotFound for an unknown group', async () => {
      await expectCiamError(
        createUser({ UserName: 'ada', UserGroup: ['no-such-group'] }),
        'FailedOperation.UserGroupNotFound',
      );
    });

    it('answers FailedOperation.AttributeFormatError to an email without @', async () => {
      await expectCiamError(
        createUser({ Email: 'not-an-email' }),
        'FailedOperation.AttributeFormatError',
      );
    });
  });

  describe('DescribeUserById', () => {
    it('masks phone and email unless Original is true', async () => {
      const { UserId } = await createUser({ PhoneNumber: '13812341234', Email: 'zhangsan@qq.com' });

      const masked = await client.request('DescribeUserById', { UserStoreId: store, UserId });
      const original = await client.request('DescribeUserById', {
        UserStoreId: store,
        UserId,
        Original: true,
      });

      expect(masked.User).toMatchObject({ PhoneNumber: '138****1234', Email: 'zha****@qq.com' });
      expect(original.User).toMatchObject({ PhoneNumber: '13812341234', Email: 'zhangsan@qq.com' });
    });

    it('answers FailedOperation.UserNotFound for an unknown user', async () => {
      await expectCiamError(
        client.request('DescribeUserById', { UserStoreId: store, UserId: 'nobody' }),
        'FailedOperation.UserNotFound',
      );
    });

    it('answers InvalidParameterValue when Original is not a boolean', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });

      await expectCiamError(
        client.request('DescribeUserById', { UserStoreId: store, UserId, Original: 'yes' }),
        'InvalidParameterValue',
      );
    });
  });

  describe('DescribeUser', () => {
    beforeEach(async () => {
      await createUser({ UserName: 'carol', IndexedAttribute1: 'b' });
      await createUser({ UserName: 'alice', IndexedAttribute1: 'a' });
      await createUser({ UserName: 'bob', IndexedAttribute1: 'a' });
    });

    const describeUser = (fields: Record<string, unknown>): Promise<any> =>
      client.request('DescribeUser', { UserStoreId: store, Pageable: PAGE, ...fields });

    it('filters and sorts on whitelisted keys', async () => {
      const result = await describeUser({
        Filters: [{ PropertyKey: 'indexedAttribute1', PropertyValue: 'a' }],
        Sort: { PropertyKey: 'userName', Order: 'DESC' },
      });

      expect(result.Total).toBe(2);
      expect(result.Content.map((user: any) => user.UserName)).toEqual(['bob', 'alice']);
      expect(result.Pageable).toEqual(PAGE);
    });

    it('negates a filter with Logic false', async () => {
      const result = await describeUser({
        Filters: [{ PropertyKey: 'userName', PropertyValue: 'bob', Logic: false }],
      });

      expect(result.Content.map((user: any) => user.UserName)).toEqual(['carol', 'alice']);
    });

    it('pages', async () => {
      const result = await describeUser({ Pageable: { PageSize: 2, PageNumber: 2 } });

      expect(result.Total).toBe(3);
      expect(result.Content.map((user: any) => user.UserName)).toEqual(['bob']);
    });

    it('answers MissingParameter without Pageable', async () => {
      await expectCiamError(
        client.request('DescribeUser', { UserStoreId: store }),
        'MissingParameter',
      );
    });

    it('answers QueryUsersParameterMustInWhitelist to a filter key outside the whitelist', async () => {
      await expectCiamError(
        describeUser({ Filters: [{ PropertyKey: 'nickname', PropertyValue: 'x' }] }),
        'FailedOperation.QueryUsersParameterMustInWhitelist',
      );
    });

    it('answers QueryUsersParameterRepeat to a repeated filter key', async () => {
      await expectCiamError(
        describeUser({
          Filters: [
            { PropertyKey: 'userName', PropertyValue: 'a' },
            { PropertyKey: 'userName', PropertyValue: 'b' },
          ],
        }),
        'FailedOperation.QueryUsersParameterRepeat',
      );
    });

    it('answers QueryUsersSortParameterMustInWhitelist to a sort key outside the whitelist', async () => {
      await expectCiamError(
        describeUser({ Sort: { PropertyKey: 'nickname', Order: 'ASC' } }),
        'FailedOperation.QueryUsersSortParameterMustInWhitelist',
      );
    });

    it('accepts id as a sort key', async () => {
      const result = await describeUser({ Sort: { PropertyKey: 'id', Order: 'ASC' } });
      const ids = result.Content.map((user: any) => user.UserId);

      expect(ids).toEqual([...ids].sort());
    });
  });

  describe('ListUser and ListUserByProperty', () => {
    it('lists users matching a condition and a group', async () => {
      const { UserGroupId } = await client.request('CreateUserGroup', {
        UserStoreId: store,
        DisplayName: 'admins',
      });
      await createUser({ UserName: 'ada', UserGroup: [UserGroupId] });
      await createUser({ UserName: 'adam' });
      await createUser({ UserName: 'bob', UserGroup: [UserGroupId] });

      const result = await client.request('ListUser', {
        UserStoreId: store,
        Pageable: PAGE,
        Filters: [
          { Key: 'condition', Values: ['ada'] },
          { Key: 'userGroupId', Values: [UserGroupId] },
        ],
      });

      expect(result.Content.map((user: any) => user.UserName)).toEqual(['ada']);
      expect(result.Total).toBe(1);
    });

    it('answers InvalidParameterValue to an unknown filter key', async () => {
      await expectCiamError(
        client.request('ListUser', {
          UserStoreId: store,
          Pageable: PAGE,
          Filters: [{ Key: 'nickname', Values: ['x'] }],
        }),
        'InvalidParameterValue',
      );
    });

    it('finds users by email or phone number', async () => {
      await createUser({ UserName: 'ada', Email: 'ada@example.com' });

      const found = await client.request('ListUserByProperty', {
        UserStoreId: store,
        PropertyCode: 'email',
        PropertyValue: 'ada@example.com',
        Original: true,
      });

      expect(found.Users.map((user: any) => user.Email)).toEqual(['ada@example.com']);
      await expectCiamError(
        client.request('ListUserByProperty', {
          UserStoreId: store,
          PropertyCode: 'userName',
          PropertyValue: 'ada',
        }),
        'InvalidParameterValue',
      );
    });
  });

  describe('UpdateUser and DeleteUsers', () => {
    it('updates the given fields only', async () => {
      const { UserId } = await createUser({ UserName: 'ada', Nickname: 'A' });

      const { User } = await client.request('UpdateUser', {
        UserStoreId: store,
        UserId,
        Address: 'London',
      });

      expect(User).toMatchObject({ UserName: 'ada', Nickname: 'A', Address: 'London' });
    });

    it('answers UserNotFound, duplicate and group errors', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });
      await createUser({ UserName: 'bob' });

      await expectCiamError(
        client.request('UpdateUser', { UserStoreId: store, UserId: 'nobody', Nickname: 'x' }),
        'FailedOperation.UserNotFound',
      );
      await expectCiamError(
        client.request('UpdateUser', { UserStoreId: store, UserId, UserName: 'bob' }),
        'FailedOperation.UserNameAlreadyExists',
      );
      await expectCiamError(
        client.request('UpdateUser', { UserStoreId: store, UserId, UserGroup: ['none'] }),
        'FailedOperation.UserGroupNotFound',
      );
      await expect(
        client.request('UpdateUser', { UserStoreId: store, UserId, UserName: 'ada' }),
      ).resolves.toBeDefined();
    });

    it('deletes users and skips unknown ids', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });

      await client.request('DeleteUsers', { UserStoreId: store, UserIds: [UserId, 'nobody'] });

      await expectCiamError(
        client.request('DescribeUserById', { UserStoreId: store, UserId }),
        'FailedOperation.UserNotFound',
      );
    });
  });

  describe('passwords and status', () => {
    it('ResetPassword answers the new password', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });

      const { Password } = await client.request('ResetPassword', { UserStoreId: store, UserId });

      expect(typeof Password).toBe('string');
      expect(Password.length).toBeGreaterThanOrEqual(12);
    });

    it('SetPassword answers PasswordIsNull without a password', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });

      await expectCiamError(
        client.request('SetPassword', { UserStoreId: store, UserId }),
        'FailedOperation.PasswordIsNull',
      );
      await expect(
        client.request('SetPassword', { UserStoreId: store, UserId, Password: 'N3w!pass' }),
      ).resolves.toBeDefined();
    });

    it('answers UserNotFound to password calls for an unknown user', async () => {
      await expectCiamError(
        client.request('ResetPassword', { UserStoreId: store, UserId: 'nobody' }),
        'FailedOperation.UserNotFound',
      );
      await expectCiamError(
        client.request('SetPassword', { UserStoreId: store, UserId: 'nobody', Password: 'x' }),
        'FailedOperation.UserNotFound',
      );
    });

    it('answers UserIsFreeze to password calls once the user is frozen', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });
      await client.request('UpdateUserStatus', { UserStoreId: store, UserId, Status: 'FREEZE' });

      await expectCiamError(
        client.request('ResetPassword', { UserStoreId: store, UserId }),
        'FailedOperation.UserIsFreeze',
      );
      await expectCiamError(
        client.request('SetPassword', { UserStoreId: store, UserId, Password: 'N3w!pass' }),
        'FailedOperation.UserIsFreeze',
      );
    });

    it('UpdateUserStatus locks a user and reports the lock', async () => {
      const { UserId } = await createUser({ UserName: 'ada' });

      await client.request('UpdateUserStatus', { UserStoreId: store, UserId, Status: 'LOCK' });
      const { User } = await client.request('DescribeUserById', { UserStoreId: store, UserId });

      expect(User).toMatchObject({ Status: 'LOCK', LockType: 'ADMIN_LOCK' });
      expect(typeof User.LockTime).toBe('number');
    });

    it.each([
      ['no Status', {}, 'FailedOperation.UserStatusRequired'],
      ['an unknown Status', { Status: 'BANNED' }, 'FailedOperation.InvalidUserStatusEnum'],
    ])('UpdateUserStatus with %s answers %s', async (_label, fields, code) => {
      const { UserId } = await createUser({ UserName: 'ada' });

      await expectCiamError(
        client.request('UpdateUserStatus', { UserStoreId: store, UserId, ...fields }),
        code,
      );
    });

    it('UpdateUserStatus answers UserNotFound for an unknown user', async () => {
      await expectCiamError(
        client.request('UpdateUserStatus', { UserStoreId: store, UserId: 'x', Status: 'NORMAL' }),
        'FailedOperation.UserNotFound',
      );
    });
  });

  describe('LinkAccount', () => {
    const link = (
      PrimaryUserId: string,
      SecondaryUserId: string,
      attribute = 'EMAIL',
    ): Promise<any> =>
      client.request('LinkAccount', {
        UserStoreId: store,
        PrimaryUserId,
        SecondaryUserId,
        UserLinkedOnAttribute: attribute,
      });

    it('links a secondary account once', async () => {
      const primary = await createUser({ UserName: 'primary' });
      const secondary = await createUser({ UserName: 'secondary' });
      const third = await createUser({ UserName: 'third' });

      await link(primary.UserId, secondary.UserId);
      const { User } = await client.request('DescribeUserById', {
        UserStoreId: store,
        UserId: primary.UserId,
      });

      expect(User.Primary).toBe(true);
      await expectCiamError(
        link(third.UserId, secondary.UserId),
        'FailedOperation.AccountAlreadyBeLinked',
      );
    });

    it('answers PrimaryUserNotFound and SecondaryUserNotFound', async () => {
      const user = await createUser({ UserName: 'ada' });

      await expectCiamError(link('nobody', user.UserId), 'FailedOperation.PrimaryUserNotFound');
      await expectCiamError(link(user.UserId, 'nobody'), 'FailedOperation.SecondaryUserNotFound');
    });

    it('answers InvalidUserStatusEnum to an unknown UserLinkedOnAttribute', async () => {
      const a = await createUser({ UserName: 'a' });
      const b = await createUser({ UserName: 'b' });

      await expectCiamError(
        link(a.UserId, b.UserId, 'USERNAME'),
        'FailedOperation.InvalidUserStatusEnum',
      );
    });

    it('answers MissingParameter without UserLinkedOnAttribute', async () => {
      await expectCiamError(
        client.request('LinkAccount', {
          UserStoreId: store,
          PrimaryUserId: 'a',
          SecondaryUserId: 'b',
        }),
        'MissingParameter',
      );
    });
  });
});
