/**
 * English messages for the codes the emulator answers, worded after the public CIAM error-code
 * page. Codes without an entry (e.g. ones injected with `failNext`) get a generic message.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  'AuthFailure.InvalidAuthorization': 'The Authorization header is invalid.',
  'AuthFailure.SecretIdNotFound':
    'The SecretId does not exist. Check that the key is entered correctly and has not been deleted or disabled.',
  'AuthFailure.SignatureExpire':
    'The signature has expired: the request timestamp and the server time differ by more than five minutes.',
  'AuthFailure.SignatureFailure':
    'The signature is invalid. Check that it was computed as described in the TC3-HMAC-SHA256 signing documentation.',
  InternalError: 'An internal error occurred.',
  InvalidAction: 'The API does not exist.',
  InvalidParameter: 'The request parameters are incorrect.',
  InvalidParameterValue: 'A parameter value is invalid.',
  MissingParameter: 'A required parameter is missing.',
  NoSuchVersion: 'The API version does not exist.',
  RequestLimitExceeded: 'The number of requests exceeds the frequency limit.',
  RequestSizeLimitExceeded: 'The request size exceeds the upper limit.',
  UnknownParameter: 'An unknown parameter was passed.',
  UnsupportedProtocol:
    'HTTP(S) request protocol error; only POST requests with a JSON body are supported.',
  'FailedOperation.AccountAlreadyBeLinked':
    'The secondary account has already been linked and cannot be linked again.',
  'FailedOperation.AttributeFormatError': 'The user attribute format is invalid.',
  'FailedOperation.DataFlowTooManyRequests':
    'There are already two running tasks. Wait for one of them to finish and try again.',
  'FailedOperation.EmailAlreadyExists': 'The email address is already bound to a user.',
  'FailedOperation.ImportUserIsEmpty': 'The list of users to import is empty.',
  'FailedOperation.IndexedAttributeTooLong':
    'An indexed attribute can hold at most 512 characters.',
  'FailedOperation.InvalidUserStatusEnum':
    'The enumerated value is invalid. See the API documentation.',
  'FailedOperation.InvalidUserStore': 'The user store is invalid.',
  'FailedOperation.PasswordIsNull': 'The password cannot be empty.',
  'FailedOperation.PhoneNumberAlreadyExists': 'The phone number is already bound to a user.',
  'FailedOperation.PrimaryUserNotFound': 'The primary user does not exist.',
  'FailedOperation.QueryUsersParameterMustInWhitelist':
    'The query condition must be one of: userName, phoneNumber, email, userGroup, alipayUserId, wechatOpenId, wechatUnionId, qqOpenId, qqUnionId, lastModifiedDate, indexedAttribute1-5.',
  'FailedOperation.QueryUsersParameterRepeat': 'The query conditions cannot repeat a key.',
  'FailedOperation.QueryUsersSortParameterMustInWhitelist':
    'The sort PropertyKey must be one of: id, userName, phoneNumber, email, userGroup, alipayUserId, wechatOpenId, wechatUnionId, qqOpenId, qqUnionId, lastModifiedDate, indexedAttribute1-5.',
  'FailedOperation.SecondaryUserNotFound': 'The secondary user does not exist.',
  'FailedOperation.UserGroupNameAlreadyExists': 'The user group name already exists.',
  'FailedOperation.UserGroupNotFound': 'The user group does not exist.',
  'FailedOperation.UserIsFreeze': 'The user account is frozen.',
  'FailedOperation.UserNameAlreadyExists': 'The user name already exists.',
  'FailedOperation.UserNameIsNull': 'The user name cannot be empty.',
  'FailedOperation.UserNotFound': 'The user does not exist.',
  'FailedOperation.UserStatusRequired': 'The new status is required.',
  'FailedOperation.UserStoreAlreadyExists': 'The user store already exists.',
  'FailedOperation.UserStoreNotExist': 'The user store does not exist.',
};

/**
 * The message the emulator sends for `code` when no specific one is given.
 */
export function defaultErrorMessage(code: string): string {
  return MESSAGES[code] ?? `The operation failed with ${code}.`;
}
