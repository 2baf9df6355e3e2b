import type { ArgumentsHost, INestApplicationContext } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import { PROBLEM_CONTENT_TYPE, renderBody } from '../transports/http-body.util.js';
import { errorBodySchema } from './ciam-error-schemas.js';
import type { OpenApiJson } from './ciam-error-schemas.js';
import { CIAM_ERRORS_EXTENSION, declarationById } from './ciam-route-registry.js';
import type { CiamRouteDeclaration } from './ciam-route-registry.js';
import { merge, sameJson } from './merge-responses.util.js';
import { routeAnswers } from './route-answers.util.js';
import type { CiamRouteAnswer } from './route-answers.util.js';

/** The media type of problem answers, as OpenAPI keys it (no parameters). */
const PROBLEM_MEDIA_TYPE = PROBLEM_CONTENT_TYPE.split(';')[0]!;

const OPERATION_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'query',
] as const;

/** The built-in formats render without a request: the host is never read. */
const NO_HOST = undefined as unknown as ArgumentsHost;

interface DecoratedOperation {
  readonly path: string;
  readonly operation: OpenApiJson;
  readonly declaration: CiamRouteDeclaration;
}

/**
 * Adds to a document made by `SwaggerModule.createDocument` the error responses of every route
 * with `@ApiCiamErrors`, exactly as this app answers them on that route: each code the route can
 * meet is resolved by the app's own `CiamErrorMapper` with the route's controller and handler, so
 * the module's options and the route's `@CiamErrorMap` apply, hidden codes fold into the code
 * clients see, and 2xx answers (`CiamErrorPresets.passwordReset`) are left out.
 *
 * Per status: the body schema (`components.schemas.CiamProblem`, or `CiamNestError` with
 * `format: 'nest'`; any JSON with a custom format function), one example per public code in the
 * default locale (key: the code) and one per further locale (`<code>.<locale>`), and the headers
 * `Content-Language` and, where sent, `Retry-After` (its `examples` keyed as the bodies'). A
 * response the app declared for the same status keeps its description and headers; for a media
 * type both have, the schema becomes `anyOf` its own and ours, and our examples join its own.
 *
 * Changes `document` in place (removing the `x-ciam-errors` marks) and returns it.
 *
 * @example
 * const config = new DocumentBuilder().setTitle('Accounts').build();
 * const document = addCiamErrorResponses(app, SwaggerModule.createDocument(app, config));
 * SwaggerModule.setup('docs', app, document);
 * @publicApi
 */
export function addCiamErrorResponses<T extends OpenAPIObject>(
  app: Pick<INestApplicationContext, 'get'>,
  document: T,
): T {
  let mapper: CiamErrorMapper;
  try {
    mapper = app.get(CiamErrorMapper);
  } catch (cause) {
    throw new Error(
      'addCiamErrorResponses: the app has no CiamErrorMapper. Import CiamErrorsModule.forRoot() ' +
        'in it, and pass the app itself (the one SwaggerModule.createDocument scanned).',
      { cause },
    );
  }
  // Everything is checked before the document changes: it is changed whole, or not at all.
  const decorated = decoratedOperations(document as unknown as OpenApiJson);
  const body = errorBodySchema(mapper.options);
  const schemas = ((document as unknown as OpenApiJson).components as OpenApiJson | undefined)
    ?.schemas as OpenApiJson | undefined;
  const existing = body === undefined ? undefined : schemas?.[body.name];
  if (decorated.length > 0 && existing !== undefined && !sameJson(existing, body!.schema)) {
    throw new Error(
      `addCiamErrorResponses: components.schemas.${body!.name} exists and is not the schema of ` +
        'these answers. Rename your own schema.',
    );
  }

  let used = false;
  for (const { path, operation, declaration } of decorated) {
    delete operation[CIAM_ERRORS_EXTENSION];
    const byStatus = new Map<number, CiamRouteAnswer[]>();
    for (const answer of routeAnswers(mapper, declaration)) {
      byStatus.set(answer.status, [...(byStatus.get(answer.status) ?? []), answer]);
    }
    const responses = ((operation.responses as OpenApiJson | undefined) ??= {});
    for (const [status, answers] of byStatus) {
      const ours = responseOf(mapper, answers, path, body?.name);
      used ||= body !== undefined;
      const theirs = responses[String(status)];
      responses[String(status)] = theirs === undefined ? ours : merge(theirs as OpenApiJson, ours);
    }
  }
  if (used && body !== undefined) {
    schemasOf(document as unknown as OpenApiJson)[body.name] = body.schema;
  }
  return document;
}

