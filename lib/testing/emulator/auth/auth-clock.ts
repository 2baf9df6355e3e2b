/**
 * The tenant host's clock: real time plus an offset that `advanceAuthClock` moves forward, so
 * tests can expire tokens, codes and OTPs without waiting. The management API keeps real time.
 */
export class AuthClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Whole seconds since the epoch, as JWT times are written. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(seconds: number): void {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(
        `advanceAuthClock: seconds must be a non-negative number, got ${seconds}`,
      );
    }
    this.offsetMs += Math.round(seconds * 1000);
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
