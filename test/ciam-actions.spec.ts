import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AbstractClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/abstract_client.js';
// The CIAM service alone: the package root loads all ~260 services.
import { ciam } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/index.js';
import type { Client as SdkCiamClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/v20220331/ciam_client.js';
import { CIAM_CODE_DEFAULTS } from '../lib/catalog/ciam-code-defaults.js';
import { CIAM_ACTION_ERRORS, CIAM_COMMON_ERRORS } from '../lib/index.js';
import type { CiamActionName, CiamErrorCode } from '../lib/index.js';
import { CIAM_ACTIONS } from '../lib/testing/emulator/actions/index.js';
import { CiamEmulatorError } from '../lib/testing/emulator/emulator-error.js';
import { EmulatorState } from '../lib/testing/emulator/emulator-state.js';
import { rejectUnknownParameters } from '../lib/testing/emulator/params.util.js';
import type { Params } from '../lib/testing/emulator/params.util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EMULATOR = join(ROOT, 'lib/testing/emulator');

// Compile-time checks (npm run typecheck): the names are the SDK client's own methods, and the
// lists take catalog codes only.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SdkActionName = Exclude<keyof SdkCiamClient, keyof AbstractClient>;
const sameNamesAsSdk: Equal<SdkActionName, CiamActionName> = true;
const listsHoldCatalogCodes: Equal<
  (typeof CIAM_ACTION_ERRORS)[CiamActionName][number] | (typeof CIAM_COMMON_ERRORS)[number],
  CiamErrorCode
> = true;
// @ts-expect-error: a code outside the catalog does not fit the table's type
const notACatalogCode: (typeof CIAM_ACTION_ERRORS)['CreateUser'] = ['FailedOperation.NoSuchCode'];

const ACTIONS = Object.keys(CIAM_ACTION_ERRORS) as CiamActionName[];
const CATALOG_CODES = new Set(Object.keys(CIAM_CODE_DEFAULTS));
const COMMON = new Set<string>(CIAM_COMMON_ERRORS);
const allowedFor = (action: CiamActionName) =>
  new Set<string>([...CIAM_ACTION_ERRORS[action], ...CIAM_COMMON_ERRORS]);

describe('CIAM_ACTION_ERRORS and CIAM_COMMON_ERRORS', () => {
  it('compile as stated', () => {
    expect([sameNamesAsSdk, listsHoldCatalogCodes, notACatalogCode.length]).toEqual([
      true,
      true,
      1,
    ]);
  });

  it('name the 23 actions of the official SDK client and of the emulator', () => {
    const sdkMethods = Object.getOwnPropertyNames(ciam.v20220331.Client.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(ACTIONS).toHaveLength(23);
    expect([...ACTIONS].sort()).toEqual([...sdkMethods].sort());
    expect([...ACTIONS].sort()).toEqual(Object.keys(CIAM_ACTIONS).sort());
  });

  it('hold catalog codes only, each once, with no action code repeated in the common list', () => {
    for (const codes of [...Object.values(CIAM_ACTION_ERRORS), CIAM_COMMON_ERRORS]) {
      expect(codes.filter((code) => !CATALOG_CODES.has(code))).toEqual([]);
      expect(new Set(codes).size).toBe(codes.length);
    }
    for (const action of ACTIONS) {
      expect(CIAM_ACTION_ERRORS[action].filter((code) => COMMON.has(code))).toEqual([]);
    }
  });

  it('list every common code of docs/status-table.tsv as common', () => {
    const common = readFileSync(join(ROOT, 'docs/status-table.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter(([, group]) => group === 'common')
      .map(([code]) => code!);
    expect(common.length).toBeGreaterThan(30);
    expect(common.filter((code) => !COMMON.has(code))).toEqual([]);
  });

  it('cover the whole catalog: every code is answered by some call', () => {
    const listed = new Set<string>([
      ...CIAM_COMMON_ERRORS,
      ...Object.values(CIAM_ACTION_ERRORS).flat(),
    ]);
    expect([...CATALOG_CODES].filter((code) => !listed.has(code))).toEqual([]);
  });

  it('are deeply frozen', () => {
    expect(Object.isFrozen(CIAM_ACTION_ERRORS)).toBe(true);
    expect(Object.isFrozen(CIAM_COMMON_ERRORS)).toBe(true);
    for (const action of ACTIONS) expect(Object.isFrozen(CIAM_ACTION_ERRORS[action])).toBe(true);
    expect(() => (CIAM_COMMON_ERRORS as CiamErrorCode[]).push('InternalError')).toThrow(TypeError);
  });
});

// The emulator follows CIAM's rules, so every code it answers for an action must be listed for
// that action or as common. Its action handlers are driven directly: each parameter of each
// action in turn takes values that break one rule, on a seeded user store, idle and with the
// two data-sync jobs CIAM allows already running.

const PAGE = { PageSize: 10, PageNumber: 1 };

interface World {
  readonly state: EmulatorState;
  readonly ids: Readonly<Record<'store' | 'pool' | 'group' | UserKey, string>>;
}
type UserKey = 'alice' | 'frozen' | 'primary' | 'secondary' | 'other';

function run(state: EmulatorState, action: string, params: Params): Record<string, unknown> {
  const definition = CIAM_ACTIONS[action]!;
  rejectUnknownParameters(params, definition.parameters);
  return definition.handle(params, { state, now: Date.now(), jobDurationMs: 60_000 });
}

function seed(busy: boolean): World {
  const state = new EmulatorState();
  const store = state.defaultStoreId;
  const user = (UserName: string, extra: Params = {}) =>
    (
      run(state, 'CreateUser', { UserStoreId: store, UserName, ...extra }).User as {
        UserId: string;
      }
    ).UserId;
  const alice = user('alice', { Email: 'alice@example.com', PhoneNumber: '13800000000' });
  const frozen = user('frozen');
  run(state, 'UpdateUserStatus', { UserStoreId: store, UserId: frozen, Status: 'FREEZE' });
  const primary = user('primary');
  const secondary = user('secondary');
  run(state, 'LinkAccount', {
    UserStoreId: store,
    PrimaryUserId: primary,
    SecondaryUserId: secondary,
    UserLinkedOnAttribute: 'EMAIL',
  });
  const other = user('other');
  const group = run(state, 'CreateUserGroup', { UserStoreId: store, DisplayName: 'admins' })
    .UserGroupId as string;
  const pool = run(state, 'CreateUserStore', { UserPoolName: 'second' }).UserStoreId as string;
  for (let job = 0; busy && job < 2; job++) {
    run(state, 'CreateApiImportUserJob', {
      UserStoreId: store,
      DataFlowUserCreateList: [{ UserName: `imported-${job}` }],
    });
  }
  return { state, ids: { store, pool, group, alice, frozen, primary, secondary, other } };
}

/** A call of each action that succeeds on a seeded world. */
function validParams({ ids }: World): Record<CiamActionName, Params> {
  const UserStoreId = ids.store;
  return {
    CreateUser: { UserStoreId, UserName: 'new-user' },
    DescribeUserById: { UserStoreId, UserId: ids.alice },
    DescribeUser: { UserStoreId, Pageable: PAGE },
    ListUser: { UserStoreId, Pageable: PAGE },
    ListUserByProperty: { UserStoreId, PropertyCode: 'email', PropertyValue: 'alice@example.com' },
    UpdateUser: { UserStoreId, UserId: ids.alice },
    DeleteUsers: { UserStoreId, UserIds: [ids.other] },
    ResetPassword: { UserStoreId, UserId: ids.alice },
    SetPassword: { UserStoreId, UserId: ids.alice, Password: 'Secret-123' },
    UpdateUserStatus: { UserStoreId, UserId: ids.alice, Status: 'LOCK' },
    LinkAccount: {
      UserStoreId,
      PrimaryUserId: ids.alice,
      SecondaryUserId: ids.other,
      UserLinkedOnAttribute: 'EMAIL',
    },
    CreateApiImportUserJob: { UserStoreId, DataFlowUserCreateList: [{ UserName: 'imported' }] },
    CreateFileExportUserJob: { UserStoreId },
    ListJobs: { UserStoreId },
    ListLogMessageByCondition: { UserStoreId, Pageable: PAGE, StartTime: 0 },
    CreateUserStore: { UserPoolName: 'third' },
    UpdateUserStore: { UserPoolId: ids.pool },
    DeleteUserStore: { UserPoolId: ids.pool },
    ListUserStore: {},
    CreateUserGroup: { UserStoreId, DisplayName: 'staff' },
    UpdateUserGroup: { UserStoreId, UserGroupId: ids.group, DisplayName: 'administrators' },
    DeleteUserGroups: { UserStoreId, UserGroupIds: [ids.group] },
    ListUserGroups: { UserStoreId, Pageable: PAGE },
  };
}

/** Values of the wrong type or shape, tried on every parameter. */
const ANY_PARAMETER: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  1.5,
  true,
  [],
  ['x'],
  [{}],
  {},
  'x'.repeat(513),
];

/** Values that break (or keep) one rule of a parameter; as many on every seed. */
function valuesOf(name: string, { ids }: World): readonly unknown[] {
  const specific: Record<string, readonly unknown[]> = {
    UserStoreId: [ids.store, 'no-such-store'],
    UserPoolId: [ids.pool, ids.store, 'no-such-store'],
    UserPoolName: ['default', 'second', 'fourth'],
    UserId: [ids.alice, ids.frozen, 'no-such-user'],
    PrimaryUserId: [ids.alice, ids.primary, ids.secondary, 'no-such-user'],
    SecondaryUserId: [ids.other, ids.primary, ids.secondary, ids.alice, 'no-such-user'],
    UserIds: [[ids.alice], ['no-such-user']],
    UserName: ['alice', 'bob'],
    Email: ['alice@example.com', 'ALICE@example.com', 'not-an-email', 'bob@example.com'],
    PhoneNumber: ['13800000000', 'not a phone', '13900000000'],
    UserGroup: [[ids.group], ['no-such-group']],
    UserOrg: [['org-1']],
    Password: ['Secret-123'],
    Status: ['NORMAL', 'LOCK', 'FREEZE', 'BOGUS'],
    UserLinkedOnAttribute: ['EMAIL', 'PHONENUMBER', 'BOGUS'],
    PropertyCode: ['email', 'phoneNumber', 'bogus'],
    PropertyValue: ['alice@example.com'],
    Pageable: [PAGE, { PageSize: 0, PageNumber: 1 }, { PageSize: 10 }],
    Filters: [
      [{ PropertyKey: 'nope', PropertyValue: 'x' }],
      [
        { PropertyKey: 'userName', PropertyValue: 'a' },
        { PropertyKey: 'userName', PropertyValue: 'b' },
      ],
      [{ PropertyKey: 'userName', PropertyValue: 'alice', OperateLogic: 'like' }],
      [{ Key: 'condition', Values: ['alice'] }],
      [{ Key: 'bogus', Values: ['alice'] }],
      [{ Key: 'condition', Values: [] }],
      [{ Key: 'events', Values: ['SIGNUP'] }],
      [{ Key: 'events', Values: ['BOGUS'] }],
    ],
    Sort: [
      { PropertyKey: 'nope' },
      { PropertyKey: 'userName', Order: 'DESC' },
      { PropertyKey: 'userName', Order: 'UP' },
    ],
    DataFlowUserCreateList: [[{ UserName: 'imported' }], [{ Email: 'not-an-email' }]],
    Format: ['CSV', 'XML'],
    ExportPropertyMaps: [
      [{ UserPropertyCode: 'userName', ColumnName: 'name' }],
      [{ ColumnName: 'name' }],
    ],
    JobIds: [['no-such-job']],
    StartTime: [0, -1],
    UserGroupId: [ids.group, 'no-such-group'],
    DisplayName: ['admins', 'staff'],
    UserGroupIds: [[ids.group], ['no-such-group']],
    Description: ['text'],
    CustomizationAttributes: [[{ Name: 'n', Value: 'v' }], [{ Value: 'v' }]],
    Birthdate: [0, -1],
  };
  return [...(specific[name] ?? []), ...ANY_PARAMETER];
}

/** The code the emulator answers for one call, or `undefined` when it succeeds. */
function answer(busy: boolean, action: CiamActionName, change: (world: World) => Params) {
  const world = seed(busy);
  try {
    run(world.state, action, change(world));
    return undefined;
  } catch (error) {
    // The request pipeline answers anything else as InternalError.
    return error instanceof CiamEmulatorError ? error.code : 'InternalError';
  }
}

/** Every code the emulator answered, by action. */
function driveEmulator(): Map<CiamActionName, Set<string>> {
  const answered = new Map<CiamActionName, Set<string>>();
  for (const action of ACTIONS) {
    const codes = new Set<string>();
    const parameters = CIAM_ACTIONS[action]!.parameters;
    const valid = (world: World) => validParams(world)[action];
    const calls = [valid, (world: World) => ({ ...valid(world), Bogus: 1 })];
    for (const name of parameters) {
      // As many values on every seed: the index picks the same one in each fresh world.
      const count = valuesOf(name, seed(false)).length;
      for (let index = 0; index < count; index++) {
        calls.push((world) => ({ ...valid(world), [name]: valuesOf(name, world)[index] }));
      }
    }
    for (const busy of [false, true]) {
      for (const call of calls) {
        const code = answer(busy, action, call);
        if (code !== undefined) codes.add(code);
      }
    }
    answered.set(action, codes);
  }
  return answered;
}

/** The catalog codes quoted in the emulator's sources (comments aside), by file. */
function quotedCodes(file: string, onlyThrown = false): string[] {
  const source = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
  const pattern = onlyThrown ? /new CiamEmulatorError\(\s*'([^']+)'/g : /'([A-Za-z.]+)'/g;
  return [...source.matchAll(pattern)].map(([, code]) => code!).filter((c) => CATALOG_CODES.has(c));
}

describe('the emulator answers only what the table lists', () => {
  const answered = driveEmulator();

  it('succeeds on the valid call of every action, idle', () => {
    for (const action of ACTIONS) {
      expect([action, answer(false, action, (world) => validParams(world)[action])]).toEqual([
        action,
        undefined,
      ]);
    }
  });

  it.each(ACTIONS)('%s: every code answered is listed for it or common', (action) => {
    const allowed = allowedFor(action);
    const codes = [...answered.get(action)!];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !allowed.has(code))).toEqual([]);
  });

  it('reaches every code the action handlers can throw (the drive is not vacuous)', () => {
    const reached = new Set([...answered.values()].flatMap((codes) => [...codes]));
    const inHandlers = readdirSync(join(EMULATOR, 'actions'))
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => quotedCodes(join(EMULATOR, 'actions', name)));
    expect(new Set(inHandlers).size).toBeGreaterThan(20);
    expect([...new Set(inHandlers)].filter((code) => !reached.has(code))).toEqual([]);
  });

  it('answers outside the handlers (protocol, signature, limits) with common codes only', () => {
    const pipeline = readdirSync(EMULATOR)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => quotedCodes(join(EMULATOR, name), true));
    expect(pipeline).toEqual(
      expect.arrayContaining(['AuthFailure.SignatureFailure', 'InvalidAction']),
    );
    expect(pipeline.filter((code) => !COMMON.has(code))).toEqual([]);
  });
});
