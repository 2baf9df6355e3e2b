import type { ResolvedCiamErrorsOptions } from '../options/module-options.util.js';

/** An OpenAPI object as built here: plain JSON, valid alike in OpenAPI 3.0 and 3.1. */
export type OpenApiJson = Record<string, unknown>;

/** `components.schemas` name of the `'problem'` body. */
export const PROBLEM_SCHEMA_NAME = 'CiamProblem';
/** `components.schemas` name of the `'nest'` body. */
export const NEST_SCHEMA_NAME = 'CiamNestError';

const text = (description: string): OpenApiJson => ({ type: 'string', description });
const UPSTREAM_MESSAGE = text(
  "CIAM's own message: only where the server exposes it (development).",
);
const REQUEST_ID = text('Upstream RequestId, for support: set when CIAM gave one.');

/**
 * The body schema of the app's format, `undefined` for a custom format function (whose output
 * cannot be known without a request). Only the keywords OpenAPI 3.0 and 3.1 read alike: no
 * `nullable`, no schema `example`.
 */
export function errorBodySchema(
  options: ResolvedCiamErrorsOptions,
): { name: string; schema: OpenApiJson } | undefined {
  const upstream = options.exposeUpstreamMessage ? { upstreamMessage: UPSTREAM_MESSAGE } : {};
  if (options.format === 'problem') {
    const type = options.typeBaseUrl
      ? `\`${options.typeBaseUrl}/{code}\`.`
      : '`about:blank`: the status and `code` say it all.';
    return {
      name: PROBLEM_SCHEMA_NAME,
      schema: {
        type: 'object',
        description: 'Problem details (RFC 9457) of an error, in the language of Content-Language.',
        required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
        properties: {
          type: { type: 'string', format: 'uri-reference', description: type },
          title: text('Localized reason phrase of the status.'),
          status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status.' },
          detail: text('Localized message for end users; never the upstream text.'),
          instance: text('The request path, without query string.'),
          code: text('Stable code to branch on.'),
          requestId: REQUEST_ID,
          ...upstream,
        },
      },
    };
  }
  if (options.format === 'nest') {
    return {
      name: NEST_SCHEMA_NAME,
      schema: {
        type: 'object',
        description:
          "An error in NestJS 12's own shape (HttpException with errorCode), in the language of " +
          'Content-Language.',
        required: ['message', 'error', 'statusCode', 'errorCode'],
        properties: {
          message: text('Localized message for end users; never the upstream text.'),
          error: text('Localized reason phrase of the status.'),
          statusCode: {
            type: 'integer',
            minimum: 100,
            maximum: 599,
            description: 'The HTTP status.',
          },
          errorCode: text('Stable code to branch on.'),
          requestId: REQUEST_ID,
          ...upstream,
        },
      },
    };
  }
  return undefined;
}
