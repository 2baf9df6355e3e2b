// Which catalog codes each CIAM action can answer: the per-action error lists of the CIAM API
// documentation (the same lists the official SDKs carry), with the codes every list repeats moved
// to one common list. Data only; test/ciam-actions.spec.ts checks it against the catalog, the
// SDK's client and the emulator.
import type { CiamErrorCode } from './ciam-error-catalog.interface.js';

/**
 * The 23 actions of CIAM API `2022-03-31`, named as the official SDK's client methods.
 *
 * @example
 * const action: CiamActionName = 'CreateUser';
 * @publicApi
 */
export type CiamActionName =
  // users
  | 'CreateUser'
  | 'DescribeUserById'
  | 'DescribeUser'
  | 'ListUser'
  | 'ListUserByProperty'
  | 'UpdateUser'
  | 'DeleteUsers'
  | 'ResetPassword'
  | 'SetPassword'
  | 'UpdateUserStatus'
  | 'LinkAccount'
  // data sync
  | 'CreateApiImportUserJob'
  | 'CreateFileExportUserJob'
  | 'ListJobs'
  // audit
  | 'ListLogMessageByCondition'
  // user stores
  | 'CreateUserStore'
  | 'UpdateUserStore'
  | 'DeleteUserStore'
  | 'ListUserStore'
  // user groups
  | 'CreateUserGroup'
  | 'UpdateUserGroup'
  | 'DeleteUserGroups'
  | 'ListUserGroups';

/**
 * Catalog codes any CIAM call can answer, whatever the action: the common errors of Tencent
 * Cloud API 3.0 (signature and credential failures, unknown actions and parameters, rate limits,
 * internal errors, …; the `common` group of docs/status-table.tsv) and the codes the CIAM
 * documentation lists for every one of its actions (invalid tenant or user store, quota,
 * `OperationDenied`, …). Disjoint from the lists of {@link CIAM_ACTION_ERRORS}.
 *
 * Transport failures have no code: a timeout is answered `504 GatewayTimeout`; a refused or cut
 * connection, a non-200 answer or an answer that is no CIAM response `502 BadGateway`.
 *
 * @example
 * const possible = [...CIAM_ACTION_ERRORS.CreateUser, ...CIAM_COMMON_ERRORS];
 * @publicApi
 */
export const CIAM_COMMON_ERRORS: readonly CiamErrorCode[] = Object.freeze([
  // Tencent Cloud API 3.0 common errors.
  'ActionOffline',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.MFAFailure',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure',
  'AuthFailure.TokenFailure',
  'AuthFailure.UnauthorizedOperation',
  'DryRunOperation',
  'FailedOperation',
  'InternalError',
  'InvalidAction',
  'InvalidParameter',
  'InvalidParameterValue',
  'InvalidRequest',
  'IpInBlacklist',
  'IpNotInWhitelist',
  'LimitExceeded',
  'MissingParameter',
  'NoSuchProduct',
  'NoSuchVersion',
  'RequestLimitExceeded',
  'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
  'RequestLimitExceeded.IPLimitExceeded',
  'RequestLimitExceeded.UinLimitExceeded',
  'RequestSizeLimitExceeded',
  'ResourceInUse',
  'ResourceInsufficient',
  'ResourceNotFound',
  'ResourceUnavailable',
  'ResponseSizeLimitExceeded',
  'ServiceUnavailable',
  'UnauthorizedOperation',
  'UnknownParameter',
  'UnsupportedOperation',
  'UnsupportedProtocol',
  'UnsupportedRegion',
  // Listed by CIAM for every action, beyond the common errors above.
  'AuthFailure',
  'FailedOperation.InvalidTenant',
  'FailedOperation.InvalidUserStore',
  'FailedOperation.QuotaLimitExceeded',
  'InternalError.UnknownError',
  'InvalidParameter.ParameterIllegal',
  'OperationDenied',
  'RequestLimitExceeded.FrequentRequest',
  'RequestLimitExceeded.RepeatRequest',
  'ResourcesSoldOut',
  'UnauthorizedOperation.TenantNotActivated',
]);

/** The data-sync actions share one list. */
const DATA_SYNC_ERRORS = [
  'FailedOperation.DataFlowTooManyRequests',
  'FailedOperation.ImportUserIsEmpty',
] as const satisfies readonly CiamErrorCode[];

/** What CIAM lists for every user-store and user-group action (auth sources, user properties). */
const STORE_AND_GROUP_ERRORS = [
  'FailedOperation.AuthSourceNameAlreadyExists',
  'FailedOperation.AuthSourceNotFound',
  'FailedOperation.UserPropertyCodeAlreadyExists',
  'FailedOperation.UserPropertyNotFound',
  'FailedOperation.UserStoreDomainAlreadyExists',
  'InternalError.JudgeUserExistException',
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
] as const satisfies readonly CiamErrorCode[];

