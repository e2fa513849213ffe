// Print one closing line for the whole test command from the runners' JSON reports:
// "total: N passed, N failed, N skipped". Run last by `pnpm test`.
import { existsSync, readFileSync } from 'node:fs';

const counts = { passed: 0, failed: 0, skipped: 0 };
const seen = [];

const vitest = '.reports/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  seen.push(`unit ${r.numPassedTests}/${r.numTotalTests}`);
}

for (const [name, file] of [
  ['e2e', '.reports/playwright.json'],
  ['fault', '.reports/fault.json'],
]) {
  if (!existsSync(file)) continue;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  counts.passed += s.expected + (s.flaky ?? 0);
  counts.failed += s.unexpected;
  counts.skipped += s.skipped;
  seen.push(`${name} ${s.expected}/${s.expected + s.unexpected + s.skipped + (s.flaky ?? 0)}`);
}

if (seen.length === 0) {
  console.error('summary: no test reports found in .reports/');
  process.exit(1);
}
console.log(`(${seen.join(', ')})`);
console.log(`total: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed ? 1 : 0);
