import { randomBytes } from 'node:crypto';
import { CiamEmulatorError, invalidParameterValue } from '../emulator-error.js';
import { USER_STATUSES, newCiamId } from '../emulator-state.js';
import type { UserRecord, UserStoreRecord } from '../emulator-state.js';
import type { Params } from '../params.util.js';
import {
  isOneOf,
  optionalBoolean,
  optionalString,
  paginate,
  requirePageable,
  requireString,
  requireStringArray,
} from '../params.util.js';
import type { ActionContext, ActionResponse, ActionTable } from './action.interface.js';
import {
  byCreation,
  describeUserFilters,
  describeUserSort,
  listUserFilters,
} from './user-query.util.js';
import {
  USER_INPUT_PARAMETERS,
  applyUserInput,
  assertGroupsExist,
  assertUnique,
  assertValidAttributes,
  invalidEnum,
  newUserRecord,
  readUserInput,
  requireUser,
  toApiUser,
} from './user-records.util.js';
import type { UserInput } from './user-records.util.js';

const PROPERTY_CODES = ['phoneNumber', 'email'] as const;
const LINK_ATTRIBUTES = ['PHONENUMBER', 'EMAIL'] as const;

function storeOf(params: Params, context: ActionContext): UserStoreRecord {
  return context.state.requireStore(requireString(params.UserStoreId, 'UserStoreId'));
}

function userView(
  context: ActionContext,
  store: UserStoreRecord,
  user: UserRecord,
  original = false,
): Record<string, unknown> {
  return toApiUser(store, context.state.tenantId, user, original);
}

/** Rules shared by CreateUser and UpdateUser, in the order the service reports them. */
function assertUserInput(store: UserStoreRecord, input: UserInput, exceptUserId?: string): void {
  assertValidAttributes(input.attributes);
  assertGroupsExist(store, input.userGroups ?? []);
  assertUnique(store, input.attributes, exceptUserId);
}

/**
 * The documentation marks UserName, PhoneNumber, Email and Password required, but the service
 * creates a user from any one identifier; with none it answers `UserNameIsNull`.
 */
function createUser(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const input = readUserInput(params);
  const { UserName, PhoneNumber, Email } = input.attributes;
  if (!UserName && !PhoneNumber && !Email) {
    throw new CiamEmulatorError('FailedOperation.UserNameIsNull');
  }
  assertUserInput(store, input);
  const user = newUserRecord(newCiamId(), input, context.now);
  store.users.set(user.id, user);
  context.state.audit(
    store,
    'USER_CREATE',
    user.id,
    context.now,
    'The administrator created a user.',
  );
  return { User: userView(context, store, user) };
}

function updateUser(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const userId = requireString(params.UserId, 'UserId');
  const input = readUserInput(params);
  const user = requireUser(store, userId, 'FailedOperation.UserNotFound');
  assertUserInput(store, input, user.id);
  applyUserInput(user, input, context.now);
  context.state.audit(
    store,
    'USER_UPDATE',
    user.id,
    context.now,
    'The administrator updated a user.',
  );
  return { User: userView(context, store, user) };
}

function describeUserById(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const userId = requireString(params.UserId, 'UserId');
  const original = optionalBoolean(params.Original, 'Original') ?? false;
  const user = requireUser(store, userId, 'FailedOperation.UserNotFound');
  return { User: userView(context, store, user, original) };
}

function pageOfUsers(
  params: Params,
  context: ActionContext,
  store: UserStoreRecord,
  users: UserRecord[],
): ActionResponse {
  const pageable = requirePageable(params.Pageable);
  const original = optionalBoolean(params.Original, 'Original') ?? false;
  return {
    Total: users.length,
    Pageable: pageable,
    Content: paginate(users, pageable).map((user) => userView(context, store, user, original)),
  };
}

function describeUser(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  requirePageable(params.Pageable);
  const predicates = describeUserFilters(params.Filters);
  const order = describeUserSort(params.Sort);
  const users = [...store.users.values()].filter((user) => predicates.every((p) => p(user)));
  return pageOfUsers(params, context, store, users.sort(order));
}

function listUser(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  requirePageable(params.Pageable);
  const predicates = listUserFilters(params.Filters);
  const users = [...store.users.values()].filter((user) => predicates.every((p) => p(user)));
  return pageOfUsers(params, context, store, users.sort(byCreation));
}

function listUserByProperty(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const code = requireString(params.PropertyCode, 'PropertyCode');
  if (!isOneOf(code, PROPERTY_CODES)) throw invalidEnum('PropertyCode', PROPERTY_CODES);
  const value = requireString(params.PropertyValue, 'PropertyValue');
  const original = optionalBoolean(params.Original, 'Original') ?? false;
  const field = code === 'email' ? 'Email' : 'PhoneNumber';
  const users = [...store.users.values()]
    .filter((user) => user.attributes[field] === value)
    .sort(byCreation);
  return { Users: users.map((user) => userView(context, store, user, original)) };
}

/** Unknown ids are skipped: DeleteUsers lists no UserNotFound. */
function deleteUsers(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const userIds = requireStringArray(params.UserIds, 'UserIds');
  for (const userId of userIds) {
    if (!store.users.delete(userId)) continue;
    context.state.audit(
      store,
      'USER_DELETE',
      userId,
      context.now,
      'The administrator deleted a user.',
    );
  }
  return {};
}

