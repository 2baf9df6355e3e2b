import type { UserRecord } from '../emulator-state.js';

/**
 * The password policy of the emulated authentication source, checked by
 * `change_user_password` and `reset_user_password` (`invalid_new_password` otherwise):
 * 8 to 64 characters, at least one letter and one digit, no leading or trailing whitespace.
 * The management API does not apply it (CreateUser and SetPassword take any non-empty
 * password, as the emulator always did); the passwords ResetPassword generates satisfy it.
 *
 * @example
 * ```ts
 * import { CIAM_EMULATOR_PASSWORD_POLICY } from 'nestjs-ciam-errors/testing';
 *
 * const tooShort = 'a1'.padEnd(CIAM_EMULATOR_PASSWORD_POLICY.minLength - 1, 'x'); // → invalid_new_password
 * ```
 */
export const CIAM_EMULATOR_PASSWORD_POLICY = {
  minLength: 8,
  maxLength: 64,
  description:
    '8 to 64 characters, at least one letter and one digit, no leading or trailing whitespace',
} as const;

export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= CIAM_EMULATOR_PASSWORD_POLICY.minLength &&
    password.length <= CIAM_EMULATOR_PASSWORD_POLICY.maxLength &&
    password.trim() === password &&
    /\p{L}/u.test(password) &&
    /\d/.test(password)
  );
}

/**
 * Former passwords per user, most recent last: the ones a user changed away from through the
 * tenant host. Keyed by record, so a deleted or reset user takes its history with it.
 */
export class PasswordHistory {
  private byUser = new WeakMap<UserRecord, string[]>();

  constructor(private readonly size: number) {}

  /** True when `password` is one of the last `size` former passwords. */
  includes(user: UserRecord, password: string): boolean {
    return (this.byUser.get(user) ?? []).includes(password);
  }

  /** Sets the new password and remembers the current one. */
  change(user: UserRecord, password: string, now: number): void {
    if (user.password !== undefined && this.size > 0) {
      const former = [...(this.byUser.get(user) ?? []), user.password];
      this.byUser.set(user, former.slice(-this.size));
    }
    user.password = password;
    user.lastModifiedDate = now;
  }

  clear(): void {
    this.byUser = new WeakMap();
  }
}
