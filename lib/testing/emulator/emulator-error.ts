import { defaultErrorMessage } from './error-messages.js';

/**
 * An error the emulator answers as a CIAM error envelope (HTTP 200, `Response.Error`).
 * Action handlers throw it; the request pipeline turns it into the response.
 */
export class CiamEmulatorError extends Error {
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message ?? defaultErrorMessage(code));
    this.name = 'CiamEmulatorError';
    this.code = code;
  }
}

export function missingParameter(path: string): CiamEmulatorError {
  return new CiamEmulatorError(
    'MissingParameter',
    `The request is missing a required parameter \`${path}\`.`,
  );
}

export function invalidParameterValue(path: string, expected: string): CiamEmulatorError {
  return new CiamEmulatorError(
    'InvalidParameterValue',
    `The value of parameter \`${path}\` is invalid: expected ${expected}.`,
  );
}
