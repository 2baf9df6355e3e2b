// OpenTelemetry on a real Nest app (Express and Fastify) behind the HTTP instrumentation: the
// server span of each failing request, the `ciam.errors` counter and the log lines. The app runs
// in a child process (test/fixtures/otel-driver.mjs): the instrumentation patches Node's `http`
// module, which Jest's module VM does not let it reach.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CiamTelemetryOptions } from '../lib/index.js';
import { SECRET_PASSWORD } from './fixtures/otel-app.js';

const DRIVER = fileURLToPath(new URL('./fixtures/otel-driver.mjs', import.meta.url));
const PLATFORM_NAMES = ['express', 'fastify'] as const;
const OPTIONS: readonly (CiamTelemetryOptions | null)[] = [
  null,
  { traces: false },
  { metrics: false },
  { traces: false, metrics: false },
];

interface Attributes {
  readonly [key: string]: string | number;
}
interface ScenarioResult {
  platform: string;
  telemetry: CiamTelemetryOptions | null;
  responses: { name: string; status: number; headers: Record<string, string>; body: string }[];
  spans: {
    name: string;
    traceId: string;
    spanId: string;
    target: string;
    statusCode: number;
    status: { code: number };
    events: { name: string; attributes: Attributes }[];
  }[];
  metrics: {
    descriptor: { name: string; unit: string; description: string };
    attributes: Attributes;
    value: number;
  }[];
  logs: string[];
}

let results: ScenarioResult[];

beforeAll(async () => {
  const scenarios = PLATFORM_NAMES.flatMap((platform) =>
    OPTIONS.map((telemetry) => ({ platform, telemetry })),
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DRIVER, JSON.stringify(scenarios)],
    // Not Jest's --experimental-vm-modules: a plain Node.js process, as apps run.
    { env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000, maxBuffer: 16 << 20 },
  );
  results = JSON.parse(stdout) as ScenarioResult[];
}, 90_000);

function result(platform: string, telemetry: CiamTelemetryOptions | null): ScenarioResult {
  const found = results.find(
    (r) =>
      r.platform === platform && JSON.stringify(r.telemetry) === JSON.stringify(telemetry ?? null),
  );
  if (!found) throw new Error(`no result for ${platform} ${JSON.stringify(telemetry)}`);
  return found;
}

const spanOf = (r: ScenarioResult, target: string) => r.spans.find((s) => s.target === target)!;

/** The exception event each failing request's server span must hold, by request path. */
const EVENTS: Record<string, Attributes> = {
  '/users/42/conflict': {
    'exception.type': 'TencentCloudSDKHttpException',
    'exception.message': 'UserName already exists',
    'ciam.code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.public_code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.request_id': 'req-409',
    'ciam.trace_id': 'tc-409',
    'http.response.status_code': 409,
  },
  '/users': {
    'exception.type': 'TencentCloudSDKHttpException',
    'exception.message': 'UserName already exists',
    'ciam.code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.public_code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.request_id': 'req-post',
    'ciam.trace_id': 'tc-post',
    'http.response.status_code': 409,
  },
  '/users/42/signature': {
    'exception.type': 'TencentCloudSDKHttpException',
    'exception.message': 'The provided credentials could not be validated.',
    'ciam.code': 'AuthFailure.SignatureFailure',
    'ciam.public_code': 'InternalServerError',
    'ciam.request_id': 'req-500',
    'ciam.trace_id': 'tc-500',
    'http.response.status_code': 500,
  },
  '/users/42/new-code': {
    'exception.type': 'CiamException',
    'exception.message': 'Something new went wrong',
    'ciam.code': 'FailedOperation.SomethingNew',
    'ciam.public_code': 'BadGateway',
    'ciam.request_id': 'req-502',
    'http.response.status_code': 502,
  },
  '/users/42/timeout': {
    'exception.type': 'TencentCloudSDKHttpException',
    'exception.message': 'network timeout at: https://ciam.tencentcloudapi.com/',
    'ciam.public_code': 'GatewayTimeout',
    'ciam.trace_id': 'tc-504',
    'http.response.status_code': 504,
  },
  // The handler resolved this one itself (CiamErrorMapper.resolve) and answered 200.
  '/direct': {
    'exception.type': 'TencentCloudSDKHttpException',
    'exception.message': 'A parameter value is invalid.',
    'ciam.code': 'InvalidParameterValue',
    'ciam.public_code': 'InvalidParameterValue',
    'ciam.request_id': 'req-direct',
    'ciam.trace_id': 'tc-direct',
    'http.response.status_code': 400,
  },
};

/** The data points of `ciam.errors` after one request of each kind: each error counted once. */
const COUNTS = [
  {
    'ciam.public_code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.code': 'FailedOperation.UserNameAlreadyExists',
    'http.response.status_code': 409,
    'ciam.context': 'http',
    'http.route': '/users/:id/conflict',
  },
  {
    'ciam.public_code': 'FailedOperation.UserNameAlreadyExists',
    'ciam.code': 'FailedOperation.UserNameAlreadyExists',
    'http.response.status_code': 409,
    'ciam.context': 'http',
    'http.route': '/users',
  },
  {
    'ciam.public_code': 'InternalServerError',
    'ciam.code': 'AuthFailure.SignatureFailure',
    'http.response.status_code': 500,
    'ciam.context': 'http',
    'http.route': '/users/:id/signature',
  },
  {
    // Not in the catalog: one value for every such code, so that the counter stays bounded.
    'ciam.public_code': 'BadGateway',
    'ciam.code': 'other',
    'http.response.status_code': 502,
    'ciam.context': 'http',
    'http.route': '/users/:id/new-code',
  },
  {
    'ciam.public_code': 'GatewayTimeout',
    'ciam.code': 'other',
    'http.response.status_code': 504,
    'ciam.context': 'http',
    'http.route': '/users/:id/timeout',
  },
  {
    'ciam.public_code': 'InvalidParameterValue',
    'ciam.code': 'InvalidParameterValue',
    'http.response.status_code': 400,
    'ciam.context': 'direct',
  },
].map((attributes) => ({ attributes, value: 1 }));

