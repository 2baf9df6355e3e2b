import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  CIAM_AUTH_COMMON_ERRORS,
  CIAM_AUTH_ENDPOINT_ERRORS,
  CIAM_AUTH_ERROR_CATALOG,
  CIAM_ERROR_CATALOG,
  CiamAuthException,
  CiamErrorMapper,
} from '../lib/index.js';

// The product decision: docs/status-table.tsv, one row per code with the reason for its status.
const TABLE = fileURLToPath(new URL('../docs/status-table.tsv', import.meta.url));

function readTable() {
  const [header, ...rows] = readFileSync(TABLE, 'utf8').trim().split('\n');
  expect(header!.split('\t')).toEqual([
    'code',
    'group',
    'status',
    'expose',
    'retryable',
    'rationale',
  ]);
  return rows.map((row) => {
    const [code, , status, expose, retryable, rationale] = row.split('\t');
    expect(rationale?.trim()).toBeTruthy();
    return {
      code: code!,
      status: Number(status),
      expose: expose === 'yes',
      retryable: retryable === 'yes',
    };
  });
}

const LOCALES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko'] as const;

describe('CIAM_ERROR_CATALOG', () => {
  const table = readTable();

  it('holds exactly the 93 codes of status-table.tsv', () => {
    expect(table).toHaveLength(93);
    expect(Object.keys(CIAM_ERROR_CATALOG).sort()).toEqual(table.map((row) => row.code).sort());
  });

  it.each(table)('$code: status $status, expose $expose, retryable $retryable', (row) => {
    const entry = CIAM_ERROR_CATALOG[row.code as keyof typeof CIAM_ERROR_CATALOG];
    expect({ status: entry.status, expose: entry.expose, retryable: entry.retryable }).toEqual({
      status: row.status,
      expose: row.expose,
      retryable: row.retryable,
    });
  });

  it('has a distinct, non-empty message in every built-in locale for every code', () => {
    for (const [code, entry] of Object.entries(CIAM_ERROR_CATALOG)) {
      for (const locale of LOCALES) {
        expect({ code, locale, text: entry.messages[locale].trim().length > 0 }).toEqual({
          code,
          locale,
          text: true,
        });
      }
      expect(entry.messages['zh-CN']).not.toBe(entry.messages.en);
      expect(entry.messages['zh-TW']).not.toBe(entry.messages.en);
    }
  });

  it('is deeply frozen', () => {
    const entry = CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'];
    expect(Object.isFrozen(CIAM_ERROR_CATALOG)).toBe(true);
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry.messages)).toBe(true);
    expect(() => {
      (entry as { status: number }).status = 200;
    }).toThrow(TypeError);
  });

  it('answers hidden codes (without an exposed ancestor) with the generic text of their status', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    const exposed = new Set(table.filter((r) => r.expose).map((r) => r.code));
    const hasExposedAncestor = (code: string) =>
      code.split('.').some((_, i, parts) => i > 0 && exposed.has(parts.slice(0, i).join('.')));
    const hidden = table.filter((r) => !r.expose && !hasExposedAncestor(r.code));
    expect(hidden.length).toBeGreaterThan(30);
    for (const row of hidden) {
      // An unknown code answered with the same status carries the generic text of that status.
      const generic = new CiamErrorMapper({ logger: false, fallbackStatus: row.status });
      for (const locale of LOCALES) {
        const problem = mapper.resolve({ Response: { Error: { Code: row.code } } }, { locale })!;
        const expected = generic.resolve(
          { Response: { Error: { Code: 'Unknown.Thing' } } },
          {
            locale,
          },
        )!;
        expect(problem.status).toBe(row.status);
        expect(problem.code).toBe(expected.code);
        expect(problem.detail).toBe(expected.detail);
      }
    }
  });

  it('has a localized title for every status the catalog produces', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    const statuses = [...new Set(table.map((row) => row.status))];
    expect(statuses.length).toBeGreaterThan(8);
    for (const status of statuses) {
      const code = table.find((row) => row.status === status)!.code;
      const envelope = { Response: { Error: { Code: code } } };
      const titles = LOCALES.map((locale) => mapper.resolve(envelope, { locale })!.title);
      expect(titles[0]).toBe(STATUS_CODES[status]);
      expect(titles[1]).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(titles[2]).toMatch(/^[\u4e00-\u9fff]+$/);
    }
  });
});

