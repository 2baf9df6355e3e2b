import type { CiamLocaleTexts } from '../locale-texts.interface.js';

// English (en) end-user texts: status titles, generic status messages and per-code messages.
const UNAVAILABLE =
  'The service is not available right now. Please try again later or contact support.';
const NOT_COMPLETED = 'We could not complete your request right now. Please try again later.';
const TEMPORARILY_UNAVAILABLE = 'The service is temporarily unavailable. Please try again later.';
const TOO_MANY = 'Too many requests. Please wait a moment and try again.';

export const EN_TEXTS: Omit<CiamLocaleTexts, 'authCodes'> = {
  titles: {
    200: 'OK',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    408: 'Request Timeout',
    409: 'Conflict',
    410: 'Gone',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    423: 'Locked',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  },
  generic: {
    200: 'The request was checked but not carried out.',
    400: 'Your request could not be processed. Please check what you entered and try again.',
    401: 'You need to sign in to continue. Please sign in and try again.',
    403: 'You are not allowed to do this. Please contact support if you think this is a mistake.',
    404: 'We could not find what you were looking for. Please check and try again.',
    405: 'This action is not supported. Please try another way.',
    408: 'The request took too long. Please try again.',
    409: 'This could not be done in the current state. Please refresh and try again.',
    410: 'This is no longer available.',
    413: 'Your request is too large. Please send less data and try again.',
    415: 'This type of content is not supported. Please try a different format.',
    422: 'Some of the information could not be processed. Please check it and try again.',
    423: 'This is locked right now. Please try again later or contact support.',
    429: TOO_MANY,
    500: 'Something went wrong on our side. Please try again later.',
    501: 'This feature is not available. Please contact support if you need it.',
    502: NOT_COMPLETED,
    503: TEMPORARILY_UNAVAILABLE,
    504: 'This took too long to complete. Please try again.',
  },
  codes: {
    ActionOffline: UNAVAILABLE,
    'AuthFailure.InvalidAuthorization': UNAVAILABLE,
    'AuthFailure.InvalidSecretId': UNAVAILABLE,
    'AuthFailure.MFAFailure': UNAVAILABLE,
    'AuthFailure.SecretIdNotFound': UNAVAILABLE,
    'AuthFailure.SignatureExpire': UNAVAILABLE,
    'AuthFailure.SignatureFailure': UNAVAILABLE,
    'AuthFailure.TokenFailure': UNAVAILABLE,
    'AuthFailure.UnauthorizedOperation': UNAVAILABLE,
    DryRunOperation: 'Your request was checked and would succeed, but nothing was changed.',
    FailedOperation: NOT_COMPLETED,
    InternalError: NOT_COMPLETED,
    InvalidAction: UNAVAILABLE,
    InvalidParameter:
      'Some of the information you entered is not valid. Please check it and try again.',
    InvalidParameterValue:
      'One of the values you entered is not valid. Please check it and try again.',
    InvalidRequest: UNAVAILABLE,
    IpInBlacklist: UNAVAILABLE,
    IpNotInWhitelist: UNAVAILABLE,
    LimitExceeded:
      'You have reached the limit for this action. Please contact support if you need more.',
    MissingParameter: 'Some required information is missing. Please fill it in and try again.',
    NoSuchProduct: UNAVAILABLE,
    NoSuchVersion: UNAVAILABLE,
    RequestLimitExceeded: TOO_MANY,
    'RequestLimitExceeded.GlobalRegionUinLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.IPLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.UinLimitExceeded': TOO_MANY,
    RequestSizeLimitExceeded: 'Your request is too large. Please send less data and try again.',
    ResourceInUse:
      'This item is still in use. Please stop using it before changing or removing it.',
    ResourceInsufficient: TEMPORARILY_UNAVAILABLE,
    ResourceNotFound: 'We could not find what you were looking for. Please check and try again.',
    ResourceUnavailable: TEMPORARILY_UNAVAILABLE,
    ResponseSizeLimitExceeded: NOT_COMPLETED,
    ServiceUnavailable: TEMPORARILY_UNAVAILABLE,
    UnauthorizedOperation: UNAVAILABLE,
    UnknownParameter: UNAVAILABLE,
    UnsupportedOperation:
      'This action is not supported. Please try something else or contact support.',
    UnsupportedProtocol: UNAVAILABLE,
    UnsupportedRegion: UNAVAILABLE,
    AuthFailure: UNAVAILABLE,
    'FailedOperation.AccountAlreadyBeLinked':
      'This account has already been linked to another account and cannot be linked again.',
    'FailedOperation.AttributeFormatError':
      'Some of your profile information is in the wrong format. Please check it and try again.',
    'FailedOperation.DataFlowTooManyRequests':
      'Too many tasks are already running. Please wait for one to finish and try again.',
    'FailedOperation.EmailAlreadyExists':
      'This email address is already in use. Please use another one or sign in.',
    'FailedOperation.EmailIsNull': 'Please enter an email address.',
    'FailedOperation.ImportUserIsEmpty':
      'There are no accounts to import. Please add at least one account and try again.',
    'FailedOperation.IndexedAttributeTooLong':
      'One of the values you entered is too long. Please shorten it and try again.',
    'FailedOperation.InvalidTenant': UNAVAILABLE,
    'FailedOperation.InvalidUserStatusEnum':
      'This account status is not valid. Please choose a valid status.',
    'FailedOperation.InvalidUserStore': UNAVAILABLE,
    'FailedOperation.PasswordIsNull': 'Please enter a password.',
    'FailedOperation.PhoneNumberAlreadyExists':
      'This phone number is already in use. Please use another one or sign in.',
    'FailedOperation.PhoneNumberIsNull': 'Please enter a phone number.',
    'FailedOperation.PrimaryUserNotFound':
      'We could not find the main account. Please check it and try again.',
    'FailedOperation.QueryUsersParameterMustInWhitelist':
      'This search uses a field that cannot be searched. ' +
      'Please search by user name, phone number, email or another supported field.',
    'FailedOperation.QueryUsersParameterRepeat':
      'The same search condition was used twice. Please remove the duplicate and try again.',
    'FailedOperation.QueryUsersSortParameterMustInWhitelist':
      'The results cannot be sorted by this field. ' +
      'Please sort by user name, phone number, email or another supported field.',
    'FailedOperation.QuotaLimitExceeded':
      'The limit for this service has been reached. Please contact support.',
    'FailedOperation.SecondaryUserNotFound':
      'We could not find the account you want to link. Please check it and try again.',
    'FailedOperation.UserGroupNotFound':
      'We could not find this user group. Please check it and try again.',
    'FailedOperation.UserIsFreeze': 'This account has been frozen. Please contact support.',
    'FailedOperation.UserNameAlreadyExists':
      'This user name is already taken. Please choose another one.',
    'FailedOperation.UserNameIsNull': 'Please enter a user name.',
    'FailedOperation.UserNotFound':
      'We could not find this account. Please check your details and try again.',
    'FailedOperation.UserStatusRequired': 'Please choose a status for this account.',
    'InternalError.UnknownError': NOT_COMPLETED,
    'InvalidParameter.ParameterIllegal':
      'Your request contains information that is not valid. Please check it and try again.',
    OperationDenied:
      'This action is not allowed. Please contact support if you think this is a mistake.',
    'RequestLimitExceeded.FrequentRequest':
      'You are making requests too quickly. Please wait a moment and try again.',
    'RequestLimitExceeded.RepeatRequest':
      'This request has already been sent. Please wait a moment before trying again.',
    ResourcesSoldOut: TEMPORARILY_UNAVAILABLE,
    'UnauthorizedOperation.TenantNotActivated': UNAVAILABLE,
    'FailedOperation.OrgNotFound':
      'We could not find this organization. Please check it and try again.',
    'FailedOperation.AuthSourceNameAlreadyExists':
      'A sign-in method with this name already exists. Please choose another name.',
    'FailedOperation.AuthSourceNotFound':
      'We could not find this sign-in method. Please check it and try again.',
    'FailedOperation.UserGroupNameAlreadyExists':
      'A user group with this name already exists. Please choose another name.',
    'FailedOperation.UserPropertyCodeAlreadyExists':
      'An account field with this identifier already exists. Please choose another identifier.',
    'FailedOperation.UserPropertyNotFound':
      'We could not find this account field. Please check it and try again.',
    'FailedOperation.UserStoreAlreadyExists':
      'This account directory already exists. Please choose another name.',
    'FailedOperation.UserStoreDomainAlreadyExists':
      'This domain is already in use. Please choose another one.',
    'FailedOperation.UserStoreNotExist':
      'We could not find this account directory. Please check it and try again.',
    'InternalError.JudgeUserExistException': NOT_COMPLETED,
    'InternalError.UserStoreCreateSecretFail': NOT_COMPLETED,
    'InternalError.UserStoreDeleteUserFail': NOT_COMPLETED,
    'UnsupportedOperation.EnabledAuthSourceCanNotBeDeleted':
      'This sign-in method is turned on and cannot be deleted. Please turn it off first.',
    'UnsupportedOperation.EnabledAuthSourceCanNotBeUpdated':
      'This sign-in method is turned on and cannot be changed. Please turn it off first.',
    'UnsupportedOperation.InternalUserProperty':
      'Built-in account fields cannot be changed. Please use a custom field instead.',
    'UnsupportedOperation.LinkedAppUserPropertyCanNotBeDeleted':
      'This account field is used by an app and cannot be deleted. ' +
      'Please remove it from the app first.',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeClosed':
      'This sign-in method is used by an app and cannot be turned off. ' +
      'Please remove it from the app first.',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeDeleted':
      'This sign-in method is used by an app and cannot be deleted. ' +
      'Please remove it from the app first.',
    'UnsupportedOperation.LinkedAuthSourceUserPropertyCanNotBeDeleted':
      'This account field is used by a sign-in method and cannot be deleted. ' +
      'Please remove it from the sign-in method first.',
    'UnsupportedOperation.LinkedUserPropertyCanNotBeDeleted':
      'This account field is still in use and cannot be deleted. Please stop using it first.',
    'UnsupportedOperation.PlatformDomainSuffixCanNotBeUsed':
      'This domain ending is reserved and cannot be used. Please use another domain.',
    'UnsupportedOperation.WhenUserExistUserPropertyCanNotBeDeleted':
      'This account field cannot be deleted while accounts exist. Please contact support.',
  },
};