/** How the filter's log line of each failing request starts (the route pattern, not the path). */
const LOGGED: Record<string, string> = {
  '/users/42/conflict': 'GET /users/:id/conflict -> 409 ',
  '/users': 'POST /users -> 409 ',
  '/users/42/signature': 'GET /users/:id/signature -> 500 ',
  '/users/42/new-code': 'GET /users/:id/new-code -> 502 ',
  '/users/42/timeout': 'GET /users/:id/timeout -> 504 ',
};

const TRACE_IDS = / trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16}$/;

describe.each(PLATFORM_NAMES)('OpenTelemetry on %s', (platform) => {
  describe('with both signals (the default)', () => {
    it('puts one exception event with the upstream facts on the server span of each CIAM error', () => {
      const r = result(platform, null);
      for (const [target, attributes] of Object.entries(EVENTS)) {
        expect([target, spanOf(r, target).events]).toEqual([
          target,
          [{ name: 'exception', attributes }],
        ]);
      }
      // Not a CIAM error: nothing of ours.
      expect(spanOf(r, '/plain').events).toEqual([]);
    });

    it('sets the span status to ERROR for 5xx answers only', () => {
      const r = result(platform, null);
      const statuses = Object.fromEntries(
        r.spans.map((s) => [s.target, [s.statusCode, s.status.code]]),
      );
      expect(statuses).toMatchObject({
        '/users/42/conflict': [409, 0], // UNSET
        '/users': [409, 0],
        '/users/42/signature': [500, 2], // ERROR
        '/users/42/new-code': [502, 2],
        '/users/42/timeout': [504, 2],
        '/direct': [200, 0],
      });
    });

    it('never puts the client text or the request body on a span', () => {
      const r = result(platform, null);
      const spans = JSON.stringify(r.spans);
      expect(spans).not.toContain(SECRET_PASSWORD);
      for (const response of r.responses) {
        if (response.status < 400 || !response.body.includes('"detail"')) continue;
        const { detail, title } = JSON.parse(response.body) as { detail: string; title: string };
        expect(spans).not.toContain(detail);
        expect(spans).not.toContain(title);
      }
    });

    it('counts each answered error once in ciam.errors, bounded attributes only', () => {
      const r = result(platform, null);
      expect(r.metrics.map(({ attributes, value }) => ({ attributes, value }))).toEqual(
        expect.arrayContaining(COUNTS),
      );
      expect(r.metrics).toHaveLength(COUNTS.length);
      expect(r.metrics[0]!.descriptor).toEqual({
        name: 'ciam.errors',
        unit: '{error}',
        description: expect.stringContaining('CIAM errors answered'),
      });
    });

    it("ends each log line with the server span's trace_id and span_id", () => {
      const r = result(platform, null);
      expect(r.logs).toHaveLength(Object.keys(LOGGED).length);
      for (const [target, start] of Object.entries(LOGGED)) {
        const { traceId, spanId } = spanOf(r, target);
        const line = r.logs.find((l) => l.startsWith(start));
        expect([target, line]).toEqual([
          target,
          expect.stringMatching(new RegExp(` trace_id=${traceId} span_id=${spanId}$`)),
        ]);
      }
    });
  });

  it('traces: false records no span event and no ids in logs, and still counts', () => {
    const r = result(platform, { traces: false });
    expect(r.spans.flatMap((s) => s.events)).toEqual([]);
    // The instrumentation's own rule for server spans (5xx) stays; ours adds nothing.
    expect(spanOf(r, '/users/42/conflict').status.code).toBe(0);
    expect(r.logs.length).toBeGreaterThan(0);
    for (const line of r.logs) expect(line).not.toMatch(/trace_id=|span_id=/);
    expect(r.metrics.map(({ attributes, value }) => ({ attributes, value }))).toEqual(
      expect.arrayContaining(COUNTS),
    );
    expect(r.metrics).toHaveLength(COUNTS.length);
  });

  it('metrics: false counts nothing, and still records span events', () => {
    const r = result(platform, { metrics: false });
    expect(r.metrics).toEqual([]);
    expect(spanOf(r, '/users/42/signature').events).toEqual([
      { name: 'exception', attributes: EVENTS['/users/42/signature'] },
    ]);
    for (const line of r.logs) expect(line).toMatch(TRACE_IDS);
  });

  it('both off: no event, no count, no ids in logs', () => {
    const r = result(platform, { traces: false, metrics: false });
    expect(r.spans.flatMap((s) => s.events)).toEqual([]);
    expect(r.metrics).toEqual([]);
    for (const line of r.logs) expect(line).not.toMatch(/trace_id=/);
  });

  it('never changes the answers: the same status, headers and bytes with or without telemetry', () => {
    const baseline = result(platform, { traces: false, metrics: false }).responses;
    expect(baseline).toHaveLength(7);
    for (const telemetry of OPTIONS) {
      expect(result(platform, telemetry).responses).toEqual(baseline);
    }
  });
});
