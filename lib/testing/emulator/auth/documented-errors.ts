import type { CiamEmulatorAuthEndpoint, CiamAuthErrorForm } from './auth.interface.js';
import { RFC6749_TOKEN_ERROR_URI, RFC6750_ERROR_URI } from './oauth-error.js';

/**
 * One error CIAM documents for one endpoint of the tenant host.
 *
 * @example
 * ```ts
 * const row: CiamDocumentedAuthError = CIAM_DOCUMENTED_AUTH_ERRORS.find((r) => r.error === 'user_not_found')!;
 * row.status; // 404 (on `userinfo`)
 * ```
 */
export interface CiamDocumentedAuthError {
  readonly endpoint: CiamEmulatorAuthEndpoint;
  /** The `error` value; absent for a `bare` answer. */
  readonly error?: string;
  readonly status: number;
  readonly form: CiamAuthErrorForm;
  /** `error_description` as CIAM sends it; absent when CIAM sends none. */
  readonly description?: string;
  readonly errorUri?: string;
  /** When CIAM answers it. */
  readonly when: string;
  /** One of the RFC 6749 errors any endpoint may answer (500, 503, 403). */
  readonly generic?: true;
}

/**
 * The scope an access token needs on each Bearer endpoint; CIAM asks for "an Access Token with
 * openid scope" on all three. Without it → 403 `insufficient_scope`.
 *
 * @example
 * ```ts
 * CIAM_AUTH_ENDPOINT_SCOPES.userinfo; // 'openid'
 * ```
 */
export const CIAM_AUTH_ENDPOINT_SCOPES = {
  userinfo: 'openid',
  userinfo_update: 'openid',
  change_password: 'openid',
} as const satisfies Partial<Record<CiamEmulatorAuthEndpoint, string>>;

type Row = Omit<CiamDocumentedAuthError, 'endpoint'>;

const json = (error: string, when: string, description?: string, status = 400): Row => ({
  error,
  status,
  form: 'json',
  when,
  ...(description === undefined ? {} : { description }),
});

/** The three RFC 6750 challenges of the Bearer endpoints. */
const BEARER_ERRORS: readonly Row[] = [
  {
    error: 'invalid_request',
    status: 400,
    form: 'www-authenticate',
    description: 'Bearer token not found in the request',
    errorUri: RFC6750_ERROR_URI,
    when: 'no Authorization: Bearer header',
  },
  {
    error: 'invalid_token',
    status: 401,
    form: 'www-authenticate',
    description: 'Error decoding JWT',
    when: 'the access token is malformed or its signature does not verify',
  },
  {
    error: 'insufficient_scope',
    status: 403,
    form: 'www-authenticate',
    when: 'the access token lacks the openid scope',
  },
];

const GENERIC_ERRORS: readonly Row[] = [
  { ...json('server_error', 'any request (RFC 6749)', undefined, 500), generic: true },
  { ...json('temporarily_unavailable', 'any request (RFC 6749)', undefined, 503), generic: true },
  { ...json('access_denied', 'any request (RFC 6749)', undefined, 403), generic: true },
];

const PASSWORD_ERRORS = (when: string): Row[] => [
  json('recurrent_password', `${when}: the new password is one of the former ones`),
  json('invalid_new_password', `${when}: the new password does not meet the password policy`),
];

const abnormalStatus = (when: string): Row[] => [
  json('abnormal_user_status', `${when}: the user is frozen`, 'User is frozen.'),
  json('abnormal_user_status', `${when}: the user is locked`, 'User is locked.'),
];

