export { startCiamEmulator } from './ciam-emulator.js';
export type {
  CiamEmulator,
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
  CiamEmulatorOptions,
} from './ciam-emulator.interface.js';
export type {
  CiamEmulatorAuthEndpoint,
  CiamAuthErrorForm,
  CiamAuthGrantType,
  CiamEmulatorAuthOptions,
  CiamEmulatorAuthorizeRequest,
  CiamEmulatorAuthorizeResult,
  CiamEmulatorOAuthFailure,
  CiamEmulatorOtpRecipient,
  CiamEmulatorSentOtp,
  CiamLoginIdentifier,
  CiamOtpUsage,
} from './auth/auth.interface.js';
export {
  CIAM_AUTH_ENDPOINT_SCOPES,
  CIAM_DOCUMENTED_AUTH_ERRORS,
} from './auth/documented-errors.js';
export type { CiamDocumentedAuthError } from './auth/documented-errors.js';
export { CIAM_EMULATOR_PASSWORD_POLICY } from './auth/password-policy.js';
