import type { CiamAuthErrorCode } from '../../../catalog/ciam-auth-code-defaults.js';

// English (en) end-user texts of the authentication API's `error` values. Hidden values (the
// operator's to fix) get the generic text of their status, as clients receive it.
export const EN_AUTH_TEXTS: Readonly<Record<CiamAuthErrorCode, string>> = {
  invalid_request: 'Some information is missing or not valid. Please check it and try again.',
  invalid_client: 'Something went wrong on our side. Please try again later.',
  invalid_grant: 'The sign-in details are incorrect or have expired. Please sign in again.',
  unauthorized_client: 'Something went wrong on our side. Please try again later.',
  unsupported_grant_type: 'Something went wrong on our side. Please try again later.',
  invalid_scope: 'Something went wrong on our side. Please try again later.',
  invalid_auth_source: 'Something went wrong on our side. Please try again later.',
  invalid_token: 'Your session has expired. Please sign in again.',
  insufficient_scope:
    'You are not allowed to do this. Please contact support if you think this is a mistake.',
  user_not_found: 'We could not find this account. Please check your details and try again.',
  abnormal_user_status: 'This account has been frozen or locked. Please contact support.',
  malformed_phone_number: 'This phone number is not valid. Please check it and try again.',
  duplicate_phone_number:
    'This phone number is already used by another account. Please use another one.',
  bad_phone_number_otp_token:
    'The verification code sent to your phone is no longer valid. Please request a new one.',
  bad_phone_number_otp:
    'The verification code sent to your phone is incorrect or has expired. Please check it or request a new one.',
  malformed_email: 'This email address is not valid. Please check it and try again.',
  duplicate_email: 'This email address is already used by another account. Please use another one.',
  bad_email_otp_token:
    'The verification code sent to your email is no longer valid. Please request a new one.',
  bad_email_otp:
    'The verification code sent to your email is incorrect or has expired. Please check it or request a new one.',
  illegal_parameter_value:
    'Some of your profile information is not valid. Please check it and try again.',
  wrong_old_password: 'Your current password is incorrect. Please enter it again.',
  duplicate_password:
    'Your new password must be different from your current one. Please choose another password.',
  recurrent_password: 'You have used this password recently. Please choose a different one.',
  invalid_new_password:
    'Your new password does not meet the password requirements. Please choose another one that does.',
  invalid_email:
    'We could not send a code to this email address. Please check it or use another one.',
  email_is_used: 'This email address is already in use. Please use another one or sign in.',
  phone_number_is_used: 'This phone number is already in use. Please use another one or sign in.',
  insufficient_sms_quota: 'Something went wrong on our side. Please try again later.',
  insufficient_email_quota: 'Something went wrong on our side. Please try again later.',
  sms_rate_limit_exceeded:
    'Too many codes have been sent to this phone number. Please wait a minute and try again.',
  temporarily_unavailable: 'The service is temporarily unavailable. Please try again later.',
  server_error: 'We could not complete your request right now. Please try again later.',
  access_denied: 'Access was denied. Please contact support if you think this is a mistake.',
};
