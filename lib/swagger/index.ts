/**
 * `nestjs-ciam-errors/swagger`: the error responses of CIAM-backed routes in the app's OpenAPI
 * document, as the app answers them. Needs `@nestjs/swagger` (an optional peer dependency, which
 * the main entry never loads).
 */
export { ApiCiamErrors } from './api-ciam-errors.decorator.js';
export type { ApiCiamErrorsOptions } from './api-ciam-errors.decorator.js';
export { addCiamErrorResponses } from './add-ciam-error-responses.util.js';
