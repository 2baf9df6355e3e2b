/** The HTTP platforms every variant runs on. */
export const ADAPTERS = ['express', 'fastify'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** Accept-Language of the localized variant and of the micro-benchmark. */
export const ACCEPT_LANGUAGE = 'zh-TW,zh;q=0.9,en;q=0.8';

/** One HTTP variant: an app (with or without CiamErrorsModule) and the route loaded. */
export interface Variant {
  readonly name: string;
  readonly description: string;
  /** Whether the app imports `CiamErrorsModule.forRoot({ logger: false })`. */
  readonly withModule: boolean;
  /**
   * Set: the app (without `CiamErrorsModule`) answers `HttpException`s through
   * `nest-problem-details-filter`'s `HttpExceptionFilter`, registered as its README says.
   */
  readonly problemDetailsPeer?: boolean;
  /**
   * Set: the server process starts the OpenTelemetry SDK (bench/src/bench-telemetry.ts) before
   * the app, and the module gets this `telemetry` option.
   */
  readonly telemetry?: { readonly traces: boolean; readonly metrics: boolean };
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** What one response must look like before the variant is measured. */
  readonly expect: {
    readonly status: number;
    readonly contentType: string;
    readonly bodyIncludes: string;
    readonly contentLanguage?: string;
  };
}

/** What `/errors/ciam-exception` answers, with or without telemetry. */
const CIAM_EXCEPTION_ANSWER: Variant['expect'] = {
  status: 409,
  contentType: 'application/problem+json',
  bodyIncludes: '"code":"FailedOperation.UserNameAlreadyExists"',
  contentLanguage: 'en',
};

/**
 * Measured in this order, reversed every other round (A B B A): each CIAM variant runs next to
 * its baseline, so that slow drift in the machine's speed hits both sides of a ratio alike.
 */
export const VARIANTS: readonly Variant[] = [
  {
    name: 'peer-problem-details',
    description:
      'ConflictException through nest-problem-details-filter (problem+json), app without CiamErrorsModule',
    withModule: false,
    problemDetailsPeer: true,
    path: '/errors/nest-http',
    headers: {},
    expect: {
      status: 409,
      contentType: 'application/problem+json',
      bodyIncludes: '"status":409',
    },
  },
  {
    name: 'ciam-exception',
    description: "new CiamException('FailedOperation.UserNameAlreadyExists'), CiamErrorsModule",
    withModule: true,
    path: '/errors/ciam-exception',
    headers: {},
    expect: CIAM_EXCEPTION_ANSWER,
  },
  {
    name: 'nest-http',
    description: "ConflictException through Nest's default filter, app without CiamErrorsModule",
    withModule: false,
    path: '/errors/nest-http',
    headers: {},
    expect: { status: 409, contentType: 'application/json', bodyIncludes: '"statusCode":409' },
  },
  {
    name: 'ciam-sdk-localized',
    description:
      'SDK exception FailedOperation.UserNotFound, controller and handler @CiamErrorMap, zh-TW',
    withModule: true,
    path: '/sessions/sign-in',
    headers: { 'accept-language': ACCEPT_LANGUAGE },
    expect: {
      status: 401,
      contentType: 'application/problem+json',
      bodyIncludes: '"code":"UnknownUser"',
      contentLanguage: 'zh-TW',
    },
  },
  {
    name: 'ciam-sdk',
    description:
      "the SDK's TencentCloudSDKHttpException FailedOperation.UserNameAlreadyExists, made once",
    withModule: true,
    path: '/errors/ciam-sdk',
    headers: {},
    expect: CIAM_EXCEPTION_ANSWER,
  },
  {
    name: 'auth-openid-client',
    description:
      "openid-client's ResponseBodyError for the token endpoint's invalid_grant (authentication API), made once",
    withModule: true,
    path: '/errors/openid-client',
    headers: {},
    expect: {
      status: 401,
      contentType: 'application/problem+json',
      bodyIncludes: '"code":"invalid_grant"',
      contentLanguage: 'en',
    },
  },
  {
    name: 'ok',
    description: '200 JSON (the ceiling), app with CiamErrorsModule',
    withModule: true,
    path: '/ok',
    headers: {},
    expect: { status: 200, contentType: 'application/json', bodyIncludes: '"ok":true' },
  },
  {
    name: 'ok-without-module',
    description: 'the same 200 JSON route, identical app without CiamErrorsModule',
    withModule: false,
    path: '/ok',
    headers: {},
    expect: { status: 200, contentType: 'application/json', bodyIncludes: '"ok":true' },
  },
  {
    name: 'ciam-exception-otel-on',
    description:
      'ciam-exception under the OpenTelemetry SDK and HTTP instrumentation, telemetry on (span event, counter)',
    withModule: true,
    telemetry: { traces: true, metrics: true },
    path: '/errors/ciam-exception',
    headers: {},
    expect: CIAM_EXCEPTION_ANSWER,
  },
  {
    name: 'ciam-exception-otel-off',
    description:
      'the same app under the same SDK and instrumentation, telemetry: { traces: false, metrics: false }',
    withModule: true,
    telemetry: { traces: false, metrics: false },
    path: '/errors/ciam-exception',
    headers: {},
    expect: CIAM_EXCEPTION_ANSWER,
  },
];

/**
 * Each ratio is the median over rounds of `variant`'s req/s over `baseline`'s in the same round,
 * on the same adapter. A variant can have several baselines: one row of the table each.
 */
export const HTTP_TARGETS = [
  { variant: 'ciam-exception', baseline: 'nest-http', min: 1.0 },
  // The problem-details peer answers the same ConflictException as problem+json.
  { variant: 'ciam-exception', baseline: 'peer-problem-details', min: 1.05 },
  { variant: 'ciam-sdk-localized', baseline: 'nest-http', min: 0.98 },
  { variant: 'ok', baseline: 'ok-without-module', min: 0.99 },
  // The authentication API's errors cost what the management API's cost.
  { variant: 'auth-openid-client', baseline: 'ciam-sdk', min: 0.97 },
  // What recording a span event and a count adds to the error path, both under the same SDK.
  { variant: 'ciam-exception-otel-on', baseline: 'ciam-exception-otel-off', min: 0.95 },
] as const;

/**
 * The variants to run: all, or those named in `BENCH_VARIANTS` (comma-separated) for a partial
 * run, e.g. `BENCH_VARIANTS=ciam-exception-otel-on,ciam-exception-otel-off`.
 */
export function selectedVariants(names = process.env.BENCH_VARIANTS): readonly Variant[] {
  if (names === undefined || names.trim() === '') return VARIANTS;
  const wanted = names.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !VARIANTS.some((v) => v.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_VARIANTS: unknown ${unknown.join(', ')} (known: ${VARIANTS.map((v) => v.name).join(', ')})`,
    );
  }
  return VARIANTS.filter((v) => wanted.includes(v.name));
}
