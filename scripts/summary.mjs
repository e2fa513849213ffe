// Print one closing line for the whole test command from the runners' JSON reports and the steps' results:
// "total: N passed, N failed, N skipped". A step that failed without a test report of its own (typecheck, lint,
// build, size, load, or a runner that crashed) counts as one failed check, named on the line before.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Print the summary of the reports in `reports` and return the exit code (1 when anything failed). */
export function summarize(reports = '.reports') {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const seen = [];
  const reported = new Set();

  const vitest = join(reports, 'vitest.json');
  if (existsSync(vitest)) {
    const r = read(vitest);
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests;
    counts.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    seen.push(`unit ${r.numPassedTests}/${r.numTotalTests}`);
    reported.add('unit');
  }

  for (const [name, file] of [
    ['e2e', 'playwright.json'],
    ['fault', 'fault.json'],
  ]) {
    if (!existsSync(join(reports, file))) continue;
    const s = read(join(reports, file)).stats;
    counts.passed += s.expected + (s.flaky ?? 0);
    counts.failed += s.unexpected;
    counts.skipped += s.skipped;
    seen.push(`${name} ${s.expected}/${s.expected + s.unexpected + s.skipped + (s.flaky ?? 0)}`);
    reported.add(name);
  }

  const stepsFile = join(reports, 'steps.json');
  const steps = existsSync(stepsFile) ? read(stepsFile) : [];
  const failedSteps = steps.filter((s) => !s.ok);
  // A runner that failed with its report written is already counted by its tests; any other failed step is one.
  const unreported = failedSteps.filter((s) => !reported.has(s.name));
  counts.failed += unreported.length;

  if (seen.length === 0 && steps.length === 0) console.error(`summary: no test reports found in ${reports}/`);
  if (failedSteps.length) console.log(`failed steps: ${failedSteps.map((s) => s.name).join(', ')}`);
  if (seen.length) console.log(`(${seen.join(', ')})`);
  console.log(`total: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts.failed || failedSteps.length || (seen.length === 0 && steps.length === 0) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) process.exit(summarize());
