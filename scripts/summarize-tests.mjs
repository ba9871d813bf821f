// Prints each suite's counts and, as the last line, "N passed, N failed"; exits 1 if anything failed.
// Usage: summarize-tests.mjs <results dir> <suite>... (each suite wrote <results dir>/<suite>.json).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [resultsDir, ...suites] = process.argv.slice(2);
const rows = [];

const checksFile = path.join(resultsDir, 'checks');
if (existsSync(checksFile)) {
  for (const line of readFileSync(checksFile, 'utf8').split('\n').filter(Boolean)) {
    const [name, outcome] = line.split(' ');
    rows.push({ name, passed: outcome === 'passed' ? 1 : 0, failed: outcome === 'passed' ? 0 : 1 });
  }
}
for (const suite of suites) {
  const report = path.join(resultsDir, `${suite}.json`);
  if (!existsSync(report)) {
    rows.push({ name: suite, passed: 0, failed: 1, note: 'no report: the suite crashed' });
    continue;
  }
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, success } = JSON.parse(
    readFileSync(report, 'utf8'),
  );
  // A run can fail outside any test (an unhandled error): count it as a failure too.
  const failed = numFailedTests + (success || numFailedTests > 0 ? 0 : 1);
  const skipped = numPendingTests + numTodoTests;
  rows.push({ name: suite, passed: numPassedTests, failed, note: skipped ? `${skipped} skipped` : '' });
}

console.log('\nSummary');
for (const row of rows) {
  console.log(
    `  ${row.name.padEnd(20)} ${String(row.passed).padStart(4)} passed ${String(row.failed).padStart(3)} failed ${row.note ?? ''}`,
  );
}
const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
