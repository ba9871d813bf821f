// Reads the vitest JSON reports of repeated server runs (<adapters>-<run>.json) and prints each test that
// failed in any of them: how many runs of how many, on which adapters, and its first failure message.
// Usage: summarize-repeats.mjs <results dir>. Exits 1 if any test (or any run, outside a test) failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [resultsDir] = process.argv.slice(2);
const logs = readdirSync(resultsDir).filter((name) => name.endsWith('.log'));
const failures = new Map();
const brokenRuns = [];
let testsRun = 0;

for (const log of logs.sort()) {
  const run = log.replace(/\.log$/, '');
  const [adapters] = run.split('-');
  const reportFile = path.join(resultsDir, `${run}.json`);
  if (!existsSync(reportFile)) {
    brokenRuns.push(run);
    continue;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  if (!report.success && report.numFailedTests === 0) brokenRuns.push(run);
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      testsRun += 1;
      if (test.status !== 'failed') continue;
      const id = `${path.relative('server', file.name.replace(/^.*\/server\//, 'server/'))} > ${test.fullName}`;
      const seen = failures.get(id) ?? { count: 0, adapters: new Set(), message: test.failureMessages[0] };
      seen.count += 1;
      seen.adapters.add(adapters);
      failures.set(id, seen);
    }
  }
}

const runs = logs.length;
console.log(`\n${runs} suite runs, ${testsRun} tests run, ${failures.size} tests failed at least once`);
for (const [id, { count, adapters, message }] of failures) {
  console.log(`\n  ${id}\n    failed in ${count} of ${runs} suite runs (${[...adapters].join(', ')})`);
  console.log(
    `    ${String(message ?? '')
      .split('\n')
      .slice(0, 4)
      .join('\n    ')}`,
  );
}
for (const run of brokenRuns) console.log(`\n  ${run}: failed outside any test (its log: ${run}.log)`);
process.exit(failures.size === 0 && brokenRuns.length === 0 && runs > 0 ? 0 : 1);