function freezeTable<K extends string>(
  table: Record<K, readonly CiamErrorCode[]>,
): Readonly<Record<K, readonly CiamErrorCode[]>> {
  const frozen = {} as Record<K, readonly CiamErrorCode[]>;
  for (const [action, codes] of Object.entries(table) as [K, readonly CiamErrorCode[]][]) {
    frozen[action] = Object.freeze([...codes]);
  }
  return Object.freeze(frozen);
}

/**
 * The catalog codes each CIAM action can answer beyond {@link CIAM_COMMON_ERRORS}, from the
 * per-action error lists of the CIAM API documentation; an action with no code of its own has an
 * empty list. Everything a call can answer is its list plus the common one. Deeply frozen.
 *
 * One code is listed beyond the documentation: `FailedOperation.UserNotFound` for
 * `DescribeUserById`, which is how an unknown `UserId` is answered there (the emulator of
 * `nestjs-ciam-errors/testing` does the same).
 *
 * @example
 * // Decide in advance how a sign-up form shows each failure of CreateUser.
 * for (const code of CIAM_ACTION_ERRORS.CreateUser) {
 *   console.log(code, CIAM_ERROR_CATALOG[code].status);
 * }
 * @publicApi
 */
export const CIAM_ACTION_ERRORS: Readonly<Record<CiamActionName, readonly CiamErrorCode[]>> =
  freezeTable<CiamActionName>({
    CreateUser: [
      'FailedOperation.AttributeFormatError',
      'FailedOperation.EmailAlreadyExists',
      'FailedOperation.EmailIsNull',
      'FailedOperation.IndexedAttributeTooLong',
      'FailedOperation.OrgNotFound',
      'FailedOperation.PasswordIsNull',
      'FailedOperation.PhoneNumberAlreadyExists',
      'FailedOperation.PhoneNumberIsNull',
      'FailedOperation.UserGroupNotFound',
      'FailedOperation.UserNameAlreadyExists',
      'FailedOperation.UserNameIsNull',
    ],
    DescribeUserById: ['FailedOperation.UserNotFound'],
    DescribeUser: [
      'FailedOperation.QueryUsersParameterMustInWhitelist',
      'FailedOperation.QueryUsersParameterRepeat',
      'FailedOperation.QueryUsersSortParameterMustInWhitelist',
    ],
    ListUser: [],
    ListUserByProperty: [],
    UpdateUser: [
      'FailedOperation.AttributeFormatError',
      'FailedOperation.EmailAlreadyExists',
      'FailedOperation.IndexedAttributeTooLong',
      'FailedOperation.OrgNotFound',
      'FailedOperation.PhoneNumberAlreadyExists',
      'FailedOperation.UserGroupNotFound',
      'FailedOperation.UserNameAlreadyExists',
      'FailedOperation.UserNotFound',
    ],
    DeleteUsers: [],
    ResetPassword: ['FailedOperation.UserIsFreeze', 'FailedOperation.UserNotFound'],
    SetPassword: [
      'FailedOperation.PasswordIsNull',
      'FailedOperation.UserIsFreeze',
      'FailedOperation.UserNotFound',
    ],
    UpdateUserStatus: [
      'FailedOperation.InvalidUserStatusEnum',
      'FailedOperation.UserNotFound',
      'FailedOperation.UserStatusRequired',
    ],
    LinkAccount: [
      'FailedOperation.AccountAlreadyBeLinked',
      'FailedOperation.InvalidUserStatusEnum',
      'FailedOperation.PrimaryUserNotFound',
      'FailedOperation.SecondaryUserNotFound',
    ],
    CreateApiImportUserJob: DATA_SYNC_ERRORS,
    CreateFileExportUserJob: DATA_SYNC_ERRORS,
    ListJobs: DATA_SYNC_ERRORS,
    ListLogMessageByCondition: [],
    CreateUserStore: [
      ...STORE_AND_GROUP_ERRORS,
      'FailedOperation.UserStoreAlreadyExists',
      'InternalError.UserStoreCreateSecretFail',
    ],
    UpdateUserStore: [
      ...STORE_AND_GROUP_ERRORS,
      'FailedOperation.UserStoreAlreadyExists',
      'FailedOperation.UserStoreNotExist',
    ],
    DeleteUserStore: [
      ...STORE_AND_GROUP_ERRORS,
      'FailedOperation.UserStoreNotExist',
      'InternalError.UserStoreDeleteUserFail',
    ],
    ListUserStore: STORE_AND_GROUP_ERRORS,
    CreateUserGroup: [...STORE_AND_GROUP_ERRORS, 'FailedOperation.UserGroupNameAlreadyExists'],
    UpdateUserGroup: [
      ...STORE_AND_GROUP_ERRORS,
      'FailedOperation.UserGroupNameAlreadyExists',
      'FailedOperation.UserGroupNotFound',
    ],
    DeleteUserGroups: STORE_AND_GROUP_ERRORS,
    ListUserGroups: STORE_AND_GROUP_ERRORS,
  });
