// The guides CI builds and replays (scripts/guides.mjs), with what each needs beyond its own
// text: the templates it must run under, and a check of what its ```http examples cannot show
// (other transports, documents, metrics, browser code, a test run).
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { URL, pathToFileURL } from 'node:url';
import { freePort, waitForServer } from './guides.mjs';

/** @type {{ doc: string, templates: string[], node?: string[], env?: Record<string, string>, main?: string, check?: (ctx: any) => Promise<[string, boolean, string][]> }[]} */
export const GUIDES = [
  { doc: 'README.md', templates: ['esm12', 'cjs11'] },
  { doc: 'docs/quick-start.md', templates: ['esm12', 'cjs11'] },
];

/** A JSON request to the guide's app; its status and parsed body. */
async function call(base, method, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** docs/signing-in.md: the flows that need an earlier answer (a token). */
async function signingIn({ base, app, label }) {
  const checks = [];
  const signIn = await call(base, 'POST', '/sessions', {
    username: 'alice',
    password: 'Secret-123',
  });
  checks.push([
    label('alice signs in'),
    signIn.status === 201 && typeof signIn.body.accessToken === 'string',
    JSON.stringify(signIn),
  ]);
  const auth = { authorization: `Bearer ${signIn.body.accessToken}` };
  const me = await call(base, 'GET', '/sessions/me', undefined, auth);
  checks.push([
    label('the token gives her user info'),
    me.status === 200 && me.body.preferred_username === 'alice',
    JSON.stringify(me),
  ]);
  const refreshed = await call(base, 'POST', '/sessions/refresh', {
    refreshToken: signIn.body.refreshToken,
  });
  checks.push([
    label('the refresh token gives new tokens'),
    refreshed.status === 201 && refreshed.body.refreshToken !== signIn.body.refreshToken,
    JSON.stringify(refreshed),
  ]);
  const again = await call(base, 'POST', '/sessions/refresh', {
    refreshToken: signIn.body.refreshToken,
  });
  checks.push([
    label('a spent refresh token is invalid_grant'),
    again.status === 401 && again.body.code === 'invalid_grant',
    JSON.stringify(again),
  ]);
  const wrongOld = await call(
    base,
    'POST',
    '/sessions/me/password',
    { oldPassword: 'nope', newPassword: 'N3w-secret-9' },
    auth,
  );
  checks.push([
    label('a wrong current password is 400 wrong_old_password'),
    wrongOld.status === 400 && wrongOld.body.code === 'wrong_old_password',
    JSON.stringify(wrongOld),
  ]);
  const changed = await call(
    base,
    'POST',
    '/sessions/me/password',
    { oldPassword: 'Secret-123', newPassword: 'N3w-secret-9' },
    auth,
  );
  checks.push([label('the password changes'), changed.status === 204, JSON.stringify(changed)]);
  const newSignIn = await call(base, 'POST', '/sessions', {
    username: 'alice',
    password: 'N3w-secret-9',
  });
  checks.push([label('and signs in'), newSignIn.status === 201, JSON.stringify(newSignIn)]);
  const unknown = await call(base, 'POST', '/sessions', { username: 'nobody', password: 'wrong' });
  const wrong = await call(base, 'POST', '/sessions', { username: 'alice', password: 'wrong' });
  checks.push([
    label('an unknown user gets the wrong password answer: 401 InvalidCredentials, same headers'),
    wrong.status === 401 &&
      wrong.body?.code === 'InvalidCredentials' &&
      unknown.status === wrong.status &&
      JSON.stringify(unknown.body) === JSON.stringify(wrong.body) &&
      ['content-type', 'content-language', 'vary', 'www-authenticate'].every(
        (name) => unknown.headers.get(name) === wrong.headers.get(name),
      ),
    `${JSON.stringify(unknown)}\n${JSON.stringify(wrong)}`,
  ]);
  const line =
    'POST /sessions -> 401 InvalidCredentials upstreamCode=invalid_grant endpoint=token upstreamStatus=400 requestId=- traceId=- upstreamMessage="Wrong username or password"';
  checks.push([
    label('the log line names the endpoint and the upstream status'),
    app.output().includes(line),
    app.output(),
  ]);
  return checks;
}

GUIDES.push({ doc: 'docs/signing-in.md', templates: ['esm12'], check: signingIn });

/** docs/transports.md: the guide's own TCP, gRPC, socket.io and ws clients, run against it. */
async function transports({ dir, base, port, env, label, startNode }) {
  const checks = [];
  const load = (file) => import(pathToFileURL(join(dir, 'dist/clients', file)).href);
  const { tcpUser } = await load('tcp-client.js');
  const tcp = await tcpUser(Number(env.TCP_PORT), 'busy', 'ja');
  checks.push([
    label('TCP: the call fails with the 429 object, in the locale of the message'),
    tcp?.status === 'error' &&
      tcp.statusCode === 429 &&
      tcp.code === 'RequestLimitExceeded' &&
      tcp.retryAfter === 1 &&
      tcp.requestId === 'req-429' &&
      /[\u3040-\u30ff\u4e00-\u9fff]/.test(tcp.message),
    JSON.stringify(tcp),
  ]);
  const { grpcUser } = await load('grpc-client.js');
  // The client reads src/users.proto from the project's directory, as an app run there does.
  const cwd = process.cwd();
  process.chdir(dir);
  const grpc = await grpcUser(`127.0.0.1:${env.GRPC_PORT}`, 'bob', 'ko-KR').finally(() =>
    process.chdir(cwd),
  );
  checks.push([
    label("gRPC: UNAUTHENTICATED (the class map's 401), Korean text, ciam-code trailer"),
    grpc.code === 16 &&
      grpc.ciamCode === 'FailedOperation.UserNotFound' &&
      /[\uac00-\ud7af]/.test(grpc.details ?? ''),
    JSON.stringify(grpc),
  ]);
  const { socketUser } = await load('socket-client.js');
  const io = await socketUser(base, 'bob', 'zh-TW');
  checks.push([
    label('socket.io: the exception event, 401, zh-TW from the handshake'),
    io?.statusCode === 401 &&
      io.code === 'FailedOperation.UserNotFound' &&
      /[\u4e00-\u9fff]/.test(io.message) &&
      io.requestId === 'req-404',
    JSON.stringify(io),
  ]);
  // The same app on the ws adapter, from its second entry point.
  const wsPort = await freePort();
  const wsApp = startNode(dir, ['dist/main-ws.js'], {
    PORT: String(wsPort),
    TCP_PORT: String(await freePort()),
    GRPC_PORT: String(await freePort()),
  });
  try {
    await waitForServer(`http://127.0.0.1:${wsPort}`, wsApp.child, wsApp.output);
    const { wsUser } = await load('ws-client.js');
    const ws = await wsUser(`ws://127.0.0.1:${wsPort}`, 'bob', 'ja-JP');
    checks.push([
      label('ws: the exception event, 401, Japanese from the handshake (withCiamHandshakes)'),
      ws?.statusCode === 401 &&
        ws.code === 'FailedOperation.UserNotFound' &&
        /[\u3040-\u30ff]/.test(ws.message),
      JSON.stringify(ws),
    ]);
  } catch (error) {
    checks.push([
      label('ws: the app on the ws adapter answered'),
      false,
      `${error}\n${wsApp.output()}`,
    ]);
  } finally {
    await wsApp.stop();
  }
  void port;
  return checks;
}

GUIDES.push({
  doc: 'docs/transports.md',
  templates: ['esm12'],
  env: async () => ({ TCP_PORT: String(await freePort()), GRPC_PORT: String(await freePort()) }),
  check: transports,
});

GUIDES.push({ doc: 'docs/options.md', templates: ['esm12'] });

/** docs/openapi.md: the served document documents what the routes answer. */
async function openapi({ base, label }) {
  const checks = [];
  const document = await (await fetch(`${base}/docs-json`)).json();
  const signIn = document.paths?.['/users/sessions']?.post?.responses ?? {};
  const example =
    signIn['401']?.content?.['application/problem+json']?.examples?.InvalidCredentials?.value;
  checks.push([
    label('the sign-in route documents its 401 InvalidCredentials'),
    example?.code === 'InvalidCredentials' && example.instance === '/users/sessions',
    JSON.stringify(signIn['401']),
  ]);
  const answered = await (
    await fetch(`${base}/users/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"frozen"}',
    })
  ).json();
  checks.push([
    label('which is what it answers (but the requestId)'),
    JSON.stringify({ ...answered, requestId: example?.requestId }) === JSON.stringify(example),
    `${JSON.stringify(answered)}\n${JSON.stringify(example)}`,
  ]);
  const find = document.paths?.['/users/{id}']?.get?.responses ?? {};
  const codes = (status) =>
    Object.keys(find[status]?.content?.['application/problem+json']?.examples ?? {});
  checks.push([
    label('GET /users/{id} documents 404, 429 with Retry-After, 500, 502, 504'),
    codes('404').includes('FailedOperation.UserNotFound') &&
      find['429']?.headers?.['Retry-After'] !== undefined &&
      codes('500').includes('InternalServerError') &&
      codes('502').includes('BadGateway') &&
      codes('504').includes('GatewayTimeout'),
    Object.keys(find).join(', '),
  ]);
  checks.push([
    label('the marks of the decorator are gone'),
    !JSON.stringify(document).includes('x-ciam-errors'),
    '',
  ]);
  return checks;
}

GUIDES.push({ doc: 'docs/openapi.md', templates: ['esm12'], check: openapi });

/** docs/observability.md: the counter on the Prometheus endpoint, the span ids in the log. */
async function observability({ app, env, label }) {
  const checks = [];
  const metricsUrl = `http://127.0.0.1:${env.METRICS_PORT}/metrics`;
  let text = '';
  for (let attempt = 0; attempt < 20 && !text.includes('ciam_errors_total'); attempt++) {
    text = await (await fetch(metricsUrl)).text();
    if (!text.includes('ciam_errors_total')) await new Promise((done) => setTimeout(done, 250));
  }
  const series = text.split('\n').find((line) => line.startsWith('ciam_errors_total{')) ?? '';
  checks.push([
    label('Prometheus shows ciam_errors_total for the 500, with its route and both codes'),
    /ciam_public_code="InternalServerError"/.test(series) &&
      /ciam_code="AuthFailure\.SignatureFailure"/.test(series) &&
      /http_route="\/users\/:id\/signature"/.test(series) &&
      /\} 1( |$)/.test(series),
    text,
  ]);
  checks.push([
    label('the log line of the 500 ends with the span ids'),
    /GET \/users\/:id\/signature -> 500 InternalServerError upstreamCode=AuthFailure\.SignatureFailure requestId=req-500 traceId=tc-500 upstreamMessage="The provided credentials could not be validated\." trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16}/.test(
      app.output(),
    ),
    app.output(),
  ]);
  return checks;
}

GUIDES.push({
  doc: 'docs/observability.md',
  templates: ['esm12'],
  node: ['--import', './dist/tracing.js'],
  env: async () => ({ METRICS_PORT: String(await freePort()) }),
  check: observability,
});

/** docs/client.md: the browser code against the server, and the translator's script. */
async function client({ dir, base, label, run }) {
  const checks = [];
  // The browser fetches paths of its own origin; here that origin is the guide's app.
  const realFetch = globalThis.fetch;
  globalThis.fetch = (path, init) => realFetch(new URL(String(path), base), init);
  try {
    const { signUp } = await import(pathToFileURL(join(dir, 'dist-web/sign-up.js')).href);
    const taken = await signUp({ userName: 'alice' }, 'ja');
    checks.push([
      label('a taken name shows the sign-in link, in Japanese'),
      taken?.show === 'sign-in-link' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(taken.text),
      JSON.stringify(taken),
    ]);
    const bad = await signUp({ userName: 'a b' }, 'en');
    checks.push([
      label('a bad value shows at the field'),
      bad?.show === 'field' && bad.text.length > 0,
      JSON.stringify(bad),
    ]);
    const fine = await signUp({ userName: 'carol' }, 'en');
    checks.push([label('a free name signs up'), fine === undefined, JSON.stringify(fine)]);
  } finally {
    globalThis.fetch = realFetch;
  }
  const printed = run('node', ['dist/print-texts.js'], dir).toString().trim();
  checks.push([
    label('print-texts shows the public code and the Japanese text'),
    /^FailedOperation\.UserNotFound [^\p{ASCII}]/u.test(printed),
    printed,
  ]);
  return checks;
}

GUIDES.push({ doc: 'docs/client.md', templates: ['esm12'], check: client });

/** docs/testing.md: the guide's Jest suites pass, every test of them. */
async function testing({ dir, label }) {
  const jest = spawnSync('npx', ['jest', '--ci', '--runInBand'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
  });
  const output = `${jest.stdout}${jest.stderr}`;
  const summary = /^Tests:\s+(.*)$/m.exec(output)?.[1] ?? '';
  // As many tests as the guide's files declare: a suite Jest did not pick up fails here.
  const declared = readdirSync(join(dir, 'test'))
    .map((name) => readFileSync(join(dir, 'test', name), 'utf8').match(/^\s*it\(/gm)?.length ?? 0)
    .reduce((sum, count) => sum + count, 0);
  return [
    [label('its Jest suites pass'), jest.status === 0, output],
    [
      label(`all ${declared} tests the guide declares ran and passed`),
      declared > 0 && summary === `${declared} passed, ${declared} total`,
      output,
    ],
  ];
}

GUIDES.push({ doc: 'docs/testing.md', templates: ['esm12'], check: testing });
