import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CIAM_ERROR_CATALOG, CiamErrorMapper } from '../lib/index.js';

// The README's status table is generated from the catalog. `npm run readme:status-table`
// rewrites it; this test fails whenever the two drift apart.
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- status-table:start -->';
const END = '<!-- status-table:end -->';

function renderStatusTable(): string {
  const mapper = new CiamErrorMapper({ logger: false });
  const rows = Object.entries(CIAM_ERROR_CATALOG).map(([code, entry]) => {
    const problem = mapper.resolve({ Response: { Error: { Code: code } } }, { locale: 'en' })!;
    const shown = problem.code === code ? '`' + code + '`' : '`' + problem.code + '` (hidden)';
    return `| \`${code}\` | ${entry.status} | ${shown} | ${entry.retryable ? 'yes' : 'no'} | ${problem.detail} |`;
  });
  return [
    '| CIAM code | status | client sees | retryable | English text the client gets |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

describe('README status table', () => {
  it('matches the catalog', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${renderStatusTable()}\n${END}`;
    const actual = readme.slice(start, end + END.length);
    if (process.env.UPDATE_README === '1' && actual !== expected) {
      writeFileSync(README, readme.replace(actual, expected));
      return;
    }
    expect(actual).toBe(expected);
  });
});
