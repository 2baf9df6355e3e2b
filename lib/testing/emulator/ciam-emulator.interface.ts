import type {
  CiamEmulatorAuthEndpoint,
  CiamEmulatorAuthOptions,
  CiamEmulatorAuthorizeRequest,
  CiamEmulatorAuthorizeResult,
  CiamEmulatorOAuthFailure,
  CiamEmulatorOtpRecipient,
  CiamEmulatorSentOtp,
} from './auth/auth.interface.js';

/**
 * One injected failure:
 * - a code string or `{ code, message? }`: a CIAM error envelope (HTTP 200, `Response.Error`)
 *   of the management API;
 * - `{ httpStatus, body?, contentType? }`: a non-2xx answer (400–599), as a gateway sends. On
 *   the management API the body defaults to plain text (`503 Service Unavailable`); on the
 *   tenant host (with an `endpoint`) to nothing at all, like CIAM's bare 401. `body` and
 *   `contentType` give any other body, e.g. a gateway's HTML page;
 * - `{ hang: true }`: no answer at all, so the client times out;
 * - `{ oauthError, … }`: an OAuth error of the tenant host, shaped as CIAM documents it on
 *   that endpoint (see `CiamEmulatorOAuthFailure` and `CIAM_DOCUMENTED_AUTH_ERRORS`).
 *
 * `httpStatus` and `hang` hit the management API unless `failNext` names an `endpoint` (in
 * its options, or in the failure itself as a shorthand).
 *
 * @example
 * ```ts
 * emulator.failNext('FailedOperation.UserNotFound');
 * emulator.failNext({ code: 'InternalError', message: 'boom' });
 * emulator.failNext({ httpStatus: 503 });
 * emulator.failNext({ hang: true });
 * emulator.failNext({ oauthError: 'invalid_grant' }, { endpoint: 'token' });
 * emulator.failNext({ httpStatus: 401 }, { endpoint: 'token' }); // CIAM's bare 401
 * emulator.failNext(
 *   { httpStatus: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' },
 *   { endpoint: 'userinfo' },
 * );
 * emulator.failNext({ hang: true }, { endpoint: 'token' });
 * ```
 */
export type CiamEmulatorFailure =
  | string
  | { code: string; message?: string }
  | { httpStatus: number; body?: string; contentType?: string; endpoint?: CiamEmulatorAuthEndpoint }
  | { hang: true; endpoint?: CiamEmulatorAuthEndpoint }
  | CiamEmulatorOAuthFailure;

/**
 * Which requests a queued failure hits.
 *
 * @example
 * ```ts
 * emulator.failNext('RequestLimitExceeded', { action: 'CreateUser', times: 3 });
 * emulator.failNext({ oauthError: 'temporarily_unavailable' }, { endpoint: 'otp_send', times: 2 });
 * ```
 */
export interface CiamEmulatorFailNextOptions {
  /** Only requests for this action consume the failure; default: any action. */
  action?: string;
  /**
   * Only requests to this tenant-host endpoint consume the failure. An `oauthError` without
   * one hits the next request to any endpoint of the tenant host.
   */
  endpoint?: CiamEmulatorAuthEndpoint;
  /** How many matching requests fail; default 1. */
  times?: number;
}

/**
 * Options of `startCiamEmulator`; every one has a default.
 *
 * @example
 * ```ts
 * const emulator = await startCiamEmulator({ maxBodyBytes: 1024, rateLimitPerSecond: 20 });
 * const withClient = await startCiamEmulator({ auth: { clientId: 'my-app', clientSecret: 's3cret' } });
 * ```
 */
export interface CiamEmulatorOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Loopback address to listen on (`127.0.0.1`, `::1` or `localhost`); default `127.0.0.1`. */
  host?: string;
  /** Accepted SecretId; default a random `AKID…` value. */
  secretId?: string;
  /** Accepted SecretKey; default a random value. */
  secretKey?: string;
  /** Region reported to clients; default `ap-guangzhou`. Any non-empty X-TC-Region is accepted. */
  region?: string;
  /** Largest accepted body in bytes; default 10 MB, beyond → `RequestSizeLimitExceeded`. */
  maxBodyBytes?: number;
  /** Largest accepted distance between X-TC-Timestamp and server time; default 300 s. */
  clockSkewSeconds?: number;
  /** Requests per second per action; default off. Beyond → `RequestLimitExceeded`. */
  rateLimitPerSecond?: number;
  /** How old a data-sync job must be before ListJobs reports it COMPLETED; default 50 ms. */
  jobDurationMs?: number;
  /** The tenant host (OAuth 2.0 / OIDC) served on the same port; see `CiamEmulatorAuthOptions`. */
  auth?: CiamEmulatorAuthOptions;
}

/**
 * A running emulator, as `startCiamEmulator` resolves it.
 *
 * @example
 * ```ts
 * let emulator: CiamEmulator;
 * beforeAll(async () => (emulator = await startCiamEmulator()));
 * afterEach(() => emulator.reset());
 * afterAll(() => emulator.close());
 * ```
 */
