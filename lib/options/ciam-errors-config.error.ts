/**
 * Thrown at start-up for invalid options, `@CiamErrorMap` maps or `@ApiCiamErrors` declarations:
 * the message names the option (or decorator), the key and the bad value.
 *
 * @example
 * expect(() => CiamErrorMap({ 'FailedOperation.UserNotFoud': 401 } as never)).toThrow(
 *   CiamErrorsConfigError,
 * );
 * @publicApi
 */
export class CiamErrorsConfigError extends Error {
  override readonly name = 'CiamErrorsConfigError';
}
