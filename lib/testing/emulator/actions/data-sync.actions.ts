import { CiamEmulatorError } from '../emulator-error.js';
import { EXPORT_FORMATS, newCiamId } from '../emulator-state.js';
import type {
  EmulatorState,
  FailedUser,
  JobRecord,
  UserStoreRecord,
  UserStringAttribute,
} from '../emulator-state.js';
import type { Params } from '../params.util.js';
import {
  optionalEnum,
  optionalRecordArray,
  optionalStringArray,
  requireRecordArray,
  requireString,
} from '../params.util.js';
import type { ActionContext, ActionResponse, ActionTable } from './action.interface.js';
import { listUserFilters } from './user-query.util.js';
import {
  assertGroupsExist,
  assertUnique,
  assertValidAttributes,
  newUserRecord,
  readUserInput,
} from './user-records.util.js';

/** CIAM runs at most two data-sync jobs per user store at a time. */
const MAX_RUNNING_JOBS = 2;
/** An imported user needs one of these. */
const IMPORT_IDENTIFIERS: readonly UserStringAttribute[] = [
  'UserName',
  'PhoneNumber',
  'Email',
  'WechatOpenId',
  'WechatUnionId',
  'AlipayUserId',
  'QqOpenId',
  'QqUnionId',
  'WeComUserId',
];
// A reserved (.invalid) host: export files are described, not served.
const EXPORT_LOCATION_BASE = 'https://ciam-emulator.invalid/exports';

function storeOf(params: Params, context: ActionContext): UserStoreRecord {
  return context.state.requireStore(requireString(params.UserStoreId, 'UserStoreId'));
}

function isRunning(job: JobRecord): boolean {
  return job.status === 'PENDING' || job.status === 'PROCESSING';
}

function addJob(
  store: UserStoreRecord,
  now: number,
  job: Omit<JobRecord, 'id' | 'status' | 'createdDate' | 'failedUsers'>,
): JobRecord {
  const running = [...store.jobs.values()].filter(isRunning).length;
  if (running >= MAX_RUNNING_JOBS) {
    throw new CiamEmulatorError('FailedOperation.DataFlowTooManyRequests');
  }
  const record: JobRecord = {
    ...job,
    id: newCiamId(),
    status: 'PENDING',
    createdDate: now,
    failedUsers: [],
  };
  store.jobs.set(record.id, record);
  return record;
}

function toApiJob(job: JobRecord): Record<string, unknown> {
  return {
    Id: job.id,
    Status: job.status,
    Type: job.type,
    CreatedDate: job.createdDate,
    Format: job.format ?? null,
    Location: job.location ?? null,
    ErrorDetails: [],
    FailedUsers: job.failedUsers.map((failed) => ({ ...failed })),
  };
}

/** Users are validated and created when the job completes, failures land in FailedUsers. */
function createApiImportUserJob(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const importUsers = requireRecordArray(params.DataFlowUserCreateList, 'DataFlowUserCreateList');
  if (importUsers.length === 0) throw new CiamEmulatorError('FailedOperation.ImportUserIsEmpty');
  const job = addJob(store, context.now, { type: 'IMPORT_USER', importUsers });
  return { Job: toApiJob(job) };
}

function createFileExportUserJob(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const format = optionalEnum(params.Format, 'Format', EXPORT_FORMATS) ?? 'NDJSON';
  listUserFilters(params.Filters);
  optionalRecordArray(params.ExportPropertyMaps, 'ExportPropertyMaps')?.forEach((map, index) => {
    requireString(map.UserPropertyCode, `ExportPropertyMaps.${index}.UserPropertyCode`);
    requireString(map.ColumnName, `ExportPropertyMaps.${index}.ColumnName`);
  });
  const job = addJob(store, context.now, { type: 'EXPORT_USER', format, importUsers: [] });
  return { Job: toApiJob(job) };
}

/** ListJobs is where time passes: running jobs older than the job duration complete. */
function listJobs(params: Params, context: ActionContext): ActionResponse {
  const store = storeOf(params, context);
  const jobIds = optionalStringArray(params.JobIds, 'JobIds') ?? [];
  for (const job of store.jobs.values()) {
    if (!isRunning(job)) continue;
    if (context.now - job.createdDate >= context.jobDurationMs) {
      completeJob(context.state, store, job, context.now);
    } else {
      job.status = 'PROCESSING';
    }
  }
  const jobs = [...store.jobs.values()].filter(
    (job) => jobIds.length === 0 || jobIds.includes(job.id),
  );
  return { JobSet: jobs.map(toApiJob) };
}

/** Completes every running job of every user store (`CiamEmulator.completeJobs()`). */
export function completeAllJobs(state: EmulatorState, now: number): void {
  for (const store of state.stores.values()) {
    for (const job of store.jobs.values()) {
      if (isRunning(job)) completeJob(state, store, job, now);
    }
  }
}

function completeJob(
  state: EmulatorState,
  store: UserStoreRecord,
  job: JobRecord,
  now: number,
): void {
  if (job.type === 'EXPORT_USER') {
    job.location = `${EXPORT_LOCATION_BASE}/${job.id}.${(job.format ?? 'NDJSON').toLowerCase()}`;
    job.status = 'COMPLETED';
    return;
  }
  job.failedUsers = job.importUsers.flatMap((item, index) => {
    const failed = importUser(state, store, item, `DataFlowUserCreateList.${index}.`, now);
    return failed === undefined ? [] : [failed];
  });
  job.status = job.failedUsers.length === job.importUsers.length ? 'FAILED' : 'COMPLETED';
}

function importUser(
  state: EmulatorState,
  store: UserStoreRecord,
  item: Record<string, unknown>,
  path: string,
  now: number,
): FailedUser | undefined {
  let identification: string | undefined;
  try {
    const input = readUserInput({ ...item, Birthdate: birthdateMillis(item.Birthdate) }, path);
    identification = IMPORT_IDENTIFIERS.map((name) => input.attributes[name]).find(Boolean);
    if (identification === undefined) {
      throw new CiamEmulatorError('FailedOperation.UserNameIsNull');
    }
    assertValidAttributes(input.attributes);
    assertGroupsExist(store, input.userGroups ?? []);
    assertUnique(store, input.attributes);
    const user = newUserRecord(newCiamId(), input, now);
    store.users.set(user.id, user);
    state.audit(store, 'SIGNUP', user.id, now, 'The user was imported by a data-sync job.');
    return undefined;
  } catch (error) {
    if (!(error instanceof CiamEmulatorError)) throw error;
    const reason = `${error.code}: ${error.message}`;
    return identification === undefined
      ? { FailedReason: reason }
      : { FailedUserIdentification: identification, FailedReason: reason };
  }
}

/** ImportUser.Birthdate is a String: milliseconds or a date CIAM can parse. */
function birthdateMillis(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** The three data-sync actions of CIAM 2022-03-31. */
export const DATA_SYNC_ACTIONS: ActionTable = {
  CreateApiImportUserJob: {
    parameters: ['UserStoreId', 'DataFlowUserCreateList'],
    handle: createApiImportUserJob,
  },
  CreateFileExportUserJob: {
    parameters: ['UserStoreId', 'Format', 'Filters', 'ExportPropertyMaps'],
    handle: createFileExportUserJob,
  },
  ListJobs: { parameters: ['UserStoreId', 'JobIds'], handle: listJobs },
};
