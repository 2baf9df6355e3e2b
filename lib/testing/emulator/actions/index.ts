import type { ActionTable } from './action.interface.js';
import { AUDIT_ACTIONS } from './audit.actions.js';
import { DATA_SYNC_ACTIONS } from './data-sync.actions.js';
import { GROUP_ACTIONS } from './groups.actions.js';
import { STORE_ACTIONS } from './stores.actions.js';
import { USER_ACTIONS } from './users.actions.js';

export type {
  ActionContext,
  ActionDefinition,
  ActionResponse,
  ActionTable,
} from './action.interface.js';
export { completeAllJobs } from './data-sync.actions.js';

/** The 23 actions of CIAM 2022-03-31. */
export const CIAM_ACTIONS: ActionTable = {
  ...USER_ACTIONS,
  ...DATA_SYNC_ACTIONS,
  ...AUDIT_ACTIONS,
  ...STORE_ACTIONS,
  ...GROUP_ACTIONS,
};

/** API version → the actions it has. 2021-04-20 only ever had ListUserGroups. */
export const CIAM_VERSIONS: Readonly<Record<string, ActionTable>> = {
  '2022-03-31': CIAM_ACTIONS,
  '2021-04-20': { ListUserGroups: GROUP_ACTIONS.ListUserGroups },
};
