/**
 * `nestjs-ciam-errors/client`: the error contract for front-end code. No dependency at all (no
 * Nest, no Node, no `reflect-metadata`), so it is safe in a browser bundle.
 */
export { isCiamNestError, isCiamProblem } from './is-ciam-problem.util.js';
export type { CiamNestErrorBody, CiamProblemBody } from './ciam-problem-body.interface.js';
export { CIAM_PUBLIC_CODES } from './ciam-public-codes.js';
export type { CiamPublicCode } from './ciam-public-codes.js';
