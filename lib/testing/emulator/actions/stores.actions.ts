import { CiamEmulatorError } from '../emulator-error.js';
import type { UserStoreRecord } from '../emulator-state.js';
import type { Params } from '../params.util.js';
import { optionalString, requireString } from '../params.util.js';
import type { ActionContext, ActionResponse, ActionTable } from './action.interface.js';

/** Store actions name the store `UserPoolId`; unknown → `UserStoreNotExist`. */
function requirePool(params: Params, context: ActionContext): UserStoreRecord {
  const id = requireString(params.UserPoolId, 'UserPoolId');
  const store = context.state.stores.get(id);
  if (store === undefined) throw new CiamEmulatorError('FailedOperation.UserStoreNotExist');
  return store;
}

function assertNameFree(context: ActionContext, name: string, exceptId?: string): void {
  const taken = [...context.state.stores.values()].some(
    (store) => store.id !== exceptId && store.name === name,
  );
  if (taken) throw new CiamEmulatorError('FailedOperation.UserStoreAlreadyExists');
}

function createUserStore(params: Params, context: ActionContext): ActionResponse {
  const name = requireString(params.UserPoolName, 'UserPoolName');
  const description = optionalString(params.UserPoolDesc, 'UserPoolDesc');
  const logo = optionalString(params.UserPoolLogo, 'UserPoolLogo');
  assertNameFree(context, name);
  const store = context.state.createStore(name, context.now);
  store.description = description;
  store.logo = logo;
  return { UserStoreId: store.id };
}

function updateUserStore(params: Params, context: ActionContext): ActionResponse {
  const store = requirePool(params, context);
  const name = optionalString(params.UserPoolName, 'UserPoolName');
  const description = optionalString(params.UserPoolDesc, 'UserPoolDesc');
  const logo = optionalString(params.UserPoolLogo, 'UserPoolLogo');
  if (name) {
    assertNameFree(context, name, store.id);
    store.name = name;
  }
  if (description !== undefined) store.description = description;
  if (logo !== undefined) store.logo = logo;
  return {};
}

function deleteUserStore(params: Params, context: ActionContext): ActionResponse {
  const store = requirePool(params, context);
  context.state.stores.delete(store.id);
  return {};
}

function listUserStore(_params: Params, context: ActionContext): ActionResponse {
  const stores = [...context.state.stores.values()].sort((a, b) => a.createdDate - b.createdDate);
  return {
    UserStoreSet: stores.map((store) => ({
      TenantId: context.state.tenantId,
      UserStoreId: store.id,
      UserStoreName: store.name,
      UserStoreDesc: store.description ?? null,
      UserStoreLogo: store.logo ?? null,
      UserNum: store.users.size,
      AppNum: 0,
      DefaultStatus: store.isDefault,
      LastStatus: store.isDefault,
      CreateDate: store.createdDate,
      LastStatusTime: null,
      UserStoreProtocolHost: null,
    })),
  };
}

/** The four user-store actions of CIAM 2022-03-31. */
export const STORE_ACTIONS: ActionTable = {
  CreateUserStore: {
    parameters: ['UserPoolName', 'UserPoolDesc', 'UserPoolLogo'],
    handle: createUserStore,
  },
  UpdateUserStore: {
    parameters: ['UserPoolId', 'UserPoolName', 'UserPoolDesc', 'UserPoolLogo'],
    handle: updateUserStore,
  },
  DeleteUserStore: { parameters: ['UserPoolId'], handle: deleteUserStore },
  ListUserStore: { parameters: [], handle: listUserStore },
};
