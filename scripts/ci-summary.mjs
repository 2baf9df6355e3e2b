// Prints the closing `N passed, N failed[, N skipped]` line of .ci/run from Jest's JSON reports
// and the smoke test's own `smoke: N passed, N failed` line. Exits non-zero when anything
// failed or when nothing ran at all.
// Usage: node scripts/ci-summary.mjs "<smoke line>" report.json [report.json …]
import { existsSync, readFileSync } from 'node:fs';

const [smokeLine = '', ...reports] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (reports.length === 0) failed += 1;
for (const reportPath of reports) {
  if (!existsSync(reportPath)) {
    failed += 1;
    console.log(`no Jest report at ${reportPath}`);
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A suite that failed to load has no tests to count: count it as a failure.
  failed += report.numRuntimeErrorTestSuites;
  if (report.numTotalTests === 0) {
    failed += 1;
    console.log(`${reportPath} ran no test`);
  }
}
const smoke = /smoke: (\d+) passed, (\d+) failed/.exec(smokeLine);
if (smoke) {
  passed += Number(smoke[1]);
  failed += Number(smoke[2]);
} else {
  failed += 1;
  console.log('the smoke test printed no result');
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
