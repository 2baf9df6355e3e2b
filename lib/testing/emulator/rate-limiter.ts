import { CiamEmulatorError } from './emulator-error.js';

interface Window {
  start: number;
  count: number;
}

/** Fixed one-second windows per action, like CIAM's documented 20 requests/second/action. */
export class ActionRateLimiter {
  private windows = new Map<string, Window>();

  constructor(private perSecond: number | undefined) {
    ActionRateLimiter.check(perSecond);
  }

  setLimit(perSecond: number | undefined): void {
    ActionRateLimiter.check(perSecond);
    this.perSecond = perSecond;
    this.windows.clear();
  }

  /** Counts one request; beyond the limit → `RequestLimitExceeded`. */
  acquire(action: string, now: number): void {
    if (this.perSecond === undefined) return;
    let window = this.windows.get(action);
    if (window === undefined || now - window.start >= 1000) {
      window = { start: now, count: 0 };
      this.windows.set(action, window);
    }
    window.count += 1;
    if (window.count > this.perSecond) {
      throw new CiamEmulatorError(
        'RequestLimitExceeded',
        `The number of requests for ${action} exceeds the limit of ${this.perSecond} per second.`,
      );
    }
  }

  private static check(perSecond: number | undefined): void {
    if (perSecond !== undefined && (!Number.isInteger(perSecond) || perSecond < 1)) {
      throw new RangeError(`rate limit must be a positive integer, got ${perSecond}`);
    }
  }
}
