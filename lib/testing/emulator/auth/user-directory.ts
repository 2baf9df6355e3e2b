import { EMAIL_PATTERN } from '../actions/user-records.util.js';
import type { EmulatorState, UserRecord, UserStoreRecord } from '../emulator-state.js';
import type { CiamLoginIdentifier } from './auth.interface.js';

/**
 * An 11-digit mobile number of mainland China, optionally with +86: what CIAM sends SMS to
 * (`malformed_phone_number` otherwise). The management API is looser.
 */
export const MAINLAND_PHONE_PATTERN = /^(?:\+86)?1[3-9]\d{9}$/;

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

export function isMainlandPhone(value: string): boolean {
  return MAINLAND_PHONE_PATTERN.test(value);
}

/** The tenant host signs users of the default user store in. */
export function defaultStore(state: EmulatorState): UserStoreRecord {
  return state.requireStore(state.defaultStoreId);
}

export function findUserById(state: EmulatorState, id: string): UserRecord | undefined {
  return defaultStore(state).users.get(id);
}

export function findUserByEmail(state: EmulatorState, email: string): UserRecord | undefined {
  const wanted = email.toLowerCase();
  return [...defaultStore(state).users.values()].find(
    (user) => user.attributes.Email?.toLowerCase() === wanted,
  );
}

export function findUserByPhone(state: EmulatorState, phone: string): UserRecord | undefined {
  return [...defaultStore(state).users.values()].find(
    (user) => user.attributes.PhoneNumber === phone,
  );
}

/** What a username looks like: an email has `@`, a phone number is digits with an optional +. */
function identifierKind(username: string): CiamLoginIdentifier {
  if (username.includes('@')) return 'email';
  if (/^\+?\d{5,20}$/.test(username)) return 'phone_number';
  return 'username';
}

export type LoginLookup =
  { kind: 'found'; user: UserRecord } | { kind: 'unsupported' } | { kind: 'unknown' };

/** The user whose UserName, Email or PhoneNumber (among the enabled ones) is `username`. */
export function findUserByLogin(
  state: EmulatorState,
  username: string,
  identifiers: readonly CiamLoginIdentifier[],
): LoginLookup {
  const matches = (user: UserRecord): boolean =>
    (identifiers.includes('username') && user.attributes.UserName === username) ||
    (identifiers.includes('email') &&
      user.attributes.Email?.toLowerCase() === username.toLowerCase()) ||
    (identifiers.includes('phone_number') && user.attributes.PhoneNumber === username);
  const user = [...defaultStore(state).users.values()].find(matches);
  if (user !== undefined) return { kind: 'found', user };
  return identifiers.includes(identifierKind(username))
    ? { kind: 'unknown' }
    : { kind: 'unsupported' };
}

/** The OpenID Connect claims /userinfo answers from a user's own fields; discovery lists them. */
export const STANDARD_CLAIMS: readonly string[] = [
  'sub',
  'name',
  'preferred_username',
  'nickname',
  'email',
  'phone_number',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'address',
  'updated_at',
];

/**
 * The OIDC claims of a user, as `GET /userinfo` answers them and ID tokens carry them. Absent
 * attributes are left out; custom attributes follow under their own names unless they clash
 * with a standard claim.
 */
export function userClaims(user: UserRecord): Record<string, unknown> {
  const { attributes } = user;
  const claims: Record<string, unknown> = { sub: user.id };
  const put = (name: string, value: unknown): void => {
    if (value !== undefined) claims[name] = value;
  };
  put('name', attributes.Name);
  put('preferred_username', attributes.UserName);
  put('nickname', attributes.Nickname);
  put('email', attributes.Email);
  put('phone_number', attributes.PhoneNumber);
  put('gender', attributes.Gender);
  if (user.birthdate !== undefined) {
    put('birthdate', new Date(user.birthdate).toISOString().slice(0, 10));
  }
  put('zoneinfo', attributes.Zone);
  put('locale', attributes.Locale);
  if (attributes.Address !== undefined) put('address', { formatted: attributes.Address });
  claims.updated_at = Math.floor(user.lastModifiedDate / 1000);
  for (const { Name, Value } of user.customAttributes) {
    if (!STANDARD_CLAIMS.includes(Name)) claims[Name] = Value;
  }
  return claims;
}

/** CIAM's wording for a user that UpdateUserStatus froze or locked; `undefined` when NORMAL. */
export function abnormalStatus(
  user: UserRecord,
): 'User is frozen.' | 'User is locked.' | undefined {
  if (user.status === 'FREEZE') return 'User is frozen.';
  if (user.status === 'LOCK') return 'User is locked.';
  return undefined;
}
