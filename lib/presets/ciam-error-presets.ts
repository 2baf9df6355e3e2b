import type {
  CiamErrorOverride,
  CiamErrorOverrideMap,
} from '../interfaces/ciam-error-override.interface.js';

/** One answer for every account state a sign-in must not reveal. */
const INVALID_CREDENTIALS = {
  status: 401,
  code: 'InvalidCredentials',
  expose: true,
  message: {
    en: 'The account or password is incorrect.',
    'zh-CN': '账号或密码错误。',
    'zh-TW': '帳號或密碼錯誤。',
    ja: 'アカウントまたはパスワードが正しくありません。',
    ko: '계정 또는 비밀번호가 올바르지 않습니다.',
  },
} as const satisfies CiamErrorOverride;

/** One conflict for every "already exists" code, naming no field. */
const SIGN_UP_CONFLICT = {
  status: 409,
  code: 'SignUpConflict',
  expose: true,
  message: {
    en: 'We could not create an account with these details. If you already have an account, please sign in.',
    'zh-CN': '无法使用这些信息创建账号。如果您已有账号，请直接登录。',
    'zh-TW': '無法使用這些資料建立帳號。如果您已有帳號，請直接登入。',
    ja: '入力された情報ではアカウントを作成できませんでした。すでにアカウントをお持ちの場合は、ログインしてください。',
    ko: '입력한 정보로는 계정을 만들 수 없습니다. 이미 계정이 있으면 로그인해 주세요.',
  },
} as const satisfies CiamErrorOverride;

/**
 * A 2xx status makes the filter answer as a handler that returned nothing: that status, no body,
 * none of the problem headers. So the route's success answer must be the same: `@HttpCode(202)`
 * and no return value.
 */
const SILENT_ACCEPTED = { status: 202 } as const satisfies CiamErrorOverride;

/**
 * Override maps for routes where an answer must not reveal whether an account exists (user
 * enumeration). Use one as it is, or spread it into a larger map:
 *
 * - `signIn`: an unknown, frozen or otherwise unusable account answers `401 InvalidCredentials`
 *   ("The account or password is incorrect."), whatever the reason; on the tenant host's token
 *   endpoint, every `invalid_grant`, `user_not_found` and `abnormal_user_status`.
 * - `passwordReset`: an unknown or frozen account, or a wrong reset code, answers `202` with no
 *   body, exactly as the route answers when it succeeds (give the route `@HttpCode(202)` and
 *   return nothing).
 * - `signUp`: a taken user name, email or phone number answers one `409 SignUpConflict` that names
 *   no field (`email_is_used`, `duplicate_email` and their phone twins included).
 *
 * @example
 * @Post('sessions')
 * @CiamErrorMap(CiamErrorPresets.signIn)
 * signIn(@Body() body: SignInDto) {}
 *
 * @CiamErrorMap({ ...CiamErrorPresets.signUp, InvalidParameterValue: 422 })
 * @publicApi
 */
export const CiamErrorPresets = Object.freeze({
  signIn: Object.freeze({
    'FailedOperation.UserNotFound': INVALID_CREDENTIALS,
    'FailedOperation.UserIsFreeze': INVALID_CREDENTIALS,
    'FailedOperation.PrimaryUserNotFound': INVALID_CREDENTIALS,
    'FailedOperation.SecondaryUserNotFound': INVALID_CREDENTIALS,
    'FailedOperation.PasswordIsNull': INVALID_CREDENTIALS,
    // The token endpoint: a wrong password, an unknown or frozen account, a bad code or OTP.
    invalid_grant: INVALID_CREDENTIALS,
    user_not_found: INVALID_CREDENTIALS,
    abnormal_user_status: INVALID_CREDENTIALS,
  }),
  passwordReset: Object.freeze({
    'FailedOperation.UserNotFound': SILENT_ACCEPTED,
    'FailedOperation.UserIsFreeze': SILENT_ACCEPTED,
    'FailedOperation.PrimaryUserNotFound': SILENT_ACCEPTED,
    // /reset_user_password and /otp/send (usage reset_password) of the tenant host.
    user_not_found: SILENT_ACCEPTED,
    abnormal_user_status: SILENT_ACCEPTED,
    bad_email_otp_token: SILENT_ACCEPTED,
    bad_email_otp: SILENT_ACCEPTED,
    bad_phone_number_otp_token: SILENT_ACCEPTED,
    bad_phone_number_otp: SILENT_ACCEPTED,
  }),
  signUp: Object.freeze({
    'FailedOperation.UserNameAlreadyExists': SIGN_UP_CONFLICT,
    'FailedOperation.EmailAlreadyExists': SIGN_UP_CONFLICT,
    'FailedOperation.PhoneNumberAlreadyExists': SIGN_UP_CONFLICT,
    // The tenant host: a sign-up OTP for a used address, or a profile update to one.
    email_is_used: SIGN_UP_CONFLICT,
    phone_number_is_used: SIGN_UP_CONFLICT,
    duplicate_email: SIGN_UP_CONFLICT,
    duplicate_phone_number: SIGN_UP_CONFLICT,
  }),
} satisfies Record<string, CiamErrorOverrideMap>);
