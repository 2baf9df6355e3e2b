import type { EmulatorState } from '../emulator-state.js';
import type { AuthClock } from './auth-clock.js';
import type { AuthRequest, AuthResponse } from './auth-http.util.js';
import type { AuthSettings } from './auth-settings.js';
import type { SigningKey } from './jwt.util.js';
import type { OtpStore } from './otp-store.js';
import type { PasswordHistory } from './password-policy.js';
import type { TokenStore } from './token-store.js';

/** What an endpoint of the tenant host may use. */
export interface AuthContext {
  readonly settings: AuthSettings;
  /** `http://127.0.0.1:PORT`: the `iss` of every token. */
  readonly issuer: string;
  readonly key: SigningKey;
  /** Shared with the management API: the users are the same records. */
  readonly state: EmulatorState;
  readonly clock: AuthClock;
  readonly tokens: TokenStore;
  readonly otps: OtpStore;
  readonly passwords: PasswordHistory;
}

export type EndpointHandler = (request: AuthRequest, context: AuthContext) => AuthResponse;
