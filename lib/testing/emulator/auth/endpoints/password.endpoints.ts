import type { UserRecord } from '../../emulator-state.js';
import type { AuthContext, EndpointHandler } from '../auth-context.js';
import type { BodyParams } from '../auth-http.util.js';
import { readParams, requireParam, stringParam } from '../auth-http.util.js';
import { authenticateBearer } from '../bearer-auth.js';
import { authenticateClient, readClientCredentials } from '../client-auth.js';
import { CIAM_AUTH_ENDPOINT_SCOPES } from '../documented-errors.js';
import { oauthError } from '../oauth-error.js';
import type { OtpAddressee, OtpRecord } from '../otp-store.js';
import { sentTo } from '../otp-store.js';
import { meetsPasswordPolicy } from '../password-policy.js';
import { abnormalStatus, findUserByEmail, findUserByPhone } from '../user-directory.js';
import { tokenUser } from './userinfo.endpoint.js';

function assertNormal(user: UserRecord): void {
  const description = abnormalStatus(user);
  if (description !== undefined) throw oauthError('abnormal_user_status', description);
}

/** Policy first, then the history (which includes the current password on a reset). */
function assertNewPassword(context: AuthContext, user: UserRecord, password: string): void {
  if (!meetsPasswordPolicy(password)) throw oauthError('invalid_new_password');
  if (user.password === password || context.passwords.includes(user, password)) {
    throw oauthError('recurrent_password');
  }
}

/**
 * `POST /change_user_password` (Bearer, JSON `old_password`, `new_password`), checked in this
 * order: `user_not_found` (deleted), `abnormal_user_status`, `wrong_old_password`,
 * `duplicate_password` (new = old), `invalid_new_password` (see `CIAM_EMULATOR_PASSWORD_POLICY`),
 * `recurrent_password` (one of the last `passwordHistorySize`). Answers an empty 200.
 */
export const changePasswordEndpoint: EndpointHandler = (request, context) => {
  const principal = authenticateBearer(request, context, CIAM_AUTH_ENDPOINT_SCOPES.change_password);
  const params = readParams(request, ['json']);
  const oldPassword = requireParam(params, 'old_password');
  const newPassword = requireParam(params, 'new_password');
  const user = tokenUser(context, principal);
  if (user === undefined) throw oauthError('user_not_found');
  assertNormal(user);
  if (user.password === undefined || user.password !== oldPassword) {
    throw oauthError('wrong_old_password');
  }
  if (newPassword === oldPassword) throw oauthError('duplicate_password');
  assertNewPassword(context, user, newPassword);
  context.passwords.change(user, newPassword, Date.now());
  return { kind: 'empty' };
};

/** `email` + `email_otp(_token)` or `phone_number` + `phone_number_otp(_token)`. */
function resetAddressee(params: BodyParams): { addressee: OtpAddressee; prefix: string } {
  const email = stringParam(params, 'email');
  const phoneNumber = stringParam(params, 'phone_number');
  if ((email === undefined) === (phoneNumber === undefined)) {
    throw oauthError('invalid_request', 'Exactly one of email and phone_number is required.');
  }
  return email !== undefined
    ? { addressee: { channel: 'email', email }, prefix: 'email' }
    : { addressee: { channel: 'sms', phoneNumber: phoneNumber as string }, prefix: 'phone_number' };
}

function resetOtp(
  context: AuthContext,
  params: BodyParams,
): { record: OtpRecord; addressee: OtpAddressee } {
  const { addressee, prefix } = resetAddressee(params);
  // CIAM's sample names them email_otp_token and email_otp; plain otp_token and otp work too.
  const otpToken = stringParam(params, `${prefix}_otp_token`) ?? stringParam(params, 'otp_token');
  const otp = stringParam(params, `${prefix}_otp`) ?? stringParam(params, 'otp');
  const record =
    otpToken === undefined ? undefined : context.otps.find(otpToken, context.clock.now());
  const matches =
    record !== undefined &&
    record.usage === 'reset_password' &&
    record.clientId === context.settings.clientId &&
    sentTo(record, addressee);
  if (!matches) throw oauthError(`bad_${prefix}_otp_token`);
  if (record.otp !== otp) throw oauthError(`bad_${prefix}_otp`);
  return { record, addressee };
}

/**
 * `POST /reset_user_password` (client credentials, JSON `password` and a `reset_password`
 * OTP), checked in this order: `bad_email_otp_token`, `bad_email_otp` (or the
 * `bad_phone_number_…` pair), `user_not_found`, `abnormal_user_status`,
 * `invalid_new_password`, `recurrent_password` (the current or a former password). Answers an
 * empty 200 and uses the OTP up.
 */
export const resetPasswordEndpoint: EndpointHandler = (request, context) => {
  const params = readParams(request, ['json']);
  authenticateClient(readClientCredentials(request, params), context.settings, 'other');
  const password = requireParam(params, 'password');
  const { record, addressee } = resetOtp(context, params);
  const user =
    addressee.channel === 'email'
      ? findUserByEmail(context.state, addressee.email)
      : findUserByPhone(context.state, addressee.phoneNumber);
  if (user === undefined) throw oauthError('user_not_found');
  assertNormal(user);
  assertNewPassword(context, user, password);
  context.passwords.change(user, password, Date.now());
  record.consumed = true;
  return { kind: 'empty' };
};
