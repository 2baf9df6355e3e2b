import type { EndpointHandler } from '../auth-context.js';
import { readParams, stringParam } from '../auth-http.util.js';
import type { CiamOtpUsage } from '../auth.interface.js';
import { authenticateClient, readClientCredentials } from '../client-auth.js';
import { oauthError } from '../oauth-error.js';
import { findUserByEmail, findUserByPhone, isEmail, isMainlandPhone } from '../user-directory.js';

const USAGES: readonly CiamOtpUsage[] = ['login', 'signup', 'update_userinfo', 'reset_password'];

function isUsage(value: string): value is CiamOtpUsage {
  return (USAGES as readonly string[]).includes(value);
}

/**
 * `POST /otp/send` (client credentials, JSON `usage` default `login`, `phone_number` or
 * `email`, `auth_source_id` for a login): stores a six-digit code and answers its
 * `{"otp_token": …}`; tests read the code with `emulator.lastOtp()`. Checks, in order: the
 * format (`malformed_phone_number`, `malformed_email`), for `signup` that no user has the value
 * (`phone_number_is_used`, `email_is_used`), then the per-number SMS interval
 * (`sms_rate_limit_exceeded`). Quotas, refused addresses and provider failures are injection only.
 */
export const otpSendEndpoint: EndpointHandler = (request, context) => {
  const params = readParams(request, ['json']);
  const credentials = readClientCredentials(request, params);
  authenticateClient(credentials, context.settings, 'other');
  const usage = stringParam(params, 'usage') ?? 'login';
  if (!isUsage(usage)) {
    throw oauthError('invalid_request', `usage must be one of ${USAGES.join(', ')}.`);
  }
  const phoneNumber = stringParam(params, 'phone_number');
  const email = stringParam(params, 'email');
  if ((phoneNumber === undefined) === (email === undefined)) {
    throw oauthError('invalid_request', 'Exactly one of phone_number and email is required.');
  }
  if (phoneNumber !== undefined) {
    if (!isMainlandPhone(phoneNumber)) throw oauthError('malformed_phone_number');
    if (usage === 'signup' && findUserByPhone(context.state, phoneNumber) !== undefined) {
      throw oauthError('phone_number_is_used');
    }
  }
  if (email !== undefined) {
    if (!isEmail(email)) throw oauthError('malformed_email');
    if (usage === 'signup' && findUserByEmail(context.state, email) !== undefined) {
      throw oauthError('email_is_used');
    }
  }
  const record = context.otps.send(
    {
      usage,
      channel: phoneNumber !== undefined ? 'sms' : 'email',
      phoneNumber,
      email,
      clientId: context.settings.clientId,
      authSourceId: stringParam(params, 'auth_source_id'),
    },
    context.clock.now(),
  );
  return { kind: 'json', body: { otp_token: record.otpToken } };
};