/** The operations `@ApiCiamErrors` marked, with their declarations; throws on a foreign mark. */
function decoratedOperations(document: OpenApiJson): DecoratedOperation[] {
  const found: DecoratedOperation[] = [];
  const paths = (document.paths ?? {}) as Record<string, OpenApiJson>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = item?.[method] as OpenApiJson | undefined;
      if (typeof operation !== 'object' || operation === null) continue;
      if (!(CIAM_ERRORS_EXTENSION in operation)) continue;
      const declaration = declarationById(operation[CIAM_ERRORS_EXTENSION]);
      if (declaration === undefined) {
        throw new Error(
          `addCiamErrorResponses: ${method.toUpperCase()} ${path} has a ${CIAM_ERRORS_EXTENSION} ` +
            'mark this process did not make: the document must come from SwaggerModule.createDocument ' +
            'in this process, and @ApiCiamErrors and this function from one copy of nestjs-ciam-errors.',
        );
      }
      found.push({ path, operation, declaration });
    }
  }
  return found;
}

function schemasOf(document: OpenApiJson): OpenApiJson {
  const components = ((document.components as OpenApiJson | undefined) ??= {});
  return ((components.schemas as OpenApiJson | undefined) ??= {});
}

/** The response of one status: its answers as examples, its body schema and its headers. */
function responseOf(
  mapper: CiamErrorMapper,
  answers: readonly CiamRouteAnswer[],
  path: string,
  schemaName: string | undefined,
): OpenApiJson {
  const { options } = mapper;
  const withExamples = schemaName !== undefined;
  const examples: OpenApiJson = {};
  const retryAfter: OpenApiJson = {};
  const waits = new Map<number, string[]>();
  let everyRetryAfter = true;
  for (const answer of answers) {
    for (const { key, problem } of answer.examples) {
      if (withExamples) {
        const { body } = renderBody(problem, path, options, NO_HOST);
        examples[key] = { summary: `${problem.code} (${problem.locale})`, value: JSON.parse(body) };
      }
      if (problem.retryAfter === undefined) {
        everyRetryAfter = false;
        continue;
      }
      if (withExamples) retryAfter[key] = { value: problem.retryAfter };
      const codes = waits.get(problem.retryAfter) ?? [];
      if (!codes.includes(problem.code)) codes.push(problem.code);
      waits.set(problem.retryAfter, codes);
    }
  }
  const { locales, defaultLocale } = options;
  const headers: OpenApiJson = {
    // The example keys say each example's language (`<code>.<locale>`, the default without).
    'Content-Language': {
      description:
        `Language of the texts, negotiated from Accept-Language: ${locales.join(', ')}; ` +
        `${defaultLocale} when none matches.`,
      required: true,
      schema: { type: 'string', enum: [...locales], default: defaultLocale },
    },
  };
  const challenges = [...new Set(answers.flatMap(({ examples }) => examples.flatMap(challengeOf)))];
  if (challenges.length > 0) {
    headers['WWW-Authenticate'] = {
      description: `The Bearer challenge (RFC 6750): ${challenges.join('; ')}.`,
      required: challenges.length === answers.length,
      schema: { type: 'string', enum: challenges },
    };
  }
  if (waits.size > 0) {
    const list = [...waits]
      .sort(([a], [b]) => a - b)
      .map(([seconds, codes]) => `${seconds} (${codes.join(', ')})`);
    headers['Retry-After'] = {
      description: `Seconds to wait before trying again: ${list.join('; ')}.`,
      required: everyRetryAfter,
      schema: { type: 'integer', minimum: 0 },
      // Keyed as the body examples: the value that goes with each.
      ...(withExamples ? { examples: retryAfter } : {}),
    };
  }
  const codes = answers.map((answer) => answer.code);
  const title = answers[0]!.examples[0]!.problem.title;
  const media = options.format === 'problem' ? PROBLEM_MEDIA_TYPE : 'application/json';
  return {
    description: `${title}: ${[...new Set(codes)].join(', ')}`,
    headers,
    content: {
      [media]: withExamples
        ? { schema: { $ref: `#/components/schemas/${schemaName}` }, examples }
        : { schema: { description: "Whatever the app's format function makes of the error." } },
    },
  };
}

/** The `WWW-Authenticate` of an example's answer, as a list of none or one. */
function challengeOf({ problem }: { problem: { wwwAuthenticate?: string } }): string[] {
  return problem.wwwAuthenticate === undefined ? [] : [problem.wwwAuthenticate];
}
