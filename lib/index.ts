export { CiamErrorsModule } from './ciam-errors.module.js';
export { CIAM_ERRORS_OPTIONS } from './ciam-errors.constants.js';
export { CiamExceptionFilter } from './filters/ciam-exception.filter.js';
export { withCiamHandshakes } from './transports/ws.transport.js';
export type { CiamHandshakeAdapter } from './transports/ws.transport.js';
export { CiamErrorMapper } from './mapper/ciam-error-mapper.service.js';
export { CiamErrorsConfigError } from './options/ciam-errors-config.error.js';
export { CiamTelemetry } from './telemetry/ciam-telemetry.js';
export { CiamException } from './extraction/ciam.exception.js';
export type { CiamExceptionOptions } from './extraction/ciam.exception.js';
export { CiamAuthException } from './extraction/ciam-auth.exception.js';
export type { CiamAuthExceptionOptions } from './extraction/ciam-auth.exception.js';
export { unwrapCiamAuthResponse } from './extraction/unwrap-ciam-auth-response.util.js';
export type { CiamAuthResponse } from './extraction/unwrap-ciam-auth-response.util.js';
export { extractCiamError } from './extraction/extract-ciam-error.util.js';
export { unwrapCiamResponse } from './extraction/unwrap-ciam-response.util.js';
export { CiamErrorMap } from './decorators/ciam-error-map.decorator.js';
export { CiamErrorPresets } from './presets/ciam-error-presets.js';
export { findMissingCiamTexts } from './locale/missing-texts.util.js';
export type { CiamMissingTexts } from './locale/missing-texts.util.js';
export type { CiamErrorMapOptions } from './decorators/ciam-error-map.decorator.js';
export { CIAM_AUTH_ERROR_CATALOG, CIAM_ERROR_CATALOG } from './catalog/ciam-error-catalog.js';
export {
  CIAM_AUTH_COMMON_ERRORS,
  CIAM_AUTH_ENDPOINT_ERRORS,
} from './catalog/ciam-auth-endpoints.js';
export type { CiamAuthEndpoint, CiamAuthErrorCode } from './catalog/ciam-auth-code-defaults.js';
export { CIAM_ACTION_ERRORS, CIAM_COMMON_ERRORS } from './catalog/ciam-actions.js';
export type { CiamActionName } from './catalog/ciam-actions.js';
export type {
  CiamAuthCatalogEntry,
  CiamBuiltInLocale,
  CiamCatalogEntry,
  CiamErrorCode,
} from './catalog/ciam-error-catalog.interface.js';
export type {
  CiamErrorsModuleOptions,
  CiamResponseFormat,
} from './interfaces/ciam-errors-options.interface.js';
export type {
  CiamErrorOverride,
  CiamErrorOverrideMap,
  CiamUncataloguedOverrideMap,
} from './interfaces/ciam-error-override.interface.js';
export type { CiamProblem, CiamResolveContext } from './interfaces/ciam-problem.interface.js';
export type { CiamErrorInfo } from './interfaces/ciam-error-info.interface.js';
export type { CiamTelemetryOptions } from './interfaces/ciam-telemetry-options.interface.js';
