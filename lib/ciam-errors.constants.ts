/**
 * Injection token of the validated, normalized module options.
 *
 * @example
 * constructor(@Inject(CIAM_ERRORS_OPTIONS) options: CiamErrorsModuleOptions) {}
 * @publicApi
 */
export const CIAM_ERRORS_OPTIONS = Symbol.for('ciam_errors:options');

/** Metadata key of `@CiamErrorMap` on controllers and handlers. */
export const CIAM_ERROR_MAP_METADATA = 'ciam_errors:error_map';

/** Name under which the default Nest `Logger` writes. */
export const CIAM_ERRORS_LOGGER_CONTEXT = 'CiamErrors';

/**
 * @internal The module's `CiamTelemetry`, made at start-up (`undefined` without
 * `@opentelemetry/api`, or with both signals off).
 */
export const CIAM_TELEMETRY = Symbol.for('ciam_errors:telemetry');
