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
 *   ("The account or password is incorrect.") in every locale, whatever the reason.
 * - `passwordReset`: an unknown or frozen account answers `202` with no body, exactly as the route
 *   answers when it succeeds (give the route `@HttpCode(202)` and return nothing).
 * - `signUp`: a taken user name, email or phone number answers one `409 SignUpConflict` that names
 *   no field.
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
  }),
  passwordReset: Object.freeze({
    'FailedOperation.UserNotFound': SILENT_ACCEPTED,
    'FailedOperation.UserIsFreeze': SILENT_ACCEPTED,
    'FailedOperation.PrimaryUserNotFound': SILENT_ACCEPTED,
  }),
  signUp: Object.freeze({
    'FailedOperation.UserNameAlreadyExists': SIGN_UP_CONFLICT,
    'FailedOperation.EmailAlreadyExists': SIGN_UP_CONFLICT,
    'FailedOperation.PhoneNumberAlreadyExists': SIGN_UP_CONFLICT,
  }),
} satisfies Record<string, CiamErrorOverrideMap>);