export interface CiamEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`: the SDK's `endpoint` (with `protocol: 'http://'`). */
  readonly endpoint: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly region: string;
  /** A user store that exists from the start and survives `reset()`. */
  readonly userStoreId: string;
  /**
   * The tenant host's base URL (`http://127.0.0.1:PORT`, same origin as `url`): the `iss` of
   * every token and the issuer for OIDC discovery.
   *
   * @example
   * ```ts
   * const config = await client.discovery(new URL(emulator.issuer), emulator.clientId, emulator.clientSecret, undefined, {
   *   execute: [client.allowInsecureRequests],
   * });
   * ```
   */
  readonly issuer: string;
  /**
   * The application's client_id (`auth.clientId`).
   *
   * @example
   * ```ts
   * await fetch(`${emulator.issuer}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ client_id: emulator.clientId }) });
   * ```
   */
  readonly clientId: string;
  /**
   * The application's client_secret (`auth.clientSecret`).
   *
   * @example
   * ```ts
   * const basic = Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64');
   * ```
   */
  readonly clientSecret: string;
  /**
   * The `auth_source_id` of password and OTP logins (`auth.authSourceId`).
   *
   * @example
   * ```ts
   * await client.genericGrantRequest(config, 'password', {
   *   auth_source_id: emulator.authSourceId, username: 'ada', password: 'S3cret!42', scope: 'openid',
   * });
   * ```
   */
  readonly authSourceId: string;
  /**
   * The registered redirect URIs (`auth.redirectUris`).
   *
   * @example
   * ```ts
   * client.buildAuthorizationUrl(config, { redirect_uri: emulator.redirectUris[0], scope: 'openid' });
   * ```
   */
  readonly redirectUris: readonly string[];
  /** Makes the next matching request(s) fail; failures queue in call order. */
  failNext(failure: CiamEmulatorFailure, options?: CiamEmulatorFailNextOptions): void;
  /** Changes the per-action rate limit; `undefined` turns it off. */
  setRateLimit(perSecond: number | undefined): void;
  /** Completes every PENDING or PROCESSING data-sync job now. */
  completeJobs(): void;
  /**
   * Creates a user in the default user store, as `CreateUser` would (the same parameters, the
   * same rules and errors), without a signed request: for seeding tests and development apps.
   * Returns the user as the API answers it (`UserId`, …).
   *
   * @example
   * ```ts
   * const { UserId } = emulator.createUser({ UserName: 'alice', Password: 'Secret-123' });
   * ```
   */
  createUser(
    params: Readonly<Record<string, unknown>>,
  ): { UserId: string } & Record<string, unknown>;
  /**
   * Signs a user in as CIAM's login page would and returns an authorization code for
   * `POST /oauth2/token` (the emulator has no login page; `GET /oauth2/authorize` with
   * `login_hint` is the HTTP equivalent). Throws an Error whose `error` is the OAuth error
   * (`access_denied` for an unknown user, a wrong password, a frozen or locked user;
   * `invalid_request` for an unknown client or unregistered redirect URI; `invalid_scope`).
   *
   * @example
   * ```ts
   * const verifier = client.randomPKCECodeVerifier();
   * const { redirectUrl } = emulator.authorize({
   *   username: 'ada',
   *   password: 'S3cret!42',
   *   state: 'xyz',
   *   codeChallenge: await client.calculatePKCECodeChallenge(verifier),
   *   codeChallengeMethod: 'S256',
   * });
   * const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl), {
   *   pkceCodeVerifier: verifier,
   *   expectedState: 'xyz',
   * });
   * ```
   */
  authorize(request: CiamEmulatorAuthorizeRequest): CiamEmulatorAuthorizeResult;
  /**
   * Every OTP sent through `POST /otp/send` since the start or the last `reset()`, oldest first.
   *
   * @example
   * ```ts
   * expect(emulator.sentOtps().map((otp) => otp.usage)).toEqual(['signup', 'login']);
   * ```
   */
  sentOtps(): CiamEmulatorSentOtp[];
  /**
   * The last OTP sent to a phone number or email, as a test reads it from the SMS or mailbox.
   *
   * @example
   * ```ts
   * const { otp_token } = await (await fetch(`${emulator.issuer}/otp/send`, sendInit)).json();
   * const { otp } = emulator.lastOtp({ email: 'ada@example.com' })!;
   * ```
   */
  lastOtp(recipient: CiamEmulatorOtpRecipient): CiamEmulatorSentOtp | undefined;
  /**
   * Moves the tenant host's clock forward, so access and refresh tokens, codes, OTPs and the
   * SMS interval expire as if that time had passed. The management API keeps real time;
   * `reset()` puts the clock back.
   *
   * @example
   * ```ts
   * emulator.advanceAuthClock(301); // past the default 300 s access token lifetime
   * await expect(client.fetchUserInfo(config, accessToken, sub)).rejects.toThrow();
   * ```
   */
  advanceAuthClock(seconds: number): void;
  /**
   * Back to the initial data (same `userStoreId`), no queued failures, initial rate limit. On
   * the tenant host: no tokens, codes, OTPs or password history, clock back to real time; the
   * signing key, the client and the issuer stay.
   */
  reset(): void;
  /** Stops listening and ends every connection, hanging ones included. */
  close(): Promise<void>;
}
