// A literal list, not derived from the catalog: this entry must not import the server side.
// test/client-entry.spec.ts resolves every catalog code, the transport failures and the presets
// with the real mapper and fails when this list drifts from what servers send.

/**
 * Every public code a server using `nestjs-ciam-errors` with its default options can send: the
 * catalog codes shown to clients (the management API's and the authentication API's), the nearest shown parent code of a hidden subcode
 * (`RequestLimitExceeded`), the generic code of each status a hidden code or a transport failure
 * is answered with, and the codes of `CiamErrorPresets`. Frozen.
 *
 * `DryRunOperation` is answered with status 200 and a problem body. Codes set through
 * `overrides` or `@CiamErrorMap` come on top of these.
 *
 * @example
 * if ((CIAM_PUBLIC_CODES as readonly string[]).includes(body.code)) {
 *   // a code the app knows how to show
 * }
 * @publicApi
 */
export const CIAM_PUBLIC_CODES = Object.freeze([
  // Catalog codes shown as they are.
  'DryRunOperation',
  'FailedOperation.AccountAlreadyBeLinked',
  'FailedOperation.AttributeFormatError',
  'FailedOperation.AuthSourceNameAlreadyExists',
  'FailedOperation.AuthSourceNotFound',
  'FailedOperation.DataFlowTooManyRequests',
  'FailedOperation.EmailAlreadyExists',
  'FailedOperation.EmailIsNull',
  'FailedOperation.ImportUserIsEmpty',
  'FailedOperation.IndexedAttributeTooLong',
  'FailedOperation.InvalidUserStatusEnum',
  'FailedOperation.OrgNotFound',
  'FailedOperation.PasswordIsNull',
  'FailedOperation.PhoneNumberAlreadyExists',
  'FailedOperation.PhoneNumberIsNull',
  'FailedOperation.PrimaryUserNotFound',
  'FailedOperation.QueryUsersParameterMustInWhitelist',
  'FailedOperation.QueryUsersParameterRepeat',
  'FailedOperation.QueryUsersSortParameterMustInWhitelist',
  'FailedOperation.QuotaLimitExceeded',
  'FailedOperation.SecondaryUserNotFound',
  'FailedOperation.UserGroupNameAlreadyExists',
  'FailedOperation.UserGroupNotFound',
  'FailedOperation.UserIsFreeze',
  'FailedOperation.UserNameAlreadyExists',
  'FailedOperation.UserNameIsNull',
  'FailedOperation.UserNotFound',
  'FailedOperation.UserPropertyCodeAlreadyExists',
  'FailedOperation.UserPropertyNotFound',
  'FailedOperation.UserStatusRequired',
  'FailedOperation.UserStoreAlreadyExists',
  'FailedOperation.UserStoreDomainAlreadyExists',
  'FailedOperation.UserStoreNotExist',
  'InvalidParameter',
  'InvalidParameter.ParameterIllegal',
  'InvalidParameterValue',
  'LimitExceeded',
  'MissingParameter',
  'OperationDenied',
  'RequestLimitExceeded',
  'RequestLimitExceeded.FrequentRequest',
  'RequestLimitExceeded.RepeatRequest',
  'RequestSizeLimitExceeded',
  'ResourceInUse',
  'ResourceNotFound',
  'UnsupportedOperation',
  'UnsupportedOperation.EnabledAuthSourceCanNotBeDeleted',
  'UnsupportedOperation.EnabledAuthSourceCanNotBeUpdated',
  'UnsupportedOperation.InternalUserProperty',
  'UnsupportedOperation.LinkedAppUserPropertyCanNotBeDeleted',
  'UnsupportedOperation.LinkedAuthSourceCanNotBeClosed',
  'UnsupportedOperation.LinkedAuthSourceCanNotBeDeleted',
  'UnsupportedOperation.LinkedAuthSourceUserPropertyCanNotBeDeleted',
  'UnsupportedOperation.LinkedUserPropertyCanNotBeDeleted',
  'UnsupportedOperation.PlatformDomainSuffixCanNotBeUsed',
  'UnsupportedOperation.WhenUserExistUserPropertyCanNotBeDeleted',
  // The authentication API's `error` values shown as they are.
  'invalid_request',
  'invalid_grant',
  'invalid_token',
  'insufficient_scope',
  'user_not_found',
  'abnormal_user_status',
  'malformed_phone_number',
  'duplicate_phone_number',
  'bad_phone_number_otp_token',
  'bad_phone_number_otp',
  'malformed_email',
  'duplicate_email',
  'bad_email_otp_token',
  'bad_email_otp',
  'illegal_parameter_value',
  'wrong_old_password',
  'duplicate_password',
  'recurrent_password',
  'invalid_new_password',
  'invalid_email',
  'email_is_used',
  'phone_number_is_used',
  'sms_rate_limit_exceeded',
  'temporarily_unavailable',
  'access_denied',
  // Generic codes of hidden codes and transport failures, by status: 500, 502, 503, 504.
  'InternalServerError',
  'BadGateway',
  'ServiceUnavailable',
  'GatewayTimeout',
  // CiamErrorPresets: signIn, signUp.
  'InvalidCredentials',
  'SignUpConflict',
] as const);

/**
 * A public code a server can send with the default options; see {@link CIAM_PUBLIC_CODES}.
 *
 * @example
 * function messageKey(code: CiamPublicCode): string {
 *   return code === 'InvalidCredentials' ? 'signIn.failed' : `errors.${code}`;
 * }
 * @publicApi
 */
export type CiamPublicCode = (typeof CIAM_PUBLIC_CODES)[number];
