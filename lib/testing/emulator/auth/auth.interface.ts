import type { KeyObject } from 'node:crypto';

/**
 * The endpoints of the tenant host (`https://<tenant>.portal.tencentciam.com`), as `failNext`
 * and `CIAM_DOCUMENTED_AUTH_ERRORS` name them:
 *
 * | id | request |
 * | --- | --- |
 * | `token` | `POST /oauth2/token` |
 * | `revoke` | `POST /oauth2/revoke` |
 * | `userinfo` | `GET /userinfo` |
 * | `userinfo_update` | `PATCH /userinfo` |
 * | `change_password` | `POST /change_user_password` |
 * | `reset_password` | `POST /reset_user_password` |
 * | `otp_send` | `POST /otp/send` |
 * | `jwks` | `GET /oauth2/jwks` |
 * | `discovery` | `GET /.well-known/openid-configuration` |
 * | `authorize` | `GET /oauth2/authorize` (the emulator's non-interactive stand-in for the login page) |
 *
 * @example
 * ```ts
 * const endpoint: CiamEmulatorAuthEndpoint = 'token';
 * emulator.failNext({ oauthError: 'invalid_grant' }, { endpoint });
 * ```
 */
export type CiamEmulatorAuthEndpoint =
  | 'token'
  | 'revoke'
  | 'userinfo'
  | 'userinfo_update'
  | 'change_password'
  | 'reset_password'
  | 'otp_send'
  | 'jwks'
  | 'discovery'
  | 'authorize';

/**
 * How the tenant host carries an error:
 * - `json`: a body `{"error":"…","error_description":"…","error_uri":"…"}` (the last two only
 *   when set), `Content-Type: application/json;charset=UTF-8`;
 * - `www-authenticate`: an empty body and `WWW-Authenticate: Bearer error="…", …` (RFC 6750);
 * - `bare`: the status alone, with an empty body and no `Content-Type`.
 *
 * @example
 * ```ts
 * const form: CiamAuthErrorForm = 'www-authenticate';
 * emulator.failNext({ oauthError: 'invalid_token', form }, { endpoint: 'userinfo' });
 * ```
 */
export type CiamAuthErrorForm = 'json' | 'www-authenticate' | 'bare';

/**
 * The grant types of the token endpoint. The last two are CIAM's OTP logins (JSON body).
 *
 * @example
 * ```ts
 * const emulator = await startCiamEmulator({ auth: { grantTypes: ['password', 'refresh_token'] } });
 * ```
 */
export type CiamAuthGrantType =
  | 'authorization_code'
  | 'password'
  | 'refresh_token'
  | 'client_credentials'
  | 'http://tencentciam.com/oauth2/grant-type/otp/sms'
  | 'http://tencentciam.com/oauth2/grant-type/otp/email';

/**
 * What the password grant's `username` may be: the user's UserName, Email or PhoneNumber.
 *
 * @example
 * ```ts
 * const emulator = await startCiamEmulator({ auth: { loginIdentifiers: ['email'] } });
 * ```
 */
export type CiamLoginIdentifier = 'username' | 'email' | 'phone_number';

/**
 * `usage` of `POST /otp/send`.
 *
 * @example
 * ```ts
 * const usage: CiamOtpUsage = 'reset_password';
 * ```
 */
export type CiamOtpUsage = 'login' | 'signup' | 'update_userinfo' | 'reset_password';

/**
 * Options of the tenant host (`startCiamEmulator({ auth })`); every one has a default.
 *
 * @example
 * ```ts
 * const emulator = await startCiamEmulator({
 *   auth: { clientId: 'my-app', redirectUris: ['http://localhost:3000/callback'], accessTokenTtlSeconds: 60 },
 * });
 * ```
 */
