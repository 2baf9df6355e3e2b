import type { CiamLocaleTexts } from '../locale-texts.interface.js';

// Japanese (ja) end-user texts: status titles, generic status messages and per-code messages.
// Polite です/ます調; terms follow the ja/ko glossary (アカウント, ログイン方法, アカウント項目…).
const UNAVAILABLE =
  '現在サービスをご利用いただけません。しばらくしてからもう一度お試しいただくか、サポートにお問い合わせください。';
const NOT_COMPLETED = '処理を完了できませんでした。しばらくしてからもう一度お試しください。';
const TEMPORARILY_UNAVAILABLE =
  '一時的にサービスをご利用いただけません。しばらくしてからもう一度お試しください。';
const TOO_MANY = 'リクエストが多すぎます。少し時間をおいてから、もう一度お試しください。';
const NOT_FOUND = 'お探しの情報が見つかりませんでした。確認して、もう一度お試しください。';
const TOO_LARGE = 'データが大きすぎます。送信するデータを減らして、もう一度お試しください。';

export const JA_TEXTS: Omit<CiamLocaleTexts, 'authCodes'> = {
  titles: {
    200: '成功',
    400: 'リクエストが正しくありません',
    401: 'ログインが必要です',
    403: 'アクセス権がありません',
    404: '見つかりません',
    405: 'この操作は許可されていません',
    408: 'タイムアウトしました',
    409: '競合が発生しました',
    410: 'ご利用いただけなくなりました',
    413: 'データが大きすぎます',
    415: '対応していない形式です',
    422: '処理できない内容です',
    423: 'ロックされています',
    429: 'リクエストが多すぎます',
    500: 'サーバーエラー',
    501: '未対応の機能です',
    502: 'ゲートウェイエラー',
    503: 'サービスをご利用いただけません',
    504: 'ゲートウェイタイムアウト',
  },
  generic: {
    200: '内容を確認しましたが、処理は実行していません。',
    400: '処理できませんでした。入力内容を確認して、もう一度お試しください。',
    401: '続けるにはログインが必要です。ログインして、もう一度お試しください。',
    403: 'この操作を行う権限がありません。何かの間違いだと思われる場合は、サポートにお問い合わせください。',
    404: NOT_FOUND,
    405: 'この操作には対応していません。別の方法をお試しください。',
    408: '処理がタイムアウトしました。もう一度お試しください。',
    409: '現在の状態ではこの操作を行えません。画面を更新して、もう一度お試しください。',
    410: 'この内容はご利用いただけなくなりました。',
    413: TOO_LARGE,
    415: 'この形式には対応していません。別の形式でお試しください。',
    422: '一部の情報を処理できませんでした。確認して、もう一度お試しください。',
    423: '現在ロックされています。しばらくしてからもう一度お試しいただくか、サポートにお問い合わせください。',
    429: TOO_MANY,
    500: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
    501: 'この機能はご利用いただけません。必要な場合は、サポートにお問い合わせください。',
    502: NOT_COMPLETED,
    503: TEMPORARILY_UNAVAILABLE,
    504: '処理に時間がかかりすぎたため、完了できませんでした。もう一度お試しください。',
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
    DryRunOperation: '確認の結果、この操作は実行できます。ただし、今回は何も変更していません。',
    FailedOperation: NOT_COMPLETED,
    InternalError: NOT_COMPLETED,
    InvalidAction: UNAVAILABLE,
    InvalidParameter: '入力された情報の一部が正しくありません。確認して、もう一度お試しください。',
    InvalidParameterValue:
      '入力された値に正しくないものがあります。確認して、もう一度お試しください。',
    InvalidRequest: UNAVAILABLE,
    IpInBlacklist: UNAVAILABLE,
    IpNotInWhitelist: UNAVAILABLE,
    LimitExceeded:
      'この操作の上限に達しています。さらに必要な場合は、サポートにお問い合わせください。',
    MissingParameter: '必要な情報が入力されていません。入力して、もう一度お試しください。',
    NoSuchProduct: UNAVAILABLE,
    NoSuchVersion: UNAVAILABLE,
    RequestLimitExceeded: TOO_MANY,
    'RequestLimitExceeded.GlobalRegionUinLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.IPLimitExceeded': TOO_MANY,
    'RequestLimitExceeded.UinLimitExceeded': TOO_MANY,
    RequestSizeLimitExceeded: TOO_LARGE,
    ResourceInUse: 'まだ使用中のため、変更や削除はできません。先に使用を停止してください。',
    ResourceInsufficient: TEMPORARILY_UNAVAILABLE,
    ResourceNotFound: NOT_FOUND,
    ResourceUnavailable: TEMPORARILY_UNAVAILABLE,
    ResponseSizeLimitExceeded: NOT_COMPLETED,
    ServiceUnavailable: TEMPORARILY_UNAVAILABLE,
    UnauthorizedOperation: UNAVAILABLE,
    UnknownParameter: UNAVAILABLE,
    UnsupportedOperation:
      'この操作には対応していません。別の操作をお試しいただくか、サポートにお問い合わせください。',
    UnsupportedProtocol: UNAVAILABLE,
    UnsupportedRegion: UNAVAILABLE,
    AuthFailure: UNAVAILABLE,
    'FailedOperation.AccountAlreadyBeLinked':
      'このアカウントはすでに別のアカウントと連携されているため、もう一度連携することはできません。',
    'FailedOperation.AttributeFormatError':
      '一部のプロフィール情報の形式が正しくありません。確認して、もう一度お試しください。',
    'FailedOperation.DataFlowTooManyRequests':
      '実行中の処理が多すぎます。いずれかの処理が終わるまで待ってから、もう一度お試しください。',
    'FailedOperation.EmailAlreadyExists':
      'このメールアドレスはすでに使用されています。別のメールアドレスを使用するか、ログインしてください。',
    'FailedOperation.EmailIsNull': 'メールアドレスを入力してください。',
    'FailedOperation.ImportUserIsEmpty':
      'インポートするアカウントがありません。アカウントを1件以上追加して、もう一度お試しください。',
    'FailedOperation.IndexedAttributeTooLong':
      '入力された値に長すぎるものがあります。短くして、もう一度お試しください。',
    'FailedOperation.InvalidTenant': UNAVAILABLE,
    'FailedOperation.InvalidUserStatusEnum':
      'アカウントの状態が正しくありません。選択肢の中から状態を選んでください。',
    'FailedOperation.InvalidUserStore': UNAVAILABLE,
    'FailedOperation.PasswordIsNull': 'パスワードを入力してください。',
    'FailedOperation.PhoneNumberAlreadyExists':
      'この電話番号はすでに使用されています。別の電話番号を使用するか、ログインしてください。',
    'FailedOperation.PhoneNumberIsNull': '電話番号を入力してください。',
    'FailedOperation.PrimaryUserNotFound':
      'メインアカウントが見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.QueryUsersParameterMustInWhitelist':
      '検索できない項目が指定されています。' +
      'ユーザー名、電話番号、メールアドレスなど、検索に対応した項目で検索してください。',
    'FailedOperation.QueryUsersParameterRepeat':
      '検索条件が重複しています。重複している条件を削除して、もう一度お試しください。',
    'FailedOperation.QueryUsersSortParameterMustInWhitelist':
      'この項目では並べ替えできません。' +
      'ユーザー名、電話番号、メールアドレスなど、並べ替えに対応した項目を選んでください。',
    'FailedOperation.QuotaLimitExceeded':
      'このサービスの利用上限に達しています。サポートにお問い合わせください。',
    'FailedOperation.SecondaryUserNotFound':
      '連携するアカウントが見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.UserGroupNotFound':
      '指定されたユーザーグループが見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.UserIsFreeze':
      'このアカウントは凍結されています。サポートにお問い合わせください。',
    'FailedOperation.UserNameAlreadyExists':
      'このユーザー名はすでに使用されています。別のユーザー名を入力してください。',
    'FailedOperation.UserNameIsNull': 'ユーザー名を入力してください。',
    'FailedOperation.UserNotFound':
      'アカウントが見つかりませんでした。入力内容を確認して、もう一度お試しください。',
    'FailedOperation.UserStatusRequired': 'アカウントの状態を選択してください。',
    'InternalError.UnknownError': NOT_COMPLETED,
    'InvalidParameter.ParameterIllegal':
      '正しくない情報が含まれています。確認して、もう一度お試しください。',
    OperationDenied:
      'この操作は許可されていません。何かの間違いだと思われる場合は、サポートにお問い合わせください。',
    'RequestLimitExceeded.FrequentRequest':
      '短時間に操作が繰り返されています。少し時間をおいてから、もう一度お試しください。',
    'RequestLimitExceeded.RepeatRequest':
      '同じリクエストがすでに送信されています。少し時間をおいてから、もう一度お試しください。',
    ResourcesSoldOut: TEMPORARILY_UNAVAILABLE,
    'UnauthorizedOperation.TenantNotActivated': UNAVAILABLE,
    'FailedOperation.OrgNotFound':
      '指定された組織が見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.AuthSourceNameAlreadyExists':
      '同じ名前のログイン方法がすでに存在します。別の名前を付けてください。',
    'FailedOperation.AuthSourceNotFound':
      '指定されたログイン方法が見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.UserGroupNameAlreadyExists':
      '同じ名前のユーザーグループがすでに存在します。別の名前を付けてください。',
    'FailedOperation.UserPropertyCodeAlreadyExists':
      '同じ識別子のアカウント項目がすでに存在します。別の識別子を指定してください。',
    'FailedOperation.UserPropertyNotFound':
      '指定されたアカウント項目が見つかりませんでした。確認して、もう一度お試しください。',
    'FailedOperation.UserStoreAlreadyExists':
      'このアカウントディレクトリはすでに存在します。別の名前を付けてください。',
    'FailedOperation.UserStoreDomainAlreadyExists':
      'このドメインはすでに使用されています。別のドメインを指定してください。',
    'FailedOperation.UserStoreNotExist':
      '指定されたアカウントディレクトリが見つかりませんでした。確認して、もう一度お試しください。',
    'InternalError.JudgeUserExistException': NOT_COMPLETED,
    'InternalError.UserStoreCreateSecretFail': NOT_COMPLETED,
    'InternalError.UserStoreDeleteUserFail': NOT_COMPLETED,
    'UnsupportedOperation.EnabledAuthSourceCanNotBeDeleted':
      'このログイン方法は有効になっているため、削除できません。先に無効にしてください。',
    'UnsupportedOperation.EnabledAuthSourceCanNotBeUpdated':
      'このログイン方法は有効になっているため、変更できません。先に無効にしてください。',
    'UnsupportedOperation.InternalUserProperty':
      '標準のアカウント項目は変更できません。代わりにカスタム項目をご利用ください。',
    'UnsupportedOperation.LinkedAppUserPropertyCanNotBeDeleted':
      'このアカウント項目はアプリで使用されているため、削除できません。' +
      '先にアプリから外してください。',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeClosed':
      'このログイン方法はアプリで使用されているため、無効にできません。' +
      '先にアプリから外してください。',
    'UnsupportedOperation.LinkedAuthSourceCanNotBeDeleted':
      'このログイン方法はアプリで使用されているため、削除できません。' +
      '先にアプリから外してください。',
    'UnsupportedOperation.LinkedAuthSourceUserPropertyCanNotBeDeleted':
      'このアカウント項目はログイン方法で使用されているため、削除できません。' +
      '先にログイン方法から外してください。',
    'UnsupportedOperation.LinkedUserPropertyCanNotBeDeleted':
      'このアカウント項目はまだ使用中のため、削除できません。先に使用を停止してください。',
    'UnsupportedOperation.PlatformDomainSuffixCanNotBeUsed':
      'このドメインの末尾部分は予約されているため、使用できません。別のドメインをご利用ください。',
    'UnsupportedOperation.WhenUserExistUserPropertyCanNotBeDeleted':
      'アカウントが登録されている間は、このアカウント項目を削除できません。' +
      'サポートにお問い合わせください。',
  },
};
