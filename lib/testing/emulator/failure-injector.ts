import type {
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
} from './ciam-emulator.interface.js';

export type InjectedFailure =
  | { kind: 'error'; code: string; message?: string }
  | { kind: 'http'; status: number }
  | { kind: 'hang' };

interface QueuedFailure {
  failure: InjectedFailure;
  action?: string;
  remaining: number;
}

function normalize(failure: CiamEmulatorFailure): InjectedFailure {
  if (typeof failure === 'string') return normalize({ code: failure });
  if ('hang' in failure) return { kind: 'hang' };
  if ('httpStatus' in failure) {
    const status = failure.httpStatus;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(
        `failNext: httpStatus must be an integer from 400 to 599, got ${status}`,
      );
    }
    return { kind: 'http', status };
  }
  if (typeof failure.code !== 'string' || failure.code === '') {
    throw new TypeError('failNext: code must be a non-empty string');
  }
  return { kind: 'error', code: failure.code, message: failure.message };
}

/** The `failNext` queue: the first entry whose action matches is consumed. */
export class FailureInjector {
  private queue: QueuedFailure[] = [];

  add(failure: CiamEmulatorFailure, options: CiamEmulatorFailNextOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    }
    this.queue.push({ failure: normalize(failure), action: options.action, remaining: times });
  }

  take(action: string): InjectedFailure | undefined {
    const entry = this.queue.find(
      (queued) => queued.action === undefined || queued.action === action,
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue = this.queue.filter((queued) => queued !== entry);
    return entry.failure;
  }

  clear(): void {
    this.queue = [];
  }
}
