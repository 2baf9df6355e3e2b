import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CIAM_VERSIONS } from './actions/index.js';
import type { ActionDefinition } from './actions/index.js';
import { readBoundedBody } from './body-reader.util.js';
import { CiamEmulatorError, invalidParameterValue, missingParameter } from './emulator-error.js';
import type { EmulatorState } from './emulator-state.js';
import type { FailureInjector, ManagementFailure } from './failure-injector.js';
import { isRecord, rejectUnknownParameters } from './params.util.js';
import type { Params } from './params.util.js';
import type { ActionRateLimiter } from './rate-limiter.js';
import { verifyTc3Request } from './tc3-signature.util.js';
import type { Tc3Credentials } from './tc3-signature.util.js';

/** What one request needs from the running emulator. */
export interface PipelineContext {
  readonly state: EmulatorState;
  readonly credentials: Tc3Credentials;
  readonly maxBodyBytes: number;
  readonly clockSkewSeconds: number;
  readonly jobDurationMs: number;
  readonly injector: FailureInjector;
  readonly rateLimiter: ActionRateLimiter;
}

type Outcome =
  | { kind: 'response'; payload: Record<string, unknown> }
  | { kind: 'http'; status: number; body?: string; contentType?: string }
  | { kind: 'hang' };

/** The headers every API 3.0 call needs, in the order they are reported missing. */
const REQUIRED_HEADERS: readonly [header: string, parameter: string][] = [
  ['x-tc-action', 'Action'],
  ['x-tc-version', 'Version'],
  ['x-tc-region', 'Region'],
  ['x-tc-timestamp', 'Timestamp'],
  ['authorization', 'Authorization'],
];

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function unsupportedProtocol(reason: string): CiamEmulatorError {
  return new CiamEmulatorError('UnsupportedProtocol', `HTTP(S) request protocol error: ${reason}.`);
}

/**
 * POST / with a JSON body only. The real gateway also takes GET and form bodies (HmacSHA*
 * signatures); the SDK under test never sends them, so the emulator refuses them loudly.
 */
function checkProtocol(request: IncomingMessage): void {
  if (request.method !== 'POST') {
    throw unsupportedProtocol(`the emulator supports only POST, not ${request.method ?? '?'}`);
  }
  if ((request.url ?? '/').split('?', 1)[0] !== '/') {
    throw unsupportedProtocol('the only path is /');
  }
}

function checkContentType(request: IncomingMessage): void {
  const mediaType = header(request, 'content-type')?.split(';', 1)[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw unsupportedProtocol('the Content-Type must be application/json');
  }
}

function requireHeaders(request: IncomingMessage): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, parameter] of REQUIRED_HEADERS) {
    const value = header(request, name);
    if (value === undefined) throw missingParameter(parameter);
    values[name] = value;
  }
  return values;
}

function parseTimestamp(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw invalidParameterValue('Timestamp', 'a Unix time in seconds');
  return Number(text);
}

function resolveAction(version: string, action: string): ActionDefinition {
  if (!Object.hasOwn(CIAM_VERSIONS, version)) {
    throw new CiamEmulatorError('NoSuchVersion', `The API version \`${version}\` does not exist.`);
  }
  const actions = CIAM_VERSIONS[version];
  if (!Object.hasOwn(actions, action)) {
    throw new CiamEmulatorError(
      'InvalidAction',
      `The API \`${action}\` does not exist in ${version}.`,
    );
  }
  return actions[action];
}

/** An empty body counts as `{}`; anything but a JSON object is `InvalidParameter`. */
function parseParams(body: Buffer): Params {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CiamEmulatorError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (!isRecord(parsed)) {
    throw new CiamEmulatorError('InvalidParameter', 'The request body must be a JSON object.');
  }
  return parsed;
}

function injected(failure: ManagementFailure): Outcome {
  if (failure.kind === 'error') throw new CiamEmulatorError(failure.code, failure.message);
  return failure;
}

async function processRequest(
  request: IncomingMessage,
  context: PipelineContext,
): Promise<Outcome> {
  checkProtocol(request);
  const body = await readBoundedBody(request, context.maxBodyBytes);
  const headers = requireHeaders(request);
  checkContentType(request);
  const timestamp = parseTimestamp(headers['x-tc-timestamp']);
  verifyTc3Request(
    { method: 'POST', url: request.url ?? '/', headers: request.headers, body, timestamp },
    headers.authorization,
    context.credentials,
    Math.floor(Date.now() / 1000),
    context.clockSkewSeconds,
  );
  const actionName = headers['x-tc-action'];
  const action = resolveAction(headers['x-tc-version'], actionName);
  const failure = context.injector.take(actionName);
  if (failure !== undefined) return injected(failure);
  const now = Date.now();
  context.rateLimiter.acquire(actionName, now);
  const params = parseParams(body);
  rejectUnknownParameters(params, action.parameters);
  const payload = action.handle(params, {
    state: context.state,
    now,
    jobDurationMs: context.jobDurationMs,
  });
  return { kind: 'response', payload };
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  traceId: string | undefined,
): void {
  if (response.headersSent || response.destroyed) return;
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', Buffer.byteLength(body));
  if (traceId !== undefined) response.setHeader('X-TC-TraceId', traceId);
  response.end(body);
}

function sendEnvelope(
  response: ServerResponse,
  fields: Record<string, unknown>,
  traceId: string | undefined,
): void {
  const body = JSON.stringify({ Response: { ...fields, RequestId: randomUUID() } });
  send(response, 200, 'application/json', body, traceId);
}

function errorFields(error: unknown): Record<string, unknown> {
  const known =
    error instanceof CiamEmulatorError
      ? error
      : new CiamEmulatorError('InternalError', 'The CIAM emulator failed to process the request.');
  return { Error: { Code: known.code, Message: known.message } };
}

/**
 * Answers one request. Never rejects: every failure becomes a CIAM error envelope, except
 * injected HTTP failures and hangs, and a client that went away gets nothing.
 */
export async function handleCiamRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: PipelineContext,
): Promise<void> {
  const traceId = header(request, 'x-tc-traceid');
  try {
    const outcome = await processRequest(request, context);
    if (outcome.kind === 'hang') return;
    if (outcome.kind === 'http') {
      const text = `${outcome.status} ${STATUS_CODES[outcome.status] ?? ''}`.trim();
      const contentType = outcome.contentType ?? 'text/plain; charset=utf-8';
      send(response, outcome.status, contentType, outcome.body ?? text, traceId);
      return;
    }
    sendEnvelope(response, outcome.payload, traceId);
  } catch (error) {
    if (error instanceof CiamEmulatorError && error.code === 'RequestSizeLimitExceeded') {
      response.setHeader('Connection', 'close');
    }
    sendEnvelope(response, errorFields(error), traceId);
  }
}