export interface CiamEmulatorAuthOptions {
  /** The application's client_id; default 32 random hex characters, as a tenant issues it. */
  clientId?: string;
  /** The application's client_secret; default a random value. */
  clientSecret?: string;
  /**
   * The one authentication source associated with the application; password, SMS OTP and
   * email OTP logins all take it as `auth_source_id`. Default 32 random hex characters.
   */
  authSourceId?: string;
  /** Registered redirect URIs (absolute, no fragment); default `['http://localhost/callback']`. */
  redirectUris?: readonly string[];
  /**
   * Scopes the application may request; default `openid profile email phone identity_proofing`.
   * `client_credentials` may request any of them except `openid`, `profile`, `email`, `phone`.
   */
  scopes?: readonly string[];
  /** Grant types the application may use; default all six. Others → `unauthorized_client`. */
  grantTypes?: readonly CiamAuthGrantType[];
  /**
   * What the password grant accepts as `username`; default all three. A username shaped like a
   * disabled identifier → `invalid_grant` / "Unsupported username identifier".
   */
  loginIdentifiers?: readonly CiamLoginIdentifier[];
  /** Access and ID token lifetime; default 300 s, as CIAM issues them. */
  accessTokenTtlSeconds?: number;
  /** Refresh token lifetime (each rotation starts a new one); default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** Authorization code lifetime; default 300 s. */
  codeTtlSeconds?: number;
  /** OTP (and its otp_token) lifetime; default 300 s. */
  otpTtlSeconds?: number;
  /**
   * Shortest time between two SMS to the same phone number; default 60 s, 0 turns the limit
   * off. Sooner → `sms_rate_limit_exceeded`. Email has no limit.
   */
  otpSendIntervalSeconds?: number;
  /**
   * How many former passwords `change_user_password` and `reset_user_password` refuse with
   * `recurrent_password`; default 3.
   */
  passwordHistorySize?: number;
  /**
   * The RSA private key (PEM or KeyObject, at least 2048 bits) that signs tokens; default a
   * fresh 2048-bit key. Its `kid` is the RFC 7638 thumbprint, so a fixed key gives a fixed JWKS.
   */
  signingKey?: KeyObject | string;
}

/**
 * An OAuth error injected on the tenant host. `status` and `form` default to what CIAM
 * documents for that error on that endpoint (see `CIAM_DOCUMENTED_AUTH_ERRORS`); `description` and
 * `errorUri` too, where `null` leaves them out.
 *
 * @example
 * ```ts
 * emulator.failNext({ oauthError: 'invalid_grant', description: 'Abnormal user status' }, { endpoint: 'token' });
 * emulator.failNext({ oauthError: 'invalid_token' }, { endpoint: 'userinfo' }); // 401, WWW-Authenticate
 * ```
 */
export interface CiamEmulatorOAuthFailure {
  oauthError: string;
  description?: string | null;
  errorUri?: string | null;
  /** 400–599 */
  status?: number;
  form?: 'json' | 'www-authenticate';
  /** Shorthand for `failNext`'s `options.endpoint`. */
  endpoint?: CiamEmulatorAuthEndpoint;
}

/**
 * A sign-in through the (absent) login page, for the authorization code flow.
 *
 * @example
 * ```ts
 * const { code, redirectUrl } = emulator.authorize({
 *   username: 'ada', password: 'S3cret!42', redirectUri: emulator.redirectUris[0], state: 'xyz',
 *   codeChallenge, codeChallengeMethod: 'S256',
 * });
 * ```
 */
export interface CiamEmulatorAuthorizeRequest {
  /** UserName, Email or PhoneNumber of a user of the default user store. */
  username: string;
  /** Checked when given; without it the user signs in without a password. */
  password?: string;
  /** Default: the emulator's client. */
  clientId?: string;
  /** Must be registered; default the first of `redirectUris`. */
  redirectUri?: string;
  /** Space-separated; default `openid`. */
  scope?: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  /** Default `plain` when `codeChallenge` is given (RFC 7636). */
  codeChallengeMethod?: 'S256' | 'plain';
}

/**
 * What `authorize` returns.
 *
 * @example
 * ```ts
 * const { redirectUrl } = emulator.authorize({ username: 'ada' });
 * const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl));
 * ```
 */
export interface CiamEmulatorAuthorizeResult {
  /** Single-use, valid for `codeTtlSeconds`. */
  code: string;
  state?: string;
  /** The redirect URI with `code` (and `state`) added, as the browser would land on it. */
  redirectUrl: string;
}

/**
 * One OTP sent through `POST /otp/send`, as a test reads it from the SMS or the mailbox.
 *
 * @example
 * ```ts
 * const sent: CiamEmulatorSentOtp | undefined = emulator.lastOtp({ phoneNumber: '13812341234' });
 * sent?.otp; // '493021'
 * ```
 */
export interface CiamEmulatorSentOtp {
  otpToken: string;
  /** Six digits. */
  otp: string;
  usage: CiamOtpUsage;
  channel: 'sms' | 'email';
  phoneNumber?: string;
  email?: string;
  /** Emulator clock, ms since the epoch. */
  sentAt: number;
  expiresAt: number;
  /** True once a login, reset or update used it. */
  consumed: boolean;
}

/**
 * Whose last OTP `lastOtp` looks up.
 *
 * @example
 * ```ts
 * emulator.lastOtp({ email: 'ada@example.com' });
 * ```
 */
export type CiamEmulatorOtpRecipient = { phoneNumber: string } | { email: string };
