import { newUserRecord } from '../../actions/user-records.util.js';
import { newCiamId } from '../../emulator-state.js';
import type { UserRecord } from '../../emulator-state.js';
import type { AuthContext } from '../auth-context.js';
import type { BodyParams } from '../auth-http.util.js';
import { requireParam } from '../auth-http.util.js';
import { oauthError } from '../oauth-error.js';
import type { OtpAddressee } from '../otp-store.js';
import { sentTo } from '../otp-store.js';
import { defaultStore, findUserByEmail, findUserByPhone } from '../user-directory.js';
import type { GrantHandler } from './grant.util.js';
import { assertAuthSource, assertCanSignIn, signIn, userScope } from './grant.util.js';

function addresseeOf(params: BodyParams, channel: 'sms' | 'email'): OtpAddressee {
  return channel === 'sms'
    ? { channel, phoneNumber: requireParam(params, 'phone_number') }
    : { channel, email: requireParam(params, 'email') };
}

function findUser(context: AuthContext, addressee: OtpAddressee): UserRecord | undefined {
  return addressee.channel === 'sms'
    ? findUserByPhone(context.state, addressee.phoneNumber)
    : findUserByEmail(context.state, addressee.email);
}

/** `auto_signup=true`: the first OTP login creates the user, as CIAM's sign-up does. */
function signUp(context: AuthContext, addressee: OtpAddressee): UserRecord {
  const now = Date.now();
  const attributes =
    addressee.channel === 'sms'
      ? { PhoneNumber: addressee.phoneNumber }
      : { Email: addressee.email };
  const user = newUserRecord(newCiamId(), { attributes }, now);
  const store = defaultStore(context.state);
  store.users.set(user.id, user);
  context.state.audit(
    store,
    'SIGNUP',
    user.id,
    now,
    `The user signed up with an ${addressee.channel} OTP.`,
  );
  return user;
}

/**
 * CIAM's OTP login (`grant_type=http://tencentciam.com/oauth2/grant-type/otp/sms` or
 * `…/otp/email`, JSON body): the otp_token and code of a `usage=login` OTP sent to
 * `phone_number` or `email` by this client, with the same auth source when one was given.
 */
export function otpGrant(channel: 'sms' | 'email'): GrantHandler {
  return (params, context, credentials) => {
    const { settings, otps, clock } = context;
    assertAuthSource(params, settings);
    const scope = userScope(params, settings);
    const addressee = addresseeOf(params, channel);
    const record = otps.find(requireParam(params, 'otp_token'), clock.now());
    if (record === undefined) throw oauthError('invalid_grant', 'Unknown or expired otp_token');
    const mismatched =
      record.usage !== 'login' ||
      !sentTo(record, addressee) ||
      record.clientId !== credentials.clientId ||
      (record.authSourceId !== undefined && record.authSourceId !== settings.authSourceId);
    if (mismatched) {
      throw oauthError('invalid_request', 'Mismatched OTP token and OTP sending parameters');
    }
    if (record.otp !== requireParam(params, 'otp')) {
      throw oauthError('invalid_grant', 'Unknown or expired OTP');
    }
    const autoSignup = params.auto_signup === true || params.auto_signup === 'true';
    const user =
      findUser(context, addressee) ?? (autoSignup ? signUp(context, addressee) : undefined);
    if (user === undefined) throw oauthError('invalid_grant', 'User not found');
    assertCanSignIn(user);
    record.consumed = true;
    return signIn(context, user, scope);
  };
}
