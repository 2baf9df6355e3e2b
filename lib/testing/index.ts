/**
 * `nestjs-ciam-errors/testing`: a local CIAM emulator and helpers that build CIAM and SDK
 * errors for unit tests.
 */
export { startCiamEmulator } from './emulator/index.js';
export type {
  CiamEmulator,
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
  CiamEmulatorOptions,
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
