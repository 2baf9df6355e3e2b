import { CiamEmulatorError, invalidParameterValue } from '../emulator-error.js';
import { defaultErrorMessage } from '../error-messages.js';
import { USER_STRING_ATTRIBUTES } from '../emulator-state.js';
import type {
  MemberMap,
  UserAttributes,
  UserRecord,
  UserStoreRecord,
  UserStringAttribute,
} from '../emulator-state.js';
import type { Params } from '../params.util.js';
import {
  optionalInteger,
  optionalRecordArray,
  optionalString,
  optionalStringArray,
  requireString,
} from '../params.util.js';

const INDEXED_ATTRIBUTE_MAX_LENGTH = 512;
const INDEXED_ATTRIBUTES = [
  'IndexedAttribute1',
  'IndexedAttribute2',
  'IndexedAttribute3',
  'IndexedAttribute4',
  'IndexedAttribute5',
] as const;
// Deliberately loose: they only catch values that are clearly not an email or a phone number.
// The tenant host checks emails with the same pattern (`malformed_email`).
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const PHONE_PATTERN = /^\+?[\d\s-]{5,20}$/;

/** The user fields shared by CreateUser, UpdateUser and an imported user; all optional. */
export interface UserInput {
  attributes: UserAttributes;
  birthdate?: number;
  password?: string;
  userGroups?: string[];
  userOrgs?: string[];
  customAttributes?: MemberMap[];
}

/** What UpdateUserRequest takes; CreateUserRequest adds `Password`. */
export const USER_INPUT_PARAMETERS = [
  'UserName',
  'PhoneNumber',
  'Email',
  'Nickname',
  'Address',
  'UserGroup',
  'Birthdate',
  'CustomizationAttributes',
  ...INDEXED_ATTRIBUTES,
  'UserOrg',
] as const;

/** Reads the user fields present in `params`, checking their types (not their rules). */
export function readUserInput(params: Params, path = ''): UserInput {
  const attributes: UserAttributes = {};
  for (const name of USER_STRING_ATTRIBUTES) {
    // An empty string counts as not given, as the service treats it.
    const value = optionalString(params[name], path + name);
    if (value) attributes[name] = value;
  }
  return {
    attributes,
    birthdate: optionalInteger(params.Birthdate, `${path}Birthdate`),
    password: optionalString(params.Password, `${path}Password`),
    userGroups: optionalStringArray(params.UserGroup, `${path}UserGroup`),
    userOrgs: optionalStringArray(params.UserOrg, `${path}UserOrg`),
    customAttributes: readMemberMaps(
      params.CustomizationAttributes,
      `${path}CustomizationAttributes`,
    ),
  };
}

function readMemberMaps(value: unknown, path: string): MemberMap[] | undefined {
  return optionalRecordArray(value, path)?.map((item, index) => {
    const member: MemberMap = {
      Name: requireString(item.Name, `${path}.${index}.Name`),
      Value: optionalString(item.Value, `${path}.${index}.Value`) ?? '',
    };
    const type = optionalString(item.Type, `${path}.${index}.Type`);
    if (type !== undefined) member.Type = type;
    return member;
  });
}

/** Format and length rules: `AttributeFormatError`, `IndexedAttributeTooLong`. */
export function assertValidAttributes(attributes: UserAttributes): void {
  const { Email, PhoneNumber } = attributes;
  if (Email !== undefined && !EMAIL_PATTERN.test(Email)) {
    throw invalidFormat('Email');
  }
  if (PhoneNumber !== undefined && !PHONE_PATTERN.test(PhoneNumber)) {
    throw invalidFormat('PhoneNumber');
  }
  for (const name of INDEXED_ATTRIBUTES) {
    if ((attributes[name]?.length ?? 0) > INDEXED_ATTRIBUTE_MAX_LENGTH) {
      throw new CiamEmulatorError(
        'FailedOperation.IndexedAttributeTooLong',
        `${name} can contain up to ${INDEXED_ATTRIBUTE_MAX_LENGTH} characters.`,
      );
    }
  }
}

function invalidFormat(name: string): CiamEmulatorError {
  return new CiamEmulatorError(
    'FailedOperation.AttributeFormatError',
    `The format of the user attribute ${name} is invalid.`,
  );
}

export function assertGroupsExist(store: UserStoreRecord, groupIds: readonly string[]): void {
  const unknown = groupIds.find((id) => !store.groups.has(id));
  if (unknown !== undefined) {
    throw new CiamEmulatorError(
      'FailedOperation.UserGroupNotFound',
      `The user group \`${unknown}\` does not exist.`,
    );
  }
}

