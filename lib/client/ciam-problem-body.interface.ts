import type { CiamPublicCode } from './ciam-public-codes.js';

/**
 * The JSON body of an error answered in the `'problem'` format (RFC 9457, the default), as a
 * client receives it.
 *
 * @example
 * const body: CiamProblemBody = await response.json();
 * @publicApi
 */
export interface CiamProblemBody {
  /** `'about:blank'`, or `${typeBaseUrl}/${code}` when the server sets `typeBaseUrl`. */
  readonly type: string;
  /** Localized reason phrase of `status` ("Conflict", "冲突"). */
  readonly title: string;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Localized message for end users; never the upstream text. */
  readonly detail: string;
  /** The request path, without query string. */
  readonly instance: string;
  /**
   * Stable code to branch on. A {@link CiamPublicCode} with the server's default options; any
   * other string is a code the server set itself (`overrides`, `@CiamErrorMap`).
   */
  readonly code: CiamPublicCode | (string & Record<never, never>);
  /** Upstream RequestId, for support. */
  readonly requestId?: string;
  /** CIAM's own message, only when the server sets `exposeUpstreamMessage` (development). */
  readonly upstreamMessage?: string;
}

/**
 * The JSON body of an error answered in the `'nest'` format: NestJS 12's own error body (what
 * `new ConflictException(message, { errorCode })` answers), plus the upstream RequestId.
 *
 * @example
 * const body: CiamNestErrorBody = await response.json();
 * if (body.errorCode === 'InvalidCredentials') showSignInError(body.message);
 * @publicApi
 */
export interface CiamNestErrorBody {
  /** Localized message for end users; never the upstream text. */
  readonly message: string;
  /** Localized reason phrase of `statusCode` ("Conflict", "冲突"). */
  readonly error: string;
  /** The HTTP status of the answer. */
  readonly statusCode: number;
  /** Stable code to branch on, as `code` of {@link CiamProblemBody}. */
  readonly errorCode: CiamPublicCode | (string & Record<never, never>);
  /** Upstream RequestId, for support. */
  readonly requestId?: string;
  /** CIAM's own message, only when the server sets `exposeUpstreamMessage` (development). */
  readonly upstreamMessage?: string;
}