function assertNotFrozen(user: UserRecord): void {
  if (user.status === 'FREEZE') throw new CiamEmulatorError('FailedOperation.UserIsFreeze');
}

function resetPassword(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const user = requireUser(
    store,
    requireString(params.UserId, 'UserId'),
    'FailedOperation.UserNotFound',
  );
  assertNotFrozen(user);
  user.password = generatePassword();
  user.lastModifiedDate = context.now;
  return { Password: user.password };
}

function generatePassword(): string {
  // Base64url of random bytes plus fixed classes, so any reasonable password policy accepts it.
  return `${randomBytes(9).toString('base64url')}Aa1!`;
}

/** A missing or empty Password answers `PasswordIsNull`, not `MissingParameter`. */
function setPassword(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const userId = requireString(params.UserId, 'UserId');
  const password = optionalString(params.Password, 'Password');
  if (!password) throw new CiamEmulatorError('FailedOperation.PasswordIsNull');
  const user = requireUser(store, userId, 'FailedOperation.UserNotFound');
  assertNotFrozen(user);
  user.password = password;
  user.lastModifiedDate = context.now;
  return {};
}

function updateUserStatus(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const userId = requireString(params.UserId, 'UserId');
  const status = optionalString(params.Status, 'Status');
  if (!status) throw new CiamEmulatorError('FailedOperation.UserStatusRequired');
  if (!isOneOf(status, USER_STATUSES)) {
    throw new CiamEmulatorError('FailedOperation.InvalidUserStatusEnum');
  }
  const user = requireUser(store, userId, 'FailedOperation.UserNotFound');
  user.status = status;
  user.lockTime = status === 'LOCK' ? context.now : undefined;
  user.lastModifiedDate = context.now;
  context.state.audit(
    store,
    'USER_UPDATE',
    user.id,
    context.now,
    `The administrator set the status to ${status}.`,
  );
  return {};
}

/**
 * The secondary account is merged into the primary one and cannot be linked again. CIAM lists
 * `InvalidUserStatusEnum` for LinkAccount; its only enumeration is UserLinkedOnAttribute.
 */
function linkAccount(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const primaryId = requireString(params.PrimaryUserId, 'PrimaryUserId');
  const secondaryId = requireString(params.SecondaryUserId, 'SecondaryUserId');
  const attribute = requireString(params.UserLinkedOnAttribute, 'UserLinkedOnAttribute');
  if (!isOneOf(attribute, LINK_ATTRIBUTES)) {
    throw new CiamEmulatorError('FailedOperation.InvalidUserStatusEnum');
  }
  if (primaryId === secondaryId) {
    throw invalidParameterValue('SecondaryUserId', 'a user other than the primary user');
  }
  const primary = requireUser(store, primaryId, 'FailedOperation.PrimaryUserNotFound');
  const secondary = requireUser(store, secondaryId, 'FailedOperation.SecondaryUserNotFound');
  if (secondary.linkedPrimaryId !== undefined || primary.linkedPrimaryId !== undefined) {
    throw new CiamEmulatorError('FailedOperation.AccountAlreadyBeLinked');
  }
  secondary.linkedPrimaryId = primary.id;
  primary.isPrimary = true;
  context.state.audit(
    store,
    'ACCOUNT_LINKING',
    primary.id,
    context.now,
    `The user ${secondary.id} was linked to ${primary.id} on ${attribute}.`,
  );
  return {};
}

const ORIGINAL = 'Original';

/** The eleven user actions of CIAM 2022-03-31. */
export const USER_ACTIONS: ActionTable = {
  CreateUser: {
    parameters: ['UserStoreId', ...USER_INPUT_PARAMETERS, 'Password'],
    handle: createUser,
  },
  // UpdateUserRequest has no Password: SetPassword and ResetPassword change it.
  UpdateUser: {
    parameters: ['UserStoreId', 'UserId', ...USER_INPUT_PARAMETERS],
    handle: updateUser,
  },
  DescribeUserById: { parameters: ['UserStoreId', 'UserId', ORIGINAL], handle: describeUserById },
  DescribeUser: {
    parameters: ['UserStoreId', 'Pageable', 'Filters', ORIGINAL, 'Sort'],
    handle: describeUser,
  },
  ListUser: { parameters: ['UserStoreId', 'Pageable', 'Filters', ORIGINAL], handle: listUser },
  ListUserByProperty: {
    parameters: ['UserStoreId', 'PropertyCode', 'PropertyValue', ORIGINAL],
    handle: listUserByProperty,
  },
  DeleteUsers: { parameters: ['UserStoreId', 'UserIds'], handle: deleteUsers },
  ResetPassword: { parameters: ['UserStoreId', 'UserId'], handle: resetPassword },
  SetPassword: { parameters: ['UserStoreId', 'UserId', 'Password'], handle: setPassword },
  UpdateUserStatus: { parameters: ['UserStoreId', 'UserId', 'Status'], handle: updateUserStatus },
  LinkAccount: {
    parameters: ['UserStoreId', 'PrimaryUserId', 'SecondaryUserId', 'UserLinkedOnAttribute'],
    handle: linkAccount,
  },
};
