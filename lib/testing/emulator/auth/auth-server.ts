import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBoundedBody } from '../body-reader.util.js';
import { CiamEmulatorError } from '../emulator-error.js';
import type { EmulatorState } from '../emulator-state.js';
import type { AuthFailure, FailureInjector } from '../failure-injector.js';
import { AuthClock } from './auth-clock.js';
import type { AuthContext } from './auth-context.js';
import type { AuthRequest } from './auth-http.util.js';
import { sendEmpty, sendError, sendResponse, sendText } from './auth-http.util.js';
import { allowedMethods, findRoute, isAuthPath, pathOf } from './auth-router.js';
import type { AuthSettings } from './auth-settings.js';
import type {
  CiamEmulatorAuthEndpoint,
  CiamEmulatorAuthorizeRequest,
  CiamEmulatorAuthorizeResult,
  CiamEmulatorOtpRecipient,
  CiamEmulatorSentOtp,
} from './auth.interface.js';
import { createAuthorizationCode } from './authorization.js';
import { fallbackErrorShape, findDocumentedError } from './documented-errors.js';
import type { SigningKey } from './jwt.util.js';
import { AuthHttpError, oauthError } from './oauth-error.js';
import { OtpStore } from './otp-store.js';
import { PasswordHistory } from './password-policy.js';
import { TokenStore } from './token-store.js';

export interface AuthServerOptions {
  readonly settings: AuthSettings;
  readonly key: SigningKey;
  readonly issuer: string;
  readonly state: EmulatorState;
  readonly injector: FailureInjector;
  readonly maxBodyBytes: number;
}

/** An injected OAuth error, its blanks filled from `CIAM_DOCUMENTED_AUTH_ERRORS` for that endpoint. */
function injectedError(
  endpoint: CiamEmulatorAuthEndpoint,
  failure: Extract<AuthFailure, { kind: 'oauth' }>,
): AuthHttpError {
  // A row of the asked form, else any row of that error (its description still applies).
  const row =
    findDocumentedError(endpoint, failure.error, failure.form) ??
    findDocumentedError(endpoint, failure.error);
  const fallback = fallbackErrorShape(failure.error);
  const documentedForm = row?.form === 'bare' ? undefined : row?.form;
  const pick = (given: string | null | undefined, documented: string | undefined) =>
    given === null ? undefined : (given ?? documented);
  return new AuthHttpError(
    failure.status ?? row?.status ?? fallback.status,
    failure.form ?? documentedForm ?? fallback.form,
    failure.error,
    pick(failure.description, row?.description),
    pick(failure.errorUri, row?.errorUri),
  );
}

/**
 * The tenant host (`https://<tenant>.portal.tencentciam.com`): OAuth 2.0 / OIDC endpoints over
 * the users of the management API's default user store, served next to `POST /`.
 */
export class AuthServer {
  private readonly context: AuthContext;

  constructor(private readonly options: AuthServerOptions) {
    const { settings } = options;
    this.context = {
      settings,
      issuer: options.issuer,
      key: options.key,
      state: options.state,
      clock: new AuthClock(),
      tokens: new TokenStore(),
      otps: new OtpStore(settings.otpTtlSeconds, settings.otpSendIntervalSeconds),
      passwords: new PasswordHistory(settings.passwordHistorySize),
    };
  }

  /** True for the paths of the tenant host; everything else goes to the management API. */
  handles(request: IncomingMessage): boolean {
    return isAuthPath(pathOf(request.url));
  }

  /** Answers one request. Never rejects. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = pathOf(request.url);
    const method = request.method ?? 'GET';
    const route = findRoute(path, method);
    if (route === undefined) {
      request.resume();
      response.setHeader('Allow', allowedMethods(path).join(', '));
      return sendEmpty(response, 405);
    }
    try {
      const body = await readBoundedBody(request, this.options.maxBodyBytes);
      const failure = this.options.injector.takeForEndpoint(route.endpoint);
      if (failure !== undefined) return this.fail(response, route.endpoint, failure);
      const url = request.url ?? '/';
      const authRequest: AuthRequest = {
        method,
        path,
        query: new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''),
        headers: request.headers,
        body,
      };
      sendResponse(response, route.handle(authRequest, this.context));
    } catch (error) {
      this.sendFailure(response, error);
    }
  }

  authorize(request: CiamEmulatorAuthorizeRequest): CiamEmulatorAuthorizeResult {
    return createAuthorizationCode(this.context, request);
  }

  sentOtps(): CiamEmulatorSentOtp[] {
    return this.context.otps.list();
  }

  lastOtp(recipient: CiamEmulatorOtpRecipient): CiamEmulatorSentOtp | undefined {
    return this.context.otps.last(recipient);
  }

  advanceClock(seconds: number): void {
    this.context.clock.advance(seconds);
  }

  /** Forgets tokens, codes, OTPs and password history; keeps key, client and issuer. */
  reset(): void {
    this.context.tokens.clear();
    this.context.otps.clear();
    this.context.passwords.clear();
    this.context.clock.reset();
  }

  private fail(
    response: ServerResponse,
    endpoint: CiamEmulatorAuthEndpoint,
    failure: AuthFailure,
  ): void {
    if (failure.kind === 'hang') return;
    if (failure.kind === 'oauth') return sendError(response, injectedError(endpoint, failure));
    if (failure.body === undefined) return sendEmpty(response, failure.status);
    sendText(
      response,
      failure.status,
      failure.body,
      failure.contentType ?? 'text/plain; charset=utf-8',
    );
  }

  private sendFailure(response: ServerResponse, error: unknown): void {
    if (error instanceof AuthHttpError) return sendError(response, error);
    if (error instanceof CiamEmulatorError && error.code === 'RequestSizeLimitExceeded') {
      response.setHeader('Connection', 'close');
      return sendEmpty(response, 413);
    }
    sendError(
      response,
      oauthError('server_error', 'The CIAM emulator failed to process the request.', 500),
    );
  }
}
