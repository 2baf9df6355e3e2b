import { CiamEmulatorError, invalidParameterValue, missingParameter } from '../emulator-error.js';
import type { UserRecord } from '../emulator-state.js';
import {
  isOneOf,
  optionalBoolean,
  optionalEnum,
  optionalRecord,
  optionalRecordArray,
  optionalString,
  requireString,
  requireStringArray,
} from '../params.util.js';

type UserValue = string | number | readonly string[] | undefined;
type UserPredicate = (user: UserRecord) => boolean;

// Array.isArray does not narrow readonly arrays.
function isList(value: UserValue): value is readonly string[] {
  return Array.isArray(value);
}

/** DescribeUser's filter whitelist: property key → the value compared. */
const FILTER_KEYS: Readonly<Record<string, (user: UserRecord) => UserValue>> = {
  userName: (user) => user.attributes.UserName,
  phoneNumber: (user) => user.attributes.PhoneNumber,
  email: (user) => user.attributes.Email,
  userGroup: (user) => user.userGroups,
  alipayUserId: (user) => user.attributes.AlipayUserId,
  wechatOpenId: (user) => user.attributes.WechatOpenId,
  wechatUnionId: (user) => user.attributes.WechatUnionId,
  qqOpenId: (user) => user.attributes.QqOpenId,
  qqUnionId: (user) => user.attributes.QqUnionId,
  lastModifiedDate: (user) => user.lastModifiedDate,
  indexedAttribute1: (user) => user.attributes.IndexedAttribute1,
  indexedAttribute2: (user) => user.attributes.IndexedAttribute2,
  indexedAttribute3: (user) => user.attributes.IndexedAttribute3,
  indexedAttribute4: (user) => user.attributes.IndexedAttribute4,
  indexedAttribute5: (user) => user.attributes.IndexedAttribute5,
};

/** The sort whitelist is the filter whitelist plus `id`. */
const SORT_KEYS: Readonly<Record<string, (user: UserRecord) => UserValue>> = {
  id: (user) => user.id,
  ...FILTER_KEYS,
};

const OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'between'] as const;
type Operator = (typeof OPERATORS)[number];
const SORT_ORDERS = ['ASC', 'DESC'] as const;

function keyOf(table: Readonly<Record<string, unknown>>, key: string | undefined): boolean {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}

/** DescribeUser `Filters`: whitelist, no repeated key, then one predicate per filter. */
export function describeUserFilters(value: unknown): UserPredicate[] {
  const filters = optionalRecordArray(value, 'Filters') ?? [];
  const seen = new Set<string>();
  return filters.map((filter, index) => {
    const path = `Filters.${index}`;
    const key = optionalString(filter.PropertyKey, `${path}.PropertyKey`);
    if (key === undefined || !keyOf(FILTER_KEYS, key)) {
      throw new CiamEmulatorError('FailedOperation.QueryUsersParameterMustInWhitelist');
    }
    if (seen.has(key)) throw new CiamEmulatorError('FailedOperation.QueryUsersParameterRepeat');
    seen.add(key);
    const expected = requireString(filter.PropertyValue, `${path}.PropertyValue`);
    const operator = optionalEnum(filter.OperateLogic, `${path}.OperateLogic`, OPERATORS) ?? '=';
    const equal = optionalBoolean(filter.Logic, `${path}.Logic`) ?? true;
    const read = FILTER_KEYS[key];
    return (user) => compare(read(user), operator, expected) === equal;
  });
}

function compare(actual: UserValue, operator: Operator, expected: string): boolean {
  if (isList(actual)) {
    const contains = actual.includes(expected);
    return operator === '!=' ? !contains : contains;
  }
  if (actual === undefined) return operator === '!=';
  const parse = (text: string): string | number =>
    typeof actual === 'number' ? Number(text) : text;
  const diff = order(actual, parse(expected));
  switch (operator) {
    case '=':
      return diff === 0;
    case '!=':
      return diff !== 0;
    case '>':
      return diff > 0;
    case '<':
      return diff < 0;
    case '>=':
      return diff >= 0;
    case '<=':
      return diff <= 0;
    case 'between': {
      const [low = '', high = ''] = expected.split(',', 2);
      return order(actual, parse(low)) >= 0 && order(actual, parse(high)) <= 0;
    }
  }
}

/** Numbers numerically (NaN never matches), everything else by code point. */
function order(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** DescribeUser `Sort`: key from the sort whitelist, ASC (default) or DESC. */
export function describeUserSort(value: unknown): (a: UserRecord, b: UserRecord) => number {
  const sort = optionalRecord(value, 'Sort');
  if (sort === undefined) return byCreation;
  const key = optionalString(sort.PropertyKey, 'Sort.PropertyKey');
  if (key === undefined || !keyOf(SORT_KEYS, key)) {
    throw new CiamEmulatorError('FailedOperation.QueryUsersSortParameterMustInWhitelist');
  }
  const direction = optionalEnum(sort.Order, 'Sort.Order', SORT_ORDERS) === 'DESC' ? -1 : 1;
  const read = SORT_KEYS[key];
  return (a, b) => {
    const [left, right] = [read(a), read(b)];
    if (left === undefined || right === undefined) {
      return compareValues(left, right) || byCreation(a, b);
    }
    return direction * compareValues(left, right) || byCreation(a, b);
  };
}

/** Missing values sort last whatever the direction. */
function compareValues(a: UserValue, b: UserValue): number {
  const left = isList(a) ? a.join(',') : a;
  const right = isList(b) ? b.join(',') : b;
  if (left === undefined || right === undefined) {
    return left === right ? 0 : left === undefined ? 1 : -1;
  }
  return order(left, right);
}

export function byCreation(a: UserRecord, b: UserRecord): number {
  return a.createdDate - b.createdDate;
}

const LIST_USER_KEYS = ['condition', 'userGroupId', 'userGroup', 'userOrg'] as const;

/**
 * ListUser / CreateFileExportUserJob `Filters` ({Key, Values, Logic}). `condition` matches the
 * user id exactly or user name, phone or email by substring; `userGroupId` (the SDK's name) and
 * `userGroup` match group membership; `userOrg` organization membership.
 */
export function listUserFilters(value: unknown): UserPredicate[] {
  const filters = optionalRecordArray(value, 'Filters') ?? [];
  return filters.map((filter, index) => {
    const path = `Filters.${index}`;
    const key = requireString(filter.Key, `${path}.Key`);
    if (!isOneOf(key, LIST_USER_KEYS)) {
      throw invalidParameterValue(`${path}.Key`, `one of ${LIST_USER_KEYS.join(', ')}`);
    }
    const values = requireStringArray(filter.Values, `${path}.Values`);
    if (values.length === 0) throw missingParameter(`${path}.Values`);
    const include = optionalBoolean(filter.Logic, `${path}.Logic`) ?? true;
    return (user) => values.some((text) => matchesListKey(user, key, text)) === include;
  });
}

function matchesListKey(
  user: UserRecord,
  key: (typeof LIST_USER_KEYS)[number],
  text: string,
): boolean {
  switch (key) {
    case 'condition': {
      const needle = text.toLowerCase();
      const { UserName, PhoneNumber, Email } = user.attributes;
      return (
        user.id === text ||
        [UserName, PhoneNumber, Email].some((field) => field?.toLowerCase().includes(needle))
      );
    }
    case 'userGroupId':
    case 'userGroup':
      return user.userGroups.includes(text);
    case 'userOrg':
      return user.userOrgs.includes(text);
  }
}
