import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// The CIAM service alone: the package root loads all ~260 services.
import { ciam } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/index.js';
import type {
  CreateApiImportUserJobRequest,
  CreateFileExportUserJobRequest,
  CreateUserGroupRequest,
  CreateUserRequest,
  CreateUserStoreRequest,
  DeleteUserGroupsRequest,
  DeleteUserStoreRequest,
  DeleteUsersRequest,
  DescribeUserByIdRequest,
  DescribeUserRequest,
  LinkAccountRequest,
  ListJobsRequest,
  ListLogMessageByConditionRequest,
  ListUserByPropertyRequest,
  ListUserGroupsRequest,
  ListUserRequest,
  ResetPasswordRequest,
  SetPasswordRequest,
  UpdateUserGroupRequest,
  UpdateUserRequest,
  UpdateUserStatusRequest,
  UpdateUserStoreRequest,
  User,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/v20220331/ciam_models.js';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { expectCiamError } from './emulator-client.util.js';
import {
  checkCiamResponse,
  checkModel,
  ciamModels,
  parseModelDeclarations,
} from './sdk-model-validator.util.js';

const { Client } = ciam.v20220331;
type CiamClient = InstanceType<typeof Client>;

const PAGE = { PageSize: 20, PageNumber: 1 };

/** Every action the SDK has a response model for. */
function sdkActions(): string[] {
  return [...ciamModels().keys()]
    .filter((name) => name.endsWith('Response'))
    .map((name) => name.slice(0, -'Response'.length))
    .sort();
}

describe('CIAM emulator: responses follow the SDK models (typed client)', () => {
  let emulator: CiamEmulator;
  let client: CiamClient;

  beforeAll(async () => {
    // Jobs stay running until completeJobs(), so ListJobs shows both states.
    emulator = await startCiamEmulator({ jobDurationMs: 60_000 });
    client = new Client({
      credential: { secretId: emulator.secretId, secretKey: emulator.secretKey },
      region: emulator.region,
      profile: {
        httpProfile: { protocol: 'http://', endpoint: emulator.endpoint, reqTimeout: 5 },
      },
    });
  });

  afterAll(() => emulator.close());

  it('answers all 23 actions with rich responses that match their models', async () => {
    const problems: string[] = [];
    const called = new Set<string>();
    const check = <T>(action: string, response: T): T => {
      called.add(action);
      problems.push(...checkCiamResponse(action, response));
      return response;
    };

    // User store
    const createStore: CreateUserStoreRequest = {
      UserPoolName: 'sdk-models',
      UserPoolDesc: 'Checked against the SDK models',
    };
    const { UserStoreId: store = '' } = check(
      'CreateUserStore',
      await client.CreateUserStore(createStore),
    );
    const updateStore: UpdateUserStoreRequest = {
      UserPoolId: store,
      UserPoolLogo: 'https://example.com/logo.png',
    };
    check('UpdateUserStore', await client.UpdateUserStore(updateStore));
    const stores = check('ListUserStore', await client.ListUserStore());
    expect(stores.UserStoreSet).toHaveLength(2);
    expect(stores.UserStoreSet).toContainEqual(
      expect.objectContaining({ UserStoreId: store, UserStoreLogo: updateStore.UserPoolLogo }),
    );

    // User groups
    const createAdmins: CreateUserGroupRequest = {
      UserStoreId: store,
      DisplayName: 'admins',
      Description: 'Everything',
    };
    const { UserGroupId: admins = '' } = check(
      'CreateUserGroup',
      await client.CreateUserGroup(createAdmins),
    );
    const createGuests: CreateUserGroupRequest = { UserStoreId: store, DisplayName: 'guests' };
    const { UserGroupId: guests = '' } = check(
      'CreateUserGroup',
      await client.CreateUserGroup(createGuests),
    );
    const updateGroup: UpdateUserGroupRequest = {
      UserStoreId: store,
      UserGroupId: admins,
      DisplayName: 'administrators',
      Description: 'Everything, carefully',
    };
    check('UpdateUserGroup', await client.UpdateUserGroup(updateGroup));
    const listGroups: ListUserGroupsRequest = { UserStoreId: store, Pageable: PAGE };
    const groups = check('ListUserGroups', await client.ListUserGroups(listGroups));
    expect(groups.Content).toHaveLength(2);

    // Users
    const newUser = (name: string, phone: string): CreateUserRequest => ({
      UserStoreId: store,
      UserName: name,
      PhoneNumber: phone,
      Email: `${name}@example.com`,
      Password: 'S3cret!pass',
    });
    const createAda: CreateUserRequest = {
      ...newUser('ada', '13812341234'),
      Nickname: 'Ada',
      Address: 'London',
      UserGroup: [admins, guests],
      Birthdate: Date.UTC(1815, 11, 10),
      CustomizationAttributes: [
        { Name: 'team', Value: 'engines' },
        { Name: 'level', Value: '3', Type: 'number' },
      ],
      IndexedAttribute1: 'analytical',
      UserOrg: ['org-1'],
    };
    const created = check('CreateUser', await client.CreateUser(createAda));
    const ada: User = created.User ?? {};
    expect(ada.CustomAttributes).toHaveLength(2);
    const { User: secondary = {} } = check(
      'CreateUser',
      await client.CreateUser(newUser('ada2', '13812345678')),
    );
    const { User: eve = {} } = check(
      'CreateUser',
      await client.CreateUser(newUser('eve', '13900001111')),
    );
    const [adaId = '', secondaryId = '', eveId = ''] = [ada.UserId, secondary.UserId, eve.UserId];

    const updateAda: UpdateUserRequest = {
      UserStoreId: store,
      UserId: adaId,
      Nickname: 'Countess',
      CustomizationAttributes: [{ Name: 'team', Value: 'poetry' }],
    };
    check('UpdateUser', await client.UpdateUser(updateAda));
    const byId: DescribeUserByIdRequest = { UserStoreId: store, UserId: adaId, Original: true };
    const described = check('DescribeUserById', await client.DescribeUserById(byId));
    expect(described.User).toMatchObject({ Nickname: 'Countess', Email: 'ada@example.com' });

    const describeUsers: DescribeUserRequest = {
      UserStoreId: store,
      Pageable: PAGE,
      Filters: [{ PropertyKey: 'userName', PropertyValue: 'a', OperateLogic: '>=', Logic: true }],
      Sort: { PropertyKey: 'userName', Order: 'DESC' },
    };
    const describedUsers = check('DescribeUser', await client.DescribeUser(describeUsers));
    expect(describedUsers.Content?.length).toBeGreaterThan(1);
    const listUsers: ListUserRequest = {
      UserStoreId: store,
      Pageable: PAGE,
      Filters: [{ Key: 'condition', Values: ['example.com'] }],
    };
    const listed = check('ListUser', await client.ListUser(listUsers));
    expect(listed.Content).toHaveLength(3);
    const byProperty: ListUserByPropertyRequest = {
      UserStoreId: store,
      PropertyCode: 'email',
      PropertyValue: 'ada@example.com',
      Original: true,
    };
    const found = check('ListUserByProperty', await client.ListUserByProperty(byProperty));
    expect(found.Users).toHaveLength(1);

    const reset: ResetPasswordRequest = { UserStoreId: store, UserId: adaId };
    expect(check('ResetPassword', await client.ResetPassword(reset)).Password).toEqual(
      expect.any(String),
    );
    const setPassword: SetPasswordRequest = {
      UserStoreId: store,
      UserId: adaId,
      Password: 'N3w!pass',
    };
    check('SetPassword', await client.SetPassword(setPassword));
    const lock: UpdateUserStatusRequest = { UserStoreId: store, UserId: eveId, Status: 'LOCK' };
    check('UpdateUserStatus', await client.UpdateUserStatus(lock));
    const locked = check(
      'DescribeUserById',
      await client.DescribeUserById({ UserStoreId: store, UserId: eveId }),
    );
    expect(locked.User).toMatchObject({ Status: 'LOCK', LockTime: expect.any(Number) });
    const link: LinkAccountRequest = {
      UserStoreId: store,
      PrimaryUserId: adaId,
      SecondaryUserId: secondaryId,
      UserLinkedOnAttribute: 'EMAIL',
    };
    check('LinkAccount', await client.LinkAccount(link));

    // Data-sync jobs: one import with two failures (one without any identifier), one export.
    const importJob: CreateApiImportUserJobRequest = {
      UserStoreId: store,
      DataFlowUserCreateList: [
        {
          UserName: 'grace',
          Email: 'grace@example.com',
          Birthdate: '1906-12-09',
          UserGroup: [guests],
          CustomizationAttributes: [{ Name: 'team', Value: 'compilers', Type: 'string' }],
        },
        { Nickname: 'nobody in particular' },
        { UserName: 'ada' },
      ],
    };
    check('CreateApiImportUserJob', await client.CreateApiImportUserJob(importJob));
    const exportJob: CreateFileExportUserJobRequest = {
      UserStoreId: store,
      Format: 'CSV',
      Filters: [{ Key: 'userGroupId', Values: [admins] }],
      ExportPropertyMaps: [{ UserPropertyCode: 'userName', ColumnName: 'name' }],
    };
    check('CreateFileExportUserJob', await client.CreateFileExportUserJob(exportJob));
    const listJobs: ListJobsRequest = { UserStoreId: store };
    const running = check('ListJobs', await client.ListJobs(listJobs));
    expect(running.JobSet?.map((job) => job.Status)).toEqual(['PROCESSING', 'PROCESSING']);
    emulator.completeJobs();
    const done = check('ListJobs', await client.ListJobs(listJobs));
    expect(done.JobSet?.map((job) => job.Status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(done.JobSet?.[0].FailedUsers).toHaveLength(2);
    expect(done.JobSet?.[1].Location).toEqual(expect.any(String));

    // Audit log
    const logQuery: ListLogMessageByConditionRequest = {
      UserStoreId: store,
      Pageable: PAGE,
      StartTime: 0,
    };
    const logs = check(
      'ListLogMessageByCondition',
      await client.ListLogMessageByCondition(logQuery),
    );
    expect(logs.Content?.length).toBeGreaterThan(5);

    // Deletes
    const deleteUsers: DeleteUsersRequest = { UserStoreId: store, UserIds: [eveId] };
    check('DeleteUsers', await client.DeleteUsers(deleteUsers));
    const deleteGroups: DeleteUserGroupsRequest = { UserStoreId: store, UserGroupIds: [guests] };
    const deleted = check('DeleteUserGroups', await client.DeleteUserGroups(deleteGroups));
    expect(deleted.UserGroupDeletedInfo).toBeDefined();
    const deleteStore: DeleteUserStoreRequest = { UserPoolId: store };
    check('DeleteUserStore', await client.DeleteUserStore(deleteStore));

    expect(problems).toEqual([]);
    expect([...called].sort()).toEqual(sdkActions());
    expect(called.size).toBe(23);
  });

  it('answers UnknownParameter to UpdateUser with a Password, which its model lacks', async () => {
    const { User: user = {} } = await client.CreateUser({
      UserStoreId: emulator.userStoreId,
      UserName: 'pat',
      PhoneNumber: '13700001234',
      Email: 'pat@example.com',
      Password: 'S3cret!pass',
    });
    // Typed as the model plus the stray field, as an untyped caller would send it.
    const withPassword: UpdateUserRequest & { Password: string } = {
      UserStoreId: emulator.userStoreId,
      UserId: user.UserId ?? '',
      Password: 'N3w!pass',
    };

    const error = await expectCiamError(client.UpdateUser(withPassword), 'UnknownParameter');

    expect(error.message).toContain('Password');
  });
});

describe('SDK model validator', () => {
  const SAMPLE = `
export interface Box {
  /**
   * 标签
   注意：此字段可能返回 null，表示取不到有效值。
   */
  Label?: string;
  /** 内容 */
  Items: Item[];
  Ids?: Array<number | bigint>;
}
export interface Item {
  Name: string;
}
export type Nothing = null;
`;

  it('reads every CIAM response model and the null notes of their fields', () => {
    const models = ciamModels();
    const user = models.get('User');
    const memberMap = models.get('MemberMap');

    expect(sdkActions()).toHaveLength(23);
    expect(user?.kind === 'interface' && user.properties.get('UserName')?.nullable).toBe(true);
    expect(memberMap?.kind === 'interface' && memberMap.properties.get('Type')).toEqual({
      type: { kind: 'string' },
      optional: true,
      nullable: false,
    });
  });

  it('accepts a value that follows its model', () => {
    const response = {
      User: {
        UserId: 'u1',
        UserName: null,
        CustomAttributes: [{ Name: 'team', Value: 'engines', Type: 'string' }],
        WeComUserOrgs: [1, 2],
      },
      RequestId: 'r1',
    };

    expect(checkCiamResponse('DescribeUserById', response)).toEqual([]);
  });

  it('reports unknown fields, wrong types and nulls the model does not allow', () => {
    const response = {
      User: {
        UserId: 'u1',
        CustomAttributes: [{ Name: 'team', Value: 'engines', Type: null }],
        Primary: 'yes',
        Shoe: 42,
      },
      RequestId: 'r1',
    };

    expect(checkCiamResponse('DescribeUserById', response)).toEqual([
      'DescribeUserById.User.CustomAttributes[0].Type: null not allowed',
      'DescribeUserById.User.Primary: expected boolean, got string',
      'DescribeUserById.User.Shoe: unknown field (not in User)',
    ]);
  });

  it('reports missing required fields and values of the wrong shape', () => {
    const response = { Pageable: { PageSize: 20 }, Content: {}, Total: '3' };

    expect(checkCiamResponse('ListUser', response)).toEqual([
      'ListUser.Pageable.PageNumber: required field missing',
      'ListUser.Content: expected Array<User>, got object',
      'ListUser.Total: expected number, got string',
    ]);
  });

  it('handles X[], Array<X>, unions, nested interfaces and null aliases', () => {
    const models = parseModelDeclarations(SAMPLE);

    expect(checkModel(models, 'Box', { Label: null, Items: [{ Name: 'a' }] }, 'box')).toEqual([]);
    expect(checkModel(models, 'Nothing', null, 'nothing')).toEqual([]);
    expect(
      checkModel(models, 'Box', { Items: [{ Name: 1 }, null, {}], Ids: [3, 'x'] }, 'box'),
    ).toEqual([
      'box.Items[0].Name: expected string, got number',
      'box.Items[1]: null not allowed',
      'box.Items[2].Name: required field missing',
      'box.Ids[1]: expected number | bigint, got string',
    ]);
    expect(checkModel(models, 'Box', { Items: null, Ids: null }, 'box')).toEqual([
      'box.Items: null not allowed',
      'box.Ids: null not allowed',
    ]);
    expect(checkModel(models, 'Box', [], 'box')).toEqual(['box: expected Box, got array']);
  });

  it.each([
    ['an interface that extends another', 'export interface A extends B {}\ninterface B {}'],
    ['a method', 'export interface A { f(): void; }'],
    ['a type it does not model', 'export interface A { f: Record<string, string>; }'],
    ['a reference to an undeclared model', 'export interface A { f: Missing; }'],
  ])('refuses %s rather than passing it unchecked', (_label, source) => {
    expect(() => parseModelDeclarations(source)).toThrow();
  });
});
