/**
 * `nestjs-ciam-errors/testing`: a local CIAM emulator and helpers that build CIAM and SDK
 * errors for unit tests.
 */
export {
  CIAM_AUTH_ENDPOINT_SCOPES,
  CIAM_DOCUMENTED_AUTH_ERRORS,
  CIAM_EMULATOR_PASSWORD_POLICY,
  startCiamEmulator,
} from './emulator/index.js';
export type {
  CiamEmulatorAuthEndpoint,
  CiamAuthErrorForm,
  CiamAuthGrantType,
  CiamDocumentedAuthError,
  CiamEmulator,
  CiamEmulatorAuthOptions,
  CiamEmulatorAuthorizeRequest,
  CiamEmulatorAuthorizeResult,
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
  CiamEmulatorOAuthFailure,
  CiamEmulatorOptions,
  CiamEmulatorOtpRecipient,
  CiamEmulatorSentOtp,
  CiamLoginIdentifier,
  CiamOtpUsage,
} from './emulator/index.js';
export {
  ciamErrorResponse,
  sdkException,
  sdkNetworkException,
  sdkTimeoutException,
} from './test-helpers.js';
export type {
  CiamErrorEnvelope,
  CiamSdkExceptionOptions,
  CiamSdkHttpException,
} from './test-helpers.js';
