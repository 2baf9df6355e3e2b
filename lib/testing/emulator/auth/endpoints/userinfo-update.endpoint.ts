import type { UserRecord, UserStringAttribute } from '../../emulator-state.js';
import type { AuthContext, EndpointHandler } from '../auth-context.js';
import type { BodyParams } from '../auth-http.util.js';
import { readParams } from '../auth-http.util.js';
import { authenticateBearer } from '../bearer-auth.js';
import { CIAM_AUTH_ENDPOINT_SCOPES } from '../documented-errors.js';
import { oauthError } from '../oauth-error.js';
import type { OtpRecord } from '../otp-store.js';
import { sentTo } from '../otp-store.js';
import {
  defaultStore,
  findUserByEmail,
  findUserByPhone,
  isEmail,
  isMainlandPhone,
  userClaims,
} from '../user-directory.js';
import { tokenUser } from './userinfo.endpoint.js';

/** Claims a user may change without an OTP, and the attribute each one writes. */
const PROFILE_CLAIMS: Readonly<Record<string, UserStringAttribute>> = {
  name: 'Name',
  nickname: 'Nickname',
  zoneinfo: 'Zone',
  locale: 'Locale',
};

/** Standard claims CIAM knows but does not let a user change here. */
const UNSUPPORTED_CLAIMS = [
  'sub',
  'preferred_username',
  'username',
  'password',
  'gender',
  'birthdate',
  'address',
  'picture',
  'profile',
  'website',
  'given_name',
  'family_name',
  'middle_name',
  'email_verified',
  'phone_number_verified',
  'updated_at',
];

interface Identifier {
  readonly claim: 'phone_number' | 'email';
  readonly channel: 'sms' | 'email';
  readonly isValid: (value: string) => boolean;
  readonly owner: (context: AuthContext, value: string) => UserRecord | undefined;
  readonly attribute: 'PhoneNumber' | 'Email';
  readonly errors: { malformed: string; duplicate: string; token: string; otp: string };
}

const IDENTIFIERS: readonly Identifier[] = [
  {
    claim: 'phone_number',
    channel: 'sms',
    isValid: isMainlandPhone,
    owner: (context, value) => findUserByPhone(context.state, value),
    attribute: 'PhoneNumber',
    errors: {
      malformed: 'malformed_phone_number',
      duplicate: 'duplicate_phone_number',
      token: 'bad_phone_number_otp_token',
      otp: 'bad_phone_number_otp',
    },
  },
  {
    claim: 'email',
    channel: 'email',
    isValid: isEmail,
    owner: (context, value) => findUserByEmail(context.state, value),
    attribute: 'Email',
    errors: {
      malformed: 'malformed_email',
      duplicate: 'duplicate_email',
      token: 'bad_email_otp_token',
      otp: 'bad_email_otp',
    },
  },
];

/** `…_otp_token` and `…_otp` count as known only next to their attribute. */
function isKnown(name: string, params: BodyParams, user: UserRecord): boolean {
  if (Object.hasOwn(PROFILE_CLAIMS, name) || UNSUPPORTED_CLAIMS.includes(name)) return true;
  if (user.customAttributes.some((attribute) => attribute.Name === name)) return true;
  return IDENTIFIERS.some(
    ({ claim }) =>
      name === claim ||
      ((name === `${claim}_otp_token` || name === `${claim}_otp`) && params[claim] !== undefined),
  );
}

function checkAttributes(params: BodyParams, user: UserRecord): void {
  const names = Object.keys(params);
  if (names.some((name) => !isKnown(name, params, user))) {
    throw oauthError('invalid_request', 'Unknown attribute(s) found.');
  }
  if (names.some((name) => UNSUPPORTED_CLAIMS.includes(name))) {
    throw oauthError('invalid_request', 'Unsupported user attribute(s) found.');
  }
  if (names.some((name) => typeof params[name] !== 'string')) {
    throw oauthError('illegal_parameter_value');
  }
}

/** Format, uniqueness, then the `update_userinfo` OTP sent to the new value. */
function verifyIdentifier(
  context: AuthContext,
  params: BodyParams,
  user: UserRecord,
  identifier: Identifier,
): OtpRecord | undefined {
  const value = params[identifier.claim];
  if (typeof value !== 'string') return undefined;
  const { errors } = identifier;
  if (!identifier.isValid(value)) throw oauthError(errors.malformed);
  const owner = identifier.owner(context, value);
  if (owner !== undefined && owner.id !== user.id) throw oauthError(errors.duplicate);
  const otpToken = params[`${identifier.claim}_otp_token`];
  const record =
    typeof otpToken === 'string' ? context.otps.find(otpToken, context.clock.now()) : undefined;
  const addressee =
    identifier.channel === 'sms'
      ? { channel: 'sms' as const, phoneNumber: value }
      : { channel: 'email' as const, email: value };
  const matches =
    record !== undefined &&
    record.usage === 'update_userinfo' &&
    record.clientId === context.settings.clientId &&
    sentTo(record, addressee);
  if (!matches) throw oauthError(errors.token);
  if (record.otp !== params[`${identifier.claim}_otp`]) throw oauthError(errors.otp);
  return record;
}

function apply(user: UserRecord, params: BodyParams): void {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    const attribute =
      PROFILE_CLAIMS[name] ?? IDENTIFIERS.find(({ claim }) => claim === name)?.attribute;
    if (attribute !== undefined) {
      if (value === '') delete user.attributes[attribute];
      else user.attributes[attribute] = value;
      continue;
    }
    const custom = user.customAttributes.find((item) => item.Name === name);
    if (custom !== undefined) custom.Value = value;
  }
}

/**
 * `PATCH /userinfo` (JSON): updates the shared user record and answers its claims. `name`,
 * `nickname`, `zoneinfo`, `locale` and the user's custom attributes change directly (an empty
 * string clears a profile claim); `phone_number` and `email` need the `…_otp_token` and `…_otp`
 * of an `update_userinfo` OTP sent to the new value. Other standard claims → "Unsupported user
 * attribute(s) found.", anything else → "Unknown attribute(s) found.".
 */
export const userinfoUpdateEndpoint: EndpointHandler = (request, context) => {
  const principal = authenticateBearer(request, context, CIAM_AUTH_ENDPOINT_SCOPES.userinfo_update);
  const params = readParams(request, ['json']);
  const user = tokenUser(context, principal);
  if (user === undefined) throw oauthError('user_not_found', undefined, 404);
  checkAttributes(params, user);
  const otps = IDENTIFIERS.map((identifier) => verifyIdentifier(context, params, user, identifier));
  apply(user, params);
  for (const record of otps) if (record !== undefined) record.consumed = true;
  const now = Date.now();
  user.lastModifiedDate = now;
  const store = defaultStore(context.state);
  context.state.audit(store, 'USER_UPDATE', user.id, now, 'The user updated their information.');
  return { kind: 'json', body: userClaims(user) };
};
