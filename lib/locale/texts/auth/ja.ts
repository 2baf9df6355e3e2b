import type { CiamAuthErrorCode } from '../../../catalog/ciam-auth-code-defaults.js';

// Japanese (ja) end-user texts of the authentication API's `error` values. Hidden values (the
// operator's to fix) get the generic text of their status, as clients receive it.
export const JA_AUTH_TEXTS: Readonly<Record<CiamAuthErrorCode, string>> = {
  invalid_request:
    '必要な情報が入力されていないか、正しくない情報が含まれています。確認して、もう一度お試しください。',
  invalid_client: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  invalid_grant:
    'ログイン情報が正しくないか、有効期限が切れています。もう一度ログインしてください。',
  unauthorized_client: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  unsupported_grant_type: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  invalid_scope: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  invalid_auth_source: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  invalid_token: 'ログインの有効期限が切れました。もう一度ログインしてください。',
  insufficient_scope:
    'この操作を行う権限がありません。何かの間違いだと思われる場合は、サポートにお問い合わせください。',
  user_not_found: 'アカウントが見つかりませんでした。入力内容を確認して、もう一度お試しください。',
  abnormal_user_status:
    'このアカウントは凍結またはロックされています。サポートにお問い合わせください。',
  malformed_phone_number: '電話番号の形式が正しくありません。確認して、もう一度お試しください。',
  duplicate_phone_number:
    'この電話番号はすでに別のアカウントで使用されています。別の電話番号を入力してください。',
  bad_phone_number_otp_token:
    'SMSで届いた確認コードは使用できなくなりました。確認コードを再送信してください。',
  bad_phone_number_otp:
    'SMSで届いた確認コードが正しくないか、有効期限が切れています。入力し直すか、確認コードを再送信してください。',
  malformed_email: 'メールアドレスの形式が正しくありません。確認して、もう一度お試しください。',
  duplicate_email:
    'このメールアドレスはすでに別のアカウントで使用されています。別のメールアドレスを入力してください。',
  bad_email_otp_token:
    'メールで届いた確認コードは使用できなくなりました。確認コードを再送信してください。',
  bad_email_otp:
    'メールで届いた確認コードが正しくないか、有効期限が切れています。入力し直すか、確認コードを再送信してください。',
  illegal_parameter_value:
    'プロフィール情報に正しくない値が含まれています。確認して、もう一度お試しください。',
  wrong_old_password: '現在のパスワードが正しくありません。もう一度入力してください。',
  duplicate_password:
    '新しいパスワードが現在のパスワードと同じです。別のパスワードを設定してください。',
  recurrent_password: 'このパスワードは最近使用されたものです。別のパスワードを設定してください。',
  invalid_new_password:
    '新しいパスワードがパスワードの条件を満たしていません。条件に合うパスワードを設定してください。',
  invalid_email:
    'このメールアドレスに確認コードを送信できませんでした。メールアドレスを確認するか、別のメールアドレスをお試しください。',
  email_is_used:
    'このメールアドレスはすでに使用されています。別のメールアドレスを使用するか、ログインしてください。',
  phone_number_is_used:
    'この電話番号はすでに使用されています。別の電話番号を使用するか、ログインしてください。',
  insufficient_sms_quota: 'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  insufficient_email_quota:
    'システムで問題が発生しました。しばらくしてからもう一度お試しください。',
  sms_rate_limit_exceeded:
    'この電話番号に確認コードが短時間に何度も送信されています。1分ほど待ってから、もう一度お試しください。',
  temporarily_unavailable:
    '一時的にサービスをご利用いただけません。しばらくしてからもう一度お試しください。',
  server_error: '処理を完了できませんでした。しばらくしてからもう一度お試しください。',
  access_denied:
    'アクセスが拒否されました。何かの間違いだと思われる場合は、サポートにお問い合わせください。',
};
