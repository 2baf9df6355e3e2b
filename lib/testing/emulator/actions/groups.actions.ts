import { CiamEmulatorError, invalidParameterValue, missingParameter } from '../emulator-error.js';
import { newCiamId } from '../emulator-state.js';
import type { UserGroupRecord, UserStoreRecord } from '../emulator-state.js';
import type { Params } from '../params.util.js';
import {
  optionalBoolean,
  optionalRecordArray,
  optionalString,
  paginate,
  requirePageable,
  requireString,
  requireStringArray,
} from '../params.util.js';
import type { ActionContext, ActionResponse, ActionTable } from './action.interface.js';

function storeOf(params: Params, context: ActionContext): UserStoreRecord {
  return context.state.requireStore(requireString(params.UserStoreId, 'UserStoreId'));
}

function assertNameFree(store: UserStoreRecord, displayName: string, exceptId?: string): void {
  const taken = [...store.groups.values()].some(
    (group) => group.id !== exceptId && group.displayName === displayName,
  );
  if (taken) throw new CiamEmulatorError('FailedOperation.UserGroupNameAlreadyExists');
}

function createUserGroup(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const displayName = requireString(params.DisplayName, 'DisplayName');
  const description = optionalString(params.Description, 'Description');
  assertNameFree(store, displayName);
  const group: UserGroupRecord = {
    id: newCiamId(),
    displayName,
    description,
    createdDate: context.now,
    lastModifiedDate: context.now,
  };
  store.groups.set(group.id, group);
  return { UserGroupId: group.id };
}

function updateUserGroup(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const groupId = requireString(params.UserGroupId, 'UserGroupId');
  const displayName = requireString(params.DisplayName, 'DisplayName');
  const description = optionalString(params.Description, 'Description');
  const group = store.groups.get(groupId);
  if (group === undefined) throw new CiamEmulatorError('FailedOperation.UserGroupNotFound');
  assertNameFree(store, displayName, group.id);
  group.displayName = displayName;
  if (description !== undefined) group.description = description;
  group.lastModifiedDate = context.now;
  return {};
}

/**
 * Unknown ids are skipped; members lose the deleted groups. No error means no ErrorMessage:
 * the SDK model allows no null there.
 */
function deleteUserGroups(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const groupIds = requireStringArray(params.UserGroupIds, 'UserGroupIds');
  if (groupIds.length === 0) throw missingParameter('UserGroupIds');
  for (const groupId of groupIds) store.groups.delete(groupId);
  for (const user of store.users.values()) {
    user.userGroups = user.userGroups.filter((id) => store.groups.has(id));
  }
  return { UserGroupDeletedInfo: { AppAssociatedUserGroupIds: [] } };
}

/** `condition` matches the group id exactly or the display name by substring. */
function groupFilters(value: unknown): ((group: UserGroupRecord) => boolean)[] {
  const filters = optionalRecordArray(value, 'Filters') ?? [];
  return filters.map((filter, index) => {
    const path = `Filters.${index}`;
    if (requireString(filter.Key, `${path}.Key`) !== 'condition') {
      throw invalidParameterValue(`${path}.Key`, 'condition');
    }
    const values = requireStringArray(filter.Values, `${path}.Values`);
    const include = optionalBoolean(filter.Logic, `${path}.Logic`) ?? true;
    return (group) =>
      values.some(
        (text) => group.id === text || group.displayName.toLowerCase().includes(text.toLowerCase()),
      ) === include;
  });
}

function listUserGroups(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const pageable = requirePageable(params.Pageable);
  const predicates = groupFilters(params.Filters);
  const groups = [...store.groups.values()]
    .filter((group) => predicates.every((matches) => matches(group)))
    .sort((a, b) => a.createdDate - b.createdDate);
  return {
    Content: paginate(groups, pageable).map((group) => ({
      UserGroupId: group.id,
      DisplayName: group.displayName,
      Description: group.description ?? null,
      UserStoreId: store.id,
      TenantId: context.state.tenantId,
      CreatedDate: group.createdDate,
      LastModifyDate: group.lastModifiedDate,
    })),
    Total: groups.length,
    Pageable: pageable,
  };
}

/** The four user-group actions of CIAM 2022-03-31. */
export const GROUP_ACTIONS: ActionTable = {
  CreateUserGroup: {
    parameters: ['UserStoreId', 'DisplayName', 'Description'],
    handle: createUserGroup,
  },
  UpdateUserGroup: {
    parameters: ['UserStoreId', 'UserGroupId', 'DisplayName', 'Description'],
    handle: updateUserGroup,
  },
  DeleteUserGroups: { parameters: ['UserStoreId', 'UserGroupIds'], handle: deleteUserGroups },
  ListUserGroups: {
    parameters: ['UserStoreId', 'Pageable', 'Filters'],
    handle: listUserGroups,
  },
};
