import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CIAM_ERROR_CATALOG, CiamErrorMapper } from '../lib/index.js';

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

const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;

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
