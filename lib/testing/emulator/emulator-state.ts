import { randomBytes } from 'node:crypto';
import { CiamEmulatorError } from './emulator-error.js';

export const USER_STATUSES = ['NORMAL', 'LOCK', 'FREEZE'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AUDIT_EVENTS = [
  'SIGNUP',
  'USER_UPDATE',
  'USER_DELETE',
  'USER_CREATE',
  'ACCOUNT_LINKING',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export type JobType = 'IMPORT_USER' | 'EXPORT_USER';
export type JobStatus = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
export const EXPORT_FORMATS = ['NDJSON', 'CSV'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CIAM's `MemberMap`: one custom attribute. The SDK model allows no null `Type`: omit it. */
export interface MemberMap {
  Name: string;
  Value: string;
  Type?: string;
}

/** String attributes kept exactly as the API names them; see `USER_STRING_ATTRIBUTES`. */
export type UserAttributes = Partial<Record<UserStringAttribute, string>>;

export const USER_STRING_ATTRIBUTES = [
  'UserName',
  'PhoneNumber',
  'Email',
  'Nickname',
  'Address',
  'IndexedAttribute1',
  'IndexedAttribute2',
  'IndexedAttribute3',
  'IndexedAttribute4',
  'IndexedAttribute5',
  'ResidentIdentityCard',
  'QqOpenId',
  'QqUnionId',
  'WechatOpenId',
  'WechatUnionId',
  'AlipayUserId',
  'WeComUserId',
  'Description',
  'Name',
  'Locale',
  'Gender',
  'Job',
  'Nationality',
  'Zone',
] as const;
export type UserStringAttribute = (typeof USER_STRING_ATTRIBUTES)[number];

export interface UserRecord {
  readonly id: string;
  attributes: UserAttributes;
  birthdate?: number;
  /** Kept only to decide whether one is set; never returned. */
  password?: string;
  status: UserStatus;
  readonly createdDate: number;
  lastModifiedDate: number;
  lockTime?: number;
  userGroups: string[];
  userOrgs: string[];
  customAttributes: MemberMap[];
  /** Set on a secondary account once LinkAccount merged it into a primary one. */
  linkedPrimaryId?: string;
  isPrimary: boolean;
}

export interface UserGroupRecord {
  readonly id: string;
  displayName: string;
  description?: string;
  readonly createdDate: number;
  lastModifiedDate: number;
}

/** The SDK's `FailedUsers`; no identification means the field is left out, never null. */
export interface FailedUser {
  FailedUserIdentification?: string;
  FailedReason: string;
}

export interface JobRecord {
  readonly id: string;
  readonly type: JobType;
  status: JobStatus;
  readonly createdDate: number;
  readonly format?: ExportFormat;
  location?: string;
  failedUsers: FailedUser[];
  /** The import payload, applied when the job completes. */
  readonly importUsers: readonly Record<string, unknown>[];
}

export interface AuditLogRecord {
  readonly id: string;
  /** Orders entries written within the same millisecond. */
  readonly sequence: number;
  readonly event: AuditEvent;
  readonly date: number;
  readonly userId: string;
  readonly description: string;
}

export interface UserStoreRecord {
  readonly id: string;
  name: string;
  description?: string;
  logo?: string;
  readonly createdDate: number;
  readonly isDefault: boolean;
  readonly users: Map<string, UserRecord>;
  readonly groups: Map<string, UserGroupRecord>;
  readonly jobs: Map<string, JobRecord>;
  readonly logs: AuditLogRecord[];
}

/** 32 lowercase hex characters, the shape of CIAM's ids. */
export function newCiamId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Everything the emulator knows. One tenant; the default user store keeps its id across
 * `reset()` so tests can hold on to `emulator.userStoreId`.
 */
export class EmulatorState {
  readonly tenantId = newCiamId();
  readonly defaultStoreId = newCiamId();
  readonly stores = new Map<string, UserStoreRecord>();
  private logSequence = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.stores.clear();
    this.logSequence = 0;
    this.addStore(this.defaultStoreId, 'default', Date.now(), true);
  }

  createStore(name: string, now: number): UserStoreRecord {
    return this.addStore(newCiamId(), name, now, false);
  }

  /** The store of a user, group, job or audit action; unknown → `InvalidUserStore`. */
  requireStore(id: string): UserStoreRecord {
    const store = this.stores.get(id);
    if (store === undefined) {
      throw new CiamEmulatorError(
        'FailedOperation.InvalidUserStore',
        `The user store \`${id}\` is invalid.`,
      );
    }
    return store;
  }

  audit(
    store: UserStoreRecord,
    event: AuditEvent,
    userId: string,
    now: number,
    description: string,
  ): void {
    this.logSequence += 1;
    store.logs.push({
      id: newCiamId(),
      sequence: this.logSequence,
      event,
      date: now,
      userId,
      description,
    });
  }

  private addStore(id: string, name: string, now: number, isDefault: boolean): UserStoreRecord {
    const store: UserStoreRecord = {
      id,
      name,
      createdDate: now,
      isDefault,
      users: new Map(),
      groups: new Map(),
      jobs: new Map(),
      logs: [],
    };
    this.stores.set(id, store);
    return store;
  }
}
