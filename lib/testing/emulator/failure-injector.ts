import type { CiamEmulatorAuthEndpoint } from './auth/auth.interface.js';
import type {
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
} from './ciam-emulator.interface.js';

export type HttpFailure = { kind: 'http'; status: number; body?: string; contentType?: string };
export type HangFailure = { kind: 'hang' };

/** A failure of the management API (`POST /`). */
export type ManagementFailure =
  { kind: 'error'; code: string; message?: string } | HttpFailure | HangFailure;

/** A failure of the tenant host; `null` leaves a documented description or URI out. */
export type AuthFailure =
  | {
      kind: 'oauth';
      error: string;
      description?: string | null;
      errorUri?: string | null;
      status?: number;
      form?: 'json' | 'www-authenticate';
    }
  | HttpFailure
  | HangFailure;

export type InjectedFailure = ManagementFailure | AuthFailure;

/** Which requests a queued failure hits: management actions or tenant-host endpoints. */
type Target =
  { api: 'management'; action?: string } | { api: 'auth'; endpoint?: CiamEmulatorAuthEndpoint };

interface QueuedFailure {
  failure: InjectedFailure;
  target: Target;
  remaining: number;
}

export const AUTH_ENDPOINTS: readonly CiamEmulatorAuthEndpoint[] = [
  'token',
  'revoke',
  'userinfo',
  'userinfo_update',
  'change_password',
  'reset_password',
  'otp_send',
  'jwks',
  'discovery',
  'authorize',
];

/** RFC 6749 §5.2: the characters an `error` value may use. */
const OAUTH_ERROR_PATTERN = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

function status(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 400 || value > 599) {
    throw new RangeError(`failNext: ${name} must be an integer from 400 to 599, got ${value}`);
  }
  return value;
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`failNext: ${name} must be a string`);
  return value;
}

function normalize(failure: CiamEmulatorFailure): InjectedFailure {
  if (typeof failure === 'string') return normalize({ code: failure });
  if ('hang' in failure) return { kind: 'hang' };
  if ('httpStatus' in failure) {
    return {
      kind: 'http',
      status: status(failure.httpStatus, 'httpStatus'),
      body: optionalText(failure.body, 'body'),
      contentType: optionalText(failure.contentType, 'contentType'),
    };
  }
  if ('oauthError' in failure) {
    if (typeof failure.oauthError !== 'string' || !OAUTH_ERROR_PATTERN.test(failure.oauthError)) {
      throw new TypeError('failNext: oauthError must be a non-empty RFC 6749 error code');
    }
    if (
      failure.form !== undefined &&
      failure.form !== 'json' &&
      failure.form !== 'www-authenticate'
    ) {
      throw new RangeError(
        `failNext: form must be 'json' or 'www-authenticate', got ${failure.form}`,
      );
    }
    return {
      kind: 'oauth',
      error: failure.oauthError,
      description: failure.description,
      errorUri: failure.errorUri,
      status: failure.status === undefined ? undefined : status(failure.status, 'status'),
      form: failure.form,
    };
  }
  if (typeof failure.code !== 'string' || failure.code === '') {
    throw new TypeError('failNext: code must be a non-empty string');
  }
  return { kind: 'error', code: failure.code, message: failure.message };
}

function endpointOf(failure: CiamEmulatorFailure, options: CiamEmulatorFailNextOptions): unknown {
  const inline =
    typeof failure === 'object' && 'endpoint' in failure ? failure.endpoint : undefined;
  if (inline !== undefined && options.endpoint !== undefined && inline !== options.endpoint) {
    throw new TypeError('failNext: failure.endpoint and options.endpoint disagree');
  }
  return inline ?? options.endpoint;
}

/**
 * A CIAM error code only exists on the management API and an OAuth error only on the tenant
 * host; HTTP failures and hangs go to the management API unless an endpoint is named.
 */
function targetOf(failure: InjectedFailure, endpoint: unknown, action: string | undefined): Target {
  if (endpoint !== undefined && !AUTH_ENDPOINTS.includes(endpoint as CiamEmulatorAuthEndpoint)) {
    throw new RangeError(
      `failNext: endpoint must be one of ${AUTH_ENDPOINTS.join(', ')}, got ${String(endpoint)}`,
    );
  }
  if (endpoint !== undefined && action !== undefined) {
    throw new TypeError('failNext: give either an action (management API) or an endpoint');
  }
  if (failure.kind === 'error' && endpoint !== undefined) {
    throw new TypeError('failNext: a CIAM error code fails the management API; use { oauthError }');
  }
  if (failure.kind === 'oauth' && action !== undefined) {
    throw new TypeError('failNext: an oauthError fails the tenant host; use { code } for actions');
  }
  if (failure.kind === 'oauth' || endpoint !== undefined) {
    return { api: 'auth', endpoint: endpoint as CiamEmulatorAuthEndpoint | undefined };
  }
  return { api: 'management', action };
}

function isManagementFailure(failure: InjectedFailure): failure is ManagementFailure {
  return failure.kind !== 'oauth';
}

function isAuthFailure(failure: InjectedFailure): failure is AuthFailure {
  return failure.kind !== 'error';
}

/** The `failNext` queue: the first entry whose target matches is consumed. */
export class FailureInjector {
  private queue: QueuedFailure[] = [];

  add(failure: CiamEmulatorFailure, options: CiamEmulatorFailNextOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    }
    const normalized = normalize(failure);
    const target = targetOf(normalized, endpointOf(failure, options), options.action);
    this.queue.push({ failure: normalized, target, remaining: times });
  }

  /** The next failure for a management action. */
  take(action: string): ManagementFailure | undefined {
    const failure = this.consume(
      ({ target }) =>
        target.api === 'management' && (target.action === undefined || target.action === action),
    );
    return failure !== undefined && isManagementFailure(failure) ? failure : undefined;
  }

  /** The next failure for a tenant-host endpoint. */
  takeForEndpoint(endpoint: CiamEmulatorAuthEndpoint): AuthFailure | undefined {
    const failure = this.consume(
      ({ target }) =>
        target.api === 'auth' && (target.endpoint === undefined || target.endpoint === endpoint),
    );
    return failure !== undefined && isAuthFailure(failure) ? failure : undefined;
  }

  clear(): void {
    this.queue = [];
  }

  private consume(matches: (entry: QueuedFailure) => boolean): InjectedFailure | undefined {
    const entry = this.queue.find(matches);
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue = this.queue.filter((queued) => queued !== entry);
    return entry.failure;
  }
}