const DOCUMENTED: Readonly<Record<CiamEmulatorAuthEndpoint, readonly Row[]>> = {
  token: [
    json('invalid_grant', 'password: unknown user or wrong password', 'Wrong username or password'),
    json('invalid_grant', 'password or OTP login: user frozen or locked', 'Abnormal user status'),
    json(
      'invalid_grant',
      'password: the username is shaped like a disabled identifier',
      'Unsupported username identifier',
    ),
    json(
      'invalid_auth_source',
      'password or OTP login: auth_source_id is not the application’s',
      'Auth source and application not associated',
    ),
    { status: 401, form: 'bare', when: 'client_id missing or unknown' },
    json('invalid_client', 'client secret missing or wrong', undefined, 401),
    {
      ...json('unsupported_grant_type', 'grant_type missing or unknown'),
      errorUri: RFC6749_TOKEN_ERROR_URI,
    },
    json(
      'invalid_grant',
      'authorization_code: unknown, used or expired code, or other redirect_uri',
    ),
    json(
      'invalid_request',
      'PKCE without a client secret: client_id missing',
      'Client authentication failed: client_id',
    ),
    json(
      'invalid_client',
      'PKCE: unknown, used or expired code',
      'Client authentication failed: code',
      401,
    ),
    json(
      'invalid_client',
      'PKCE: code_verifier missing or wrong',
      'Client authentication failed: code_verifier',
      401,
    ),
    json('unauthorized_client', 'the grant type is not enabled for the application'),
    json('invalid_scope', 'a scope the application may not request'),
    json('invalid_grant', 'refresh_token: unknown, rotated, revoked or expired refresh token'),
    json(
      'invalid_grant',
      'OTP login: unknown, used or expired otp_token',
      'Unknown or expired otp_token',
    ),
    json('invalid_grant', 'OTP login: wrong otp', 'Unknown or expired OTP'),
    json('invalid_grant', 'OTP login: no user with that phone number or email', 'User not found'),
    json(
      'invalid_request',
      'OTP login: the otp_token was sent for another recipient, usage, client or auth source',
      'Mismatched OTP token and OTP sending parameters',
    ),
  ],
  revoke: [json('invalid_client', 'client authentication failed', undefined, 401)],
  userinfo: [...BEARER_ERRORS, json('user_not_found', 'the user was deleted', undefined, 404)],
  userinfo_update: [
    json('invalid_request', 'an attribute CIAM does not know', 'Unknown attribute(s) found.'),
    json(
      'invalid_request',
      'a standard claim that cannot be updated',
      'Unsupported user attribute(s) found.',
    ),
    json('malformed_phone_number', 'phone_number is not an 11-digit mainland number'),
    json('duplicate_phone_number', 'phone_number belongs to another user'),
    json('bad_phone_number_otp_token', 'phone_number_otp_token unknown, expired or mismatched'),
    json('bad_phone_number_otp', 'phone_number_otp wrong'),
    json('malformed_email', 'email is not an email address'),
    json('duplicate_email', 'email belongs to another user'),
    json('bad_email_otp_token', 'email_otp_token unknown, expired or mismatched'),
    json('bad_email_otp', 'email_otp wrong'),
    json('illegal_parameter_value', 'a value that is not a string'),
    ...BEARER_ERRORS,
  ],
  change_password: [
    json('wrong_old_password', 'old_password is not the current password'),
    json('duplicate_password', 'new_password equals old_password'),
    ...PASSWORD_ERRORS('change'),
    json('user_not_found', 'the user was deleted'),
    ...abnormalStatus('change'),
    ...BEARER_ERRORS,
  ],
  reset_password: [
    ...PASSWORD_ERRORS('reset'),
    json('user_not_found', 'no user with that email or phone number'),
    ...abnormalStatus('reset'),
    json('bad_email_otp_token', 'email_otp_token unknown, expired or mismatched'),
    json('bad_email_otp', 'email_otp wrong'),
  ],
  otp_send: [
    json('malformed_phone_number', 'phone_number is not an 11-digit mainland number'),
    json('malformed_email', 'email is not an email address'),
    json('insufficient_sms_quota', 'the tenant’s SMS quota is used up (injection only)'),
    json('insufficient_email_quota', 'the tenant’s email quota is used up (injection only)'),
    json('invalid_email', 'the email address is refused (injection only)'),
    json('email_is_used', 'usage=signup with an email that belongs to a user'),
    json('phone_number_is_used', 'usage=signup with a phone number that belongs to a user'),
    json(
      'sms_rate_limit_exceeded',
      'a second SMS to the same number within otpSendIntervalSeconds',
      'SMS rate limit exceeded for same phone number',
    ),
    json(
      'temporarily_unavailable',
      'the SMS or email provider failed (injection only)',
      undefined,
      503,
    ),
  ],
  jwks: [],
  discovery: [],
  authorize: [],
};

function withGeneric(
  endpoint: CiamEmulatorAuthEndpoint,
  rows: readonly Row[],
): CiamDocumentedAuthError[] {
  const generic = GENERIC_ERRORS.filter(
    (candidate) => !rows.some((row) => row.error === candidate.error),
  );
  return [...rows, ...generic].map((row) => ({ endpoint, ...row }));
}

/**
 * Every error CIAM documents for the tenant host, per endpoint, plus the RFC 6749 errors any
 * endpoint may answer (`generic`). `failNext({ oauthError })` takes its defaults from here: the
 * first row of that endpoint and error (and form, when given). `authorize` is the emulator's
 * own endpoint and has no rows.
 *
 * @example
 * ```ts
 * for (const row of CIAM_DOCUMENTED_AUTH_ERRORS.filter((r) => r.endpoint === 'otp_send')) {
 *   console.log(row.status, row.error, row.description ?? '');
 * }
 * ```
 */
export const CIAM_DOCUMENTED_AUTH_ERRORS: readonly CiamDocumentedAuthError[] = Object.freeze(
  (Object.keys(DOCUMENTED) as CiamEmulatorAuthEndpoint[])
    .filter((endpoint) => endpoint !== 'authorize')
    .flatMap((endpoint) => withGeneric(endpoint, DOCUMENTED[endpoint])),
);

/** The first row for that endpoint and error (and form); `undefined` if CIAM documents none. */
export function findDocumentedError(
  endpoint: CiamEmulatorAuthEndpoint,
  error: string,
  form?: CiamAuthErrorForm,
): CiamDocumentedAuthError | undefined {
  return CIAM_DOCUMENTED_AUTH_ERRORS.find(
    (row) =>
      row.endpoint === endpoint && row.error === error && (form === undefined || row.form === form),
  );
}

/** Status and form for an error CIAM does not document on that endpoint (RFC 6749/6750). */
export function fallbackErrorShape(error: string): { status: number; form: CiamAuthErrorForm } {
  switch (error) {
    case 'invalid_client':
      return { status: 401, form: 'json' };
    case 'invalid_token':
      return { status: 401, form: 'www-authenticate' };
    case 'insufficient_scope':
      return { status: 403, form: 'www-authenticate' };
    case 'access_denied':
      return { status: 403, form: 'json' };
    case 'server_error':
      return { status: 500, form: 'json' };
    case 'temporarily_unavailable':
      return { status: 503, form: 'json' };
    default:
      return { status: 400, form: 'json' };
  }
}