describe('hidden codes under an exposed ancestor', () => {
  it('are presented as the ancestor', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    const problem = mapper.resolve({
      Response: { Error: { Code: 'RequestLimitExceeded.IPLimitExceeded' } },
    })!;
    expect(problem.code).toBe('RequestLimitExceeded');
    expect(problem.detail).toBe(CIAM_ERROR_CATALOG.RequestLimitExceeded.messages.en);
  });
});

// The authentication API's decision: docs/auth-status-table.tsv, one row per `error` value.
const AUTH_TABLE = fileURLToPath(new URL('../docs/auth-status-table.tsv', import.meta.url));

describe('CIAM_AUTH_ERROR_CATALOG', () => {
  const [header, ...lines] = readFileSync(AUTH_TABLE, 'utf8').trim().split('\n');
  const rows = lines.map((line) => {
    const [error, endpoints, , status, expose, retryable, rationale] = line.split('\t');
    return {
      error: error!,
      endpoints: endpoints!.split(',').map((endpoint) => endpoint.trim()),
      status: Number(status),
      expose: expose === 'yes',
      retryable: retryable === 'yes',
      rationale: rationale!,
    };
  });

  it('holds exactly the 33 values of auth-status-table.tsv, with a reason each', () => {
    expect(header!.split('\t')).toEqual([
      'error',
      'endpoints',
      'upstream_status',
      'status',
      'expose',
      'retryable',
      'rationale',
    ]);
    expect(rows).toHaveLength(33);
    expect(Object.keys(CIAM_AUTH_ERROR_CATALOG)).toEqual(rows.map((row) => row.error));
    for (const row of rows) expect(row.rationale.length).toBeGreaterThan(20);
  });

  it('gives each value the status, exposure, retryability and endpoints of the table', () => {
    for (const row of rows) {
      const entry = CIAM_AUTH_ERROR_CATALOG[row.error as keyof typeof CIAM_AUTH_ERROR_CATALOG];
      expect([row.error, entry.status, entry.expose, entry.retryable]).toEqual([
        row.error,
        row.status,
        row.expose,
        row.retryable,
      ]);
      expect([row.error, [...entry.endpoints]]).toEqual([
        row.error,
        row.endpoints.filter((endpoint) => endpoint !== 'any'),
      ]);
    }
  });

  it('lists the values any endpoint can answer as the common ones, and each endpoint its own', () => {
    const common = rows.filter((row) => row.endpoints.includes('any')).map((row) => row.error);
    expect([...CIAM_AUTH_COMMON_ERRORS].sort()).toEqual(common.sort());
    for (const [endpoint, errors] of Object.entries(CIAM_AUTH_ENDPOINT_ERRORS)) {
      const documented = rows.filter((row) => row.endpoints.includes(endpoint));
      expect([endpoint, [...errors]]).toEqual([endpoint, documented.map((row) => row.error)]);
    }
  });

  it('has a text in every built-in locale; hidden values get the generic text of their status', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    for (const row of rows) {
      const error = row.error as keyof typeof CIAM_AUTH_ERROR_CATALOG;
      for (const locale of LOCALES) {
        const text = CIAM_AUTH_ERROR_CATALOG[error].messages[locale];
        expect([error, locale, typeof text, text.length > 10]).toEqual([
          error,
          locale,
          'string',
          true,
        ]);
        const problem = mapper.resolve(new CiamAuthException(error), { locale })!;
        expect([error, locale, problem.detail]).toEqual([error, locale, text]);
      }
    }
  });
});
