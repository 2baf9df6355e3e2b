import type { ArgumentsHost } from '@nestjs/common';
import type { CiamProblem } from '../interfaces/ciam-problem.interface.js';
import type { ResolvedCiamErrorsOptions } from '../options/module-options.util.js';
import { safeId } from '../utils/safe-id.util.js';
import { ignoreRejection } from '../utils/thenable.util.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * JSON string literals of the texts that answers repeat (titles, details, codes, types): the
 * same few strings every time, so they are escaped once. Bounded; past the bound, escaped anew.
 */
const quoted = new Map<string, string>();
const MAX_QUOTED = 4096;

function quote(value: unknown): string {
  // Never trusts its input: problems also come from outside the mapper (the swagger entry).
  if (typeof value !== 'string') return 'null';
  let literal = quoted.get(value);
  if (literal === undefined) {
    literal = JSON.stringify(value);
    if (quoted.size < MAX_QUOTED) quoted.set(value, literal);
  }
  return literal;
}

/**
 * The fixed parts of a built-in body: everything but `instance`, `requestId` and
 * `upstreamMessage`, which are the same for every answer of a rule in a locale. A problem body is
 * `head` + the instance + `tail`; a `nest` body starts with `head` alone.
 */
interface BodyFrame {
  readonly format: 'problem' | 'nest';
  readonly type: unknown;
  readonly title: unknown;
  readonly status: unknown;
  readonly code: unknown;
  readonly head: string;
  readonly tail: string;
}

/** Frames by detail text (the most specific field): a few rules can share one. Bounded. */
const frames = new Map<string, BodyFrame[]>();
let frameCount = 0;
const MAX_FRAMES = 4096;

function frameOf(problem: CiamProblem, format: 'problem' | 'nest'): BodyFrame {
  const { type, title, status, detail, code } = problem;
  const known = typeof detail === 'string' ? frames.get(detail) : undefined;
  if (known !== undefined) {
    for (const frame of known) {
      if (
        frame.format === format &&
        frame.code === code &&
        frame.status === status &&
        frame.title === title &&
        frame.type === type
      ) {
        return frame;
      }
    }
  }
  const statusText = Number.isInteger(status) ? String(status) : 'null';
  // Made once per rule and locale (past the bound, per answer, as before the frames).
  const [head, tail] =
    format === 'problem'
      ? [
          `{"type":${quote(type)},"title":${quote(title)},"status":${statusText},` +
            `"detail":${quote(detail)},"instance":`,
          `,"code":${quote(code)}`,
        ]
      : // NestJS 12's own error body, in its key order (`HttpException.createBody`).
        [
          `{"message":${quote(detail)},"error":${quote(title)},` +
            `"statusCode":${statusText},"errorCode":${quote(code)}`,
          '',
        ];
  const frame: BodyFrame = { format, type, title, status, code, head, tail };
  // Only what can match again (NaN is never equal to itself).
  if (typeof detail === 'string' && Number.isInteger(status) && frameCount < MAX_FRAMES) {
    if (known === undefined) frames.set(detail, [frame]);
    else known.push(frame);
    frameCount++;
  }
  return frame;
}

/** What {@link renderBody} throws when a custom format returned a promise. */
export class AsyncFormatError extends TypeError {
  constructor() {
    super(
      'format returned a promise (or another thenable), which is not awaited: it must be synchronous',
    );
  }
}

/**
 * The serialized body and its content type, per the `format` option. The built-in formats are
 * written out directly, in the key order of `JSON.stringify`, from pre-escaped texts: escaping
 * a localized detail was most of the filter's own cost. A custom format that throws or returns
 * a promise (it would be sent as `{}`) makes this throw.
 */
export function renderBody(
  problem: CiamProblem,
  instance: string,
  options: ResolvedCiamErrorsOptions,
  host: ArgumentsHost,
): { body: string; contentType: string } {
  const { format } = options;
  if (format !== 'problem' && format !== 'nest') {
    const body = format(problem, host);
    if (body !== undefined && ignoreRejection(body)) throw new AsyncFormatError();
    return { body: JSON.stringify(body) ?? 'null', contentType: JSON_CONTENT_TYPE };
  }
  const frame = frameOf(problem, format);
  let body = format === 'problem' ? frame.head + JSON.stringify(instance) + frame.tail : frame.head;
  // A safe id has only characters that need no escaping.
  const requestId = safeId(problem.requestId);
  if (requestId) body += `,"requestId":"${requestId}"`;
  // Never for the authentication API: its `error_description` tells apart causes that reveal
  // whether an account exists ("Wrong username or password", "Abnormal user status").
  if (options.exposeUpstreamMessage && problem.upstreamMessage && problem.endpoint === undefined) {
    body += `,"upstreamMessage":${JSON.stringify(problem.upstreamMessage)}`;
  }
  return {
    body: `${body}}`,
    contentType: format === 'problem' ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE,
  };
}