const UNIQUE_ATTRIBUTES: readonly [UserStringAttribute, string][] = [
  ['UserName', 'FailedOperation.UserNameAlreadyExists'],
  ['Email', 'FailedOperation.EmailAlreadyExists'],
  ['PhoneNumber', 'FailedOperation.PhoneNumberAlreadyExists'],
];

/** User name, email (case-insensitive) and phone number are unique within a user store. */
export function assertUnique(
  store: UserStoreRecord,
  attributes: UserAttributes,
  exceptUserId?: string,
): void {
  for (const [name, code] of UNIQUE_ATTRIBUTES) {
    const value = attributes[name];
    if (value === undefined) continue;
    const taken = [...store.users.values()].some(
      (user) => user.id !== exceptUserId && sameValue(name, user.attributes[name], value),
    );
    if (taken) throw new CiamEmulatorError(code);
  }
}

function sameValue(name: UserStringAttribute, stored: string | undefined, value: string): boolean {
  if (stored === undefined) return false;
  return name === 'Email' ? stored.toLowerCase() === value.toLowerCase() : stored === value;
}

export function requireUser(store: UserStoreRecord, userId: string, code: string): UserRecord {
  const user = store.users.get(userId);
  if (user === undefined) {
    throw new CiamEmulatorError(code, `${defaultErrorMessage(code)} (UserId \`${userId}\`)`);
  }
  return user;
}

/** Applies the fields present in `input` to `user` (UpdateUser semantics). */
export function applyUserInput(user: UserRecord, input: UserInput, now: number): void {
  user.attributes = { ...user.attributes, ...input.attributes };
  if (input.birthdate !== undefined) user.birthdate = input.birthdate;
  if (input.userGroups !== undefined) user.userGroups = [...new Set(input.userGroups)];
  if (input.userOrgs !== undefined) user.userOrgs = [...new Set(input.userOrgs)];
  if (input.customAttributes !== undefined) user.customAttributes = input.customAttributes;
  user.lastModifiedDate = now;
}

export function newUserRecord(id: string, input: UserInput, now: number): UserRecord {
  const user: UserRecord = {
    id,
    attributes: {},
    password: input.password,
    status: 'NORMAL',
    createdDate: now,
    lastModifiedDate: now,
    userGroups: [],
    userOrgs: [],
    customAttributes: [],
    isPrimary: false,
  };
  applyUserInput(user, input, now);
  return user;
}

/** 13812341234 → 138****1234, as CIAM masks when `Original` is false. */
export function maskPhoneNumber(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 3)}****${value.slice(-4)}` : `${value[0]}****`;
}

/** zhangsan@qq.com → zha****@qq.com */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const kept = local.length > 3 ? local.slice(0, 3) : local.slice(0, 1);
  return `${kept}****${value.slice(at)}`;
}

function maskIdentityCard(value: string): string {
  return value.length > 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}

function masked(
  value: string | undefined,
  original: boolean,
  mask: (v: string) => string,
): string | null {
  if (value === undefined) return null;
  return original ? value : mask(value);
}

/**
 * The API's `User` object. Absent values are `null`, as CIAM sends them (the SDK model allows
 * null on each of them); never the password.
 */
export function toApiUser(
  store: UserStoreRecord,
  tenantId: string,
  user: UserRecord,
  original: boolean,
): Record<string, unknown> {
  const attributes = Object.fromEntries(
    USER_STRING_ATTRIBUTES.map((name) => [name, user.attributes[name] ?? null]),
  );
  return {
    UserId: user.id,
    ...attributes,
    PhoneNumber: masked(user.attributes.PhoneNumber, original, maskPhoneNumber),
    Email: masked(user.attributes.Email, original, maskEmail),
    ResidentIdentityCard: masked(user.attributes.ResidentIdentityCard, original, maskIdentityCard),
    Status: user.status,
    LastSignOn: null,
    CreatedDate: user.createdDate,
    LastModifiedDate: user.lastModifiedDate,
    Birthdate: user.birthdate ?? null,
    UserGroups: [...user.userGroups],
    UserOrgs: [...user.userOrgs],
    CustomAttributes: user.customAttributes.map((attribute) => ({ ...attribute })),
    Primary: user.isPrimary,
    LockType: user.status === 'LOCK' ? 'ADMIN_LOCK' : null,
    LockTime: user.status === 'LOCK' ? (user.lockTime ?? null) : null,
    TenantId: tenantId,
    UserStoreId: store.id,
  };
}

export function invalidEnum(path: string, allowed: readonly string[]): CiamEmulatorError {
  return invalidParameterValue(path, `one of ${allowed.join(', ')}`);
}
