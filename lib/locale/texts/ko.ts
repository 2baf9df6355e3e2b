import type { CiamLocaleTexts } from '../locale-texts.interface.js';

// Korean (ko) end-user texts: status titles, generic status messages and per-code messages.
// Statements end in ~습니다/~입니다, requests in ~해 주세요; terms follow the ja/ko glossary.
const UNAVAILABLE =
  '지금은 서비스를 이용할 수 없습니다. 잠시 후 다시 시도하거나 고객센터에 문의해 주세요.';
const NOT_COMPLETED = '지금은 요청을 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.';
const TEMPORARILY_UNAVAILABLE =
  '일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.';
const TOO_MANY = '요청이 너무 많습니다. 잠시 기다린 후 다시 시도해 주세요.';
const NOT_FOUND = '요청한 정보를 찾을 수 없습니다. 확인 후 다시 시도해 주세요.';
const TOO_LARGE = '데이터가 너무 큽니다. 보내는 데이터를 줄여서 다시 시도해 주세요.';

export const KO_TEXTS: Omit<CiamLocaleTexts, 'authCodes'> = {
  titles: {
    200: '성공',
    400: '잘못된 요청',
    401: '로그인 필요',
    403: '접근 권한 없음',
    404: '찾을 수 없음',
    405: '허용되지 않는 작업',
    408: '요청 시간 초과',
    409: '충돌',
    410: '더 이상 이용할 수 없음',
    413: '데이터 크기 초과',
    415: '지원하지 않는 형식',
    422: '처리할 수 없는 내용',
    423: '잠김',
    429: '요청 횟수 초과',
    500: '서버 오류',
    501: '지원하지 않는 기능',
    502: '게이트웨이 오류',
    503: '서비스 이용 불가',
    504: '게이트웨이 시간 초과',
  },
  generic: {
    200: '요청을 확인했지만 실제로 실행하지는 않았습니다.',
    400: '요청을 처리할 수 없습니다. 입력한 내용을 확인한 후 다시 시도해 주세요.',
    401: '로그인이 필요합니다. 로그인한 후 다시 시도해 주세요.',
    403: '이 작업을 할 권한이 없습니다. 잘못되었다고 생각되면 고객센터에 문의해 주세요.',
    404: NOT_FOUND,
    405: '지원하지 않는 작업입니다. 다른 방법으로 시도해 주세요.',
    408: '요청 시간이 초과되었습니다. 다시 시도해 주세요.',
    409: '현재 상태에서는 이 작업을 할 수 없습니다. 새로고침한 후 다시 시도해 주세요.',
    410: '더 이상 이용할 수 없는 내용입니다.',
    413: TOO_LARGE,
    415: '지원하지 않는 형식입니다. 다른 형식으로 시도해 주세요.',
    422: '일부 정보를 처리할 수 없습니다. 확인 후 다시 시도해 주세요.',
    423: '현재 잠겨 있습니다. 잠시 후 다시 시도하거나 고객센터에 문의해 주세요.',
    429: TOO_MANY,
    500: '시스템에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
    501: '이 기능은 이용할 수 없습니다. 필요한 경우 고객센터에 문의해 주세요.',
    502: NOT_COMPLETED,
    503: TEMPORARILY_UNAVAILABLE,
    504: '처리 시간이 너무 오래 걸려 완료하지 못했습니다. 다시 시도해 주세요.',
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
    DryRunOperation:
      '확인 결과 이 요청은 실행할 수 있습니다. 다만 이번에는 아무것도 변경하지 않았습니다.',
    FailedOperation: NOT_COMPLETED,
    InternalError: NOT_COMPLETED,
    InvalidAction: UNAVAILABLE,
    InvalidParameter: '입력한 정보 중 올바르지 않은 내용이 있습니다. 확인 후 다시 시도해 주세요.',
    InvalidParameterValue: '입력한 값 중 올바르지 않은 값이 있습니다. 확인 후 다시 시도해 주세요.',
    InvalidRequest: UNAVAILABLE,
    IpInBlacklist: UNAVAILABLE,
    IpNotInWhitelist: UNAVAILABLE,
    LimitExceeded: '이 작업의 이용 한도에 도달했습니다. 더 필요한 경우 고객센터에 문의해 주세요.',
    MissingParameter: '필수 정보가 빠져 있습니다. 입력한 후 다시 시도해 주세요.',
    NoSuchProduct: UNAVAILABLE,
    NoSuchVersion: UNAVAILABLE,
    RequestLimitExceeded: TOO_MANY,
    'RequestLimitExceeded.GlobalRegionUinLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.IPLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.UinLimitExceeded': TOO_MANY,
    RequestSizeLimitExceeded: TOO_LARGE,
    ResourceInUse: '아직 사용 중이므로 변경하거나 삭제할 수 없습니다. 먼저 사용을 중지해 주세요.',
    ResourceInsufficient: TEMPORARILY_UNAVAILABLE,
    ResourceNotFound: NOT_FOUND,
    ResourceUnavailable: TEMPORARILY_UNAVAILABLE,
    ResponseSizeLimitExceeded: NOT_COMPLETED,
    ServiceUnavailable: TEMPORARILY_UNAVAILABLE,
    UnauthorizedOperation: UNAVAILABLE,
    UnknownParameter: UNAVAILABLE,
    UnsupportedOperation:
      '지원하지 않는 작업입니다. 다른 방법으로 시도하거나 고객센터에 문의해 주세요.',
    UnsupportedProtocol: UNAVAILABLE,
    UnsupportedRegion: UNAVAILABLE,
    AuthFailure: UNAVAILABLE,
    'FailedOperation.AccountAlreadyBeLinked':
      '이 계정은 이미 다른 계정과 연결되어 있어 다시 연결할 수 없습니다.',
    'FailedOperation.AttributeFormatError':
      '일부 프로필 정보의 형식이 올바르지 않습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.DataFlowTooManyRequests':
      '진행 중인 작업이 너무 많습니다. 작업 하나가 끝날 때까지 기다린 후 다시 시도해 주세요.',
    'FailedOperation.EmailAlreadyExists':
      '이미 사용 중인 이메일 주소입니다. 다른 이메일 주소를 사용하거나 로그인해 주세요.',
    'FailedOperation.EmailIsNull': '이메일 주소를 입력해 주세요.',
    'FailedOperation.ImportUserIsEmpty':
      '가져올 계정이 없습니다. 계정을 하나 이상 추가한 후 다시 시도해 주세요.',
    'FailedOperation.IndexedAttributeTooLong':
      '입력한 값 중 너무 긴 값이 있습니다. 줄여서 다시 시도해 주세요.',
    'FailedOperation.InvalidTenant': UNAVAILABLE,
    'FailedOperation.InvalidUserStatusEnum':
      '계정 상태가 올바르지 않습니다. 목록에서 상태를 선택해 주세요.',
    'FailedOperation.InvalidUserStore': UNAVAILABLE,
    'FailedOperation.PasswordIsNull': '비밀번호를 입력해 주세요.',
    'FailedOperation.PhoneNumberAlreadyExists':
      '이미 사용 중인 휴대폰 번호입니다. 다른 휴대폰 번호를 사용하거나 로그인해 주세요.',
    'FailedOperation.PhoneNumberIsNull': '휴대폰 번호를 입력해 주세요.',
    'FailedOperation.PrimaryUserNotFound':
      '대표 계정을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.QueryUsersParameterMustInWhitelist':
      '검색할 수 없는 항목이 포함되어 있습니다. ' +
      '사용자 이름, 휴대폰 번호, 이메일 주소 등 검색할 수 있는 항목으로 검색해 주세요.',
    'FailedOperation.QueryUsersParameterRepeat':
      '검색 조건이 중복되었습니다. 중복된 조건을 삭제한 후 다시 시도해 주세요.',
    'FailedOperation.QueryUsersSortParameterMustInWhitelist':
      '이 항목으로는 정렬할 수 없습니다. ' +
      '사용자 이름, 휴대폰 번호, 이메일 주소 등 정렬할 수 있는 항목을 선택해 주세요.',
    'FailedOperation.QuotaLimitExceeded':
      '이 서비스의 이용 한도에 도달했습니다. 고객센터에 문의해 주세요.',
    'FailedOperation.SecondaryUserNotFound':
      '연결할 계정을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.UserGroupNotFound':
      '해당 사용자 그룹을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.UserIsFreeze': '이용이 정지된 계정입니다. 고객센터에 문의해 주세요.',
    'FailedOperation.UserNameAlreadyExists':
      '이미 사용 중인 사용자 이름입니다. 다른 사용자 이름을 입력해 주세요.',
    'FailedOperation.UserNameIsNull': '사용자 이름을 입력해 주세요.',
    'FailedOperation.UserNotFound':
      '계정을 찾을 수 없습니다. 입력한 정보를 확인한 후 다시 시도해 주세요.',
    'FailedOperation.UserStatusRequired': '계정 상태를 선택해 주세요.',
    'InternalError.UnknownError': NOT_COMPLETED,
    'InvalidParameter.ParameterIllegal':
      '요청에 올바르지 않은 정보가 포함되어 있습니다. 확인 후 다시 시도해 주세요.',
    OperationDenied: '허용되지 않는 작업입니다. 잘못되었다고 생각되면 고객센터에 문의해 주세요.',
    'RequestLimitExceeded.FrequentRequest':
      '짧은 시간에 요청이 너무 많았습니다. 잠시 기다린 후 다시 시도해 주세요.',
    'RequestLimitExceeded.RepeatRequest':
      '같은 요청이 이미 전송되었습니다. 잠시 기다린 후 다시 시도해 주세요.',
    ResourcesSoldOut: TEMPORARILY_UNAVAILABLE,
    'UnauthorizedOperation.TenantNotActivated': UNAVAILABLE,
    'FailedOperation.OrgNotFound': '해당 조직을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.AuthSourceNameAlreadyExists':
      '같은 이름의 로그인 방식이 이미 있습니다. 다른 이름을 입력해 주세요.',
    'FailedOperation.AuthSourceNotFound':
      '해당 로그인 방식을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.UserGroupNameAlreadyExists':
      '같은 이름의 사용자 그룹이 이미 있습니다. 다른 이름을 입력해 주세요.',
    'FailedOperation.UserPropertyCodeAlreadyExists':
      '같은 식별자의 계정 항목이 이미 있습니다. 다른 식별자를 입력해 주세요.',
    'FailedOperation.UserPropertyNotFound':
      '해당 계정 항목을 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'FailedOperation.UserStoreAlreadyExists':
      '이미 있는 계정 디렉터리입니다. 다른 이름을 입력해 주세요.',
    'FailedOperation.UserStoreDomainAlreadyExists':
      '이미 사용 중인 도메인입니다. 다른 도메인을 입력해 주세요.',
    'FailedOperation.UserStoreNotExist':
      '해당 계정 디렉터리를 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
    'InternalError.JudgeUserExistException': NOT_COMPLETED,
    'InternalError.UserStoreCreateSecretFail': NOT_COMPLETED,
    'InternalError.UserStoreDeleteUserFail': NOT_COMPLETED,
    'UnsupportedOperation.EnabledAuthSourceCanNotBeDeleted':
      '이 로그인 방식은 켜져 있어 삭제할 수 없습니다. 먼저 꺼 주세요.',
    'UnsupportedOperation.EnabledAuthSourceCanNotBeUpdated':
      '이 로그인 방식은 켜져 있어 변경할 수 없습니다. 먼저 꺼 주세요.',
    'UnsupportedOperation.InternalUserProperty':
      '기본 제공 계정 항목은 변경할 수 없습니다. 대신 사용자 지정 항목을 이용해 주세요.',
    'UnsupportedOperation.LinkedAppUserPropertyCanNotBeDeleted':
      '이 계정 항목은 앱에서 사용 중이므로 삭제할 수 없습니다. 먼저 앱에서 제외해 주세요.',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeClosed':
      '이 로그인 방식은 앱에서 사용 중이므로 끌 수 없습니다. 먼저 앱에서 제외해 주세요.',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeDeleted':
      '이 로그인 방식은 앱에서 사용 중이므로 삭제할 수 없습니다. 먼저 앱에서 제외해 주세요.',
    'UnsupportedOperation.LinkedAuthSourceUserPropertyCanNotBeDeleted':
      '이 계정 항목은 로그인 방식에서 사용 중이므로 삭제할 수 없습니다. ' +
      '먼저 로그인 방식에서 제외해 주세요.',
    'UnsupportedOperation.LinkedUserPropertyCanNotBeDeleted':
      '이 계정 항목은 아직 사용 중이므로 삭제할 수 없습니다. 먼저 사용을 중지해 주세요.',
    'UnsupportedOperation.PlatformDomainSuffixCanNotBeUsed':
      '이 도메인의 끝부분은 예약되어 있어 사용할 수 없습니다. 다른 도메인을 사용해 주세요.',
    'UnsupportedOperation.WhenUserExistUserPropertyCanNotBeDeleted':
      '등록된 계정이 있으면 이 계정 항목을 삭제할 수 없습니다. 고객센터에 문의해 주세요.',
  },
};
