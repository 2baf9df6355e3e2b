import { CIAM_ACTION_ERRORS, CIAM_COMMON_ERRORS } from '../catalog/ciam-actions.js';
import { AUTH_CODES } from '../catalog/catalog-codes.js';
import type { CiamAuthEndpoint } from '../catalog/ciam-auth-code-defaults.js';
import {
  CIAM_AUTH_COMMON_ERRORS,
  CIAM_AUTH_ENDPOINT_ERRORS,
} from '../catalog/ciam-auth-endpoints.js';
import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';
import { CiamAuthException } from '../extraction/ciam-auth.exception.js';
import { CiamException } from '../extraction/ciam.exception.js';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { CiamErrorMapper } from '../mapper/ciam-error-mapper.service.js';
import type { CiamRouteDeclaration } from './ciam-route-registry.js';

/** The RequestId shown in examples of CIAM errors (CIAM gives each call its own). */
const EXAMPLE_REQUEST_ID = '3f6c2a8e-5a8b-4f0e-9d0c-6f1b2c3d4e5f';
/** Stands for CIAM's own text, which bodies carry only with `exposeUpstreamMessage`. */
const EXAMPLE_UPSTREAM_MESSAGE = "CIAM's own message (sent because exposeUpstreamMessage is on)";
const CIAM_URL = 'https://ciam.tencentcloudapi.com/';

/** One way a route answers, in one locale. */
export interface CiamRouteExample {
  /** Example key: the public code, `#n` for a further variant, `.locale` beyond the default. */
  readonly key: string;
  readonly problem: CiamProblem;
}

/** One distinct answer of a public code on a route, in every locale that has its own texts. */
export interface CiamRouteAnswer {
  readonly status: number;
  readonly code: string;
  /** Default locale first. */
  readonly examples: readonly CiamRouteExample[];
}

/**
 * Errors shaped as the Tencent Cloud SDK throws transport failures (an `Error` with string
 * `requestId` and `traceId`, no `code`), recognized by the same extractor as the real ones.
 */
function sdkFailure(message: string, httpCode?: number): Error {
  const error = Object.assign(new Error(message), { requestId: '', traceId: '' });
  return httpCode === undefined ? error : Object.assign(error, { httpCode });
}

const TRANSPORT_FAILURES: readonly Error[] = [
  sdkFailure(`network timeout at: ${CIAM_URL}`),
  sdkFailure(`request to ${CIAM_URL} failed, reason: connect ECONNREFUSED 127.0.0.1:443`),
  sdkFailure('Service Unavailable', 503),
];

/**
 * What the route can meet: its codes, each action's and each endpoint's codes and the common
 * ones, the transport failures; for the tenant host also an answer without a body (401).
 */
function errorsOf(declaration: CiamRouteDeclaration): unknown[] {
  const codes = new Set<CiamErrorCode>();
  // Per endpoint: a bare answer reads differently on a Bearer endpoint (a 401 is invalid_token).
  const authErrors = new Map<string, CiamAuthException>();
  const addAuth = (error: string, endpoint: CiamAuthEndpoint | undefined, status?: number) => {
    const exception = CiamAuthException.uncatalogued(error, { endpoint, status });
    authErrors.set(`${error} ${endpoint} ${status}`, exception);
  };
  for (const code of declaration.codes) {
    if (AUTH_CODES.has(code)) addAuth(code, [...declaration.endpoints][0]);
    else codes.add(code as CiamErrorCode);
  }
  for (const action of declaration.actions) {
    for (const code of CIAM_ACTION_ERRORS[action]) codes.add(code);
  }
  if (declaration.actions.size > 0) for (const code of CIAM_COMMON_ERRORS) codes.add(code);
  for (const endpoint of declaration.endpoints) {
    for (const code of CIAM_AUTH_ENDPOINT_ERRORS[endpoint]) addAuth(code, endpoint);
    for (const code of CIAM_AUTH_COMMON_ERRORS) addAuth(code, endpoint);
    addAuth('', endpoint, 401);
  }
  const errors: unknown[] = [...codes].map(
    (code) =>
      new CiamException(code, {
        requestId: EXAMPLE_REQUEST_ID,
        upstreamMessage: EXAMPLE_UPSTREAM_MESSAGE,
      }),
  );
  errors.push(...authErrors.values());
  const callsCiam = declaration.actions.size > 0 || declaration.endpoints.size > 0;
  return callsCiam ? [...errors, ...TRANSPORT_FAILURES] : errors;
}

/**
 * The error answers of a route, each as the mapper resolves it there (the route's
 * `@CiamErrorMap`, the module's overrides and messages): hidden codes fold into the public code
 * they are answered with, and codes answered alike are one answer. 2xx answers are no errors.
 * Sorted by status, then by first appearance.
 */
export function routeAnswers(
  mapper: CiamErrorMapper,
  declaration: CiamRouteDeclaration,
): CiamRouteAnswer[] {
  const { defaultLocale, locales } = mapper.options;
  const ordered = [defaultLocale, ...locales.filter((locale) => locale !== defaultLocale)];
  const { controller, handler } = declaration;
  const answers = new Map<string, CiamRouteAnswer>();
  const variants = new Map<string, number>();
  for (const error of errorsOf(declaration)) {
    const resolved = ordered.map((locale) => ({
      locale,
      // Documents are no answers: nothing recorded for telemetry.
      problem: mapper.resolveUnrecorded(error, { controller, handler, locale }),
    }));
    const problems = resolved.flatMap(({ problem }) => (problem === undefined ? [] : [problem]));
    const first = problems[0];
    // Not a CIAM error for this app (a custom `extract` can decide so), or no error at all.
    if (problems.length !== resolved.length || first === undefined) continue;
    if (first.status >= 200 && first.status <= 299) continue;
    const signature = JSON.stringify(
      problems.map((p) => [p.status, p.code, p.type, p.title, p.detail, p.locale, p.retryAfter]),
    );
    if (answers.has(signature)) continue;
    const variant = (variants.get(first.code) ?? 0) + 1;
    variants.set(first.code, variant);
    const base = variant === 1 ? first.code : `${first.code}#${variant}`;
    const examples: CiamRouteExample[] = [];
    problems.forEach((problem, index) => {
      const locale = ordered[index]!;
      // A locale without texts of its own answers in another one: that locale's example.
      if (index > 0 && problem.locale !== locale) return;
      examples.push({ key: index === 0 ? base : `${base}.${locale}`, problem });
    });
    answers.set(signature, { status: first.status, code: first.code, examples });
  }
  return [...answers.values()].sort((a, b) => a.status - b.status);
}
