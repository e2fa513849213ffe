// Print one closing line for the whole test command from the runners' JSON reports and the steps' results:
// "total: N passed, N failed, N skipped". A step that failed without a test report of its own (typecheck, lint,
// build, size, load, or a runner that crashed) counts as one failed check, named on the line before. Each failed test
// is listed above it with the start of its error, so the end of a long log says what failed and why.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Lines of an error kept in the summary, and failed tests listed at most (the runner's own output has all). */
const ERROR_LINES = 12;
const MAX_LISTED = 20;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters by definition
const plain = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');

/** `name` and the first lines of `error`, indented: one entry of the failed-test list. */
function failureEntry(name, error) {
  const lines = plain(error)
    .split('\n')
    .filter((line) => line.trim());
  const shown = lines.slice(0, ERROR_LINES).map((line) => `    ${line}`);
  if (lines.length > ERROR_LINES)
    shown.push(`    … (${lines.length - ERROR_LINES} more lines above in the log)`);
  return [`  ✘ ${name}`, ...shown].join('\n');
}

/** Failed tests of a vitest JSON report: [name, error]; a file that failed outside its tests (import) is one. */
function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const path = relative(process.cwd(), file.name);
    return [
      ...(file.status === 'failed' && file.message ? [[path, file.message]] : []),
      ...(file.assertionResults ?? [])
        .filter((t) => t.status === 'failed')
        .map((t) => [`${path} › ${t.fullName}`, (t.failureMessages ?? []).join('\n')]),
    ];
  });
}

/** Failed tests of a Playwright JSON report (suites nest): [name, error] from each test's last result. */
function playwrightFailures(suite) {
  const own = (suite.specs ?? []).flatMap((spec) =>
    (spec.tests ?? [])
      .filter((t) => t.status === 'unexpected')
      .map((t) => {
        const last = t.results?.at(-1);
        const errors = last?.errors?.length ? last.errors : last?.error ? [last.error] : [];
        const why = errors.map((e) => e.message ?? e.value ?? '').join('\n') || `status: ${last?.status}`;
        return [`${spec.file}:${spec.line} › ${spec.title}`, why];
      }),
  );
  return [...own, ...(suite.suites ?? []).flatMap(playwrightFailures)];
}

/** Print the summary of the reports in `reports` and return the exit code (1 when anything failed). */
export function summarize(reports = '.reports') {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const seen = [];
  const reported = new Set();
  const failures = [];

  const vitest = join(reports, 'vitest.json');
  if (existsSync(vitest)) {
    const r = read(vitest);
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests;
    counts.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    seen.push(`unit ${r.numPassedTests}/${r.numTotalTests}`);
    failures.push(...vitestFailures(r));
    reported.add('unit');
  }

  for (const [name, file] of [
    ['e2e', 'playwright.json'],
    ['fault', 'fault.json'],
  ]) {
    if (!existsSync(join(reports, file))) continue;
    const report = read(join(reports, file));
    const s = report.stats;
    failures.push(...(report.suites ?? []).flatMap(playwrightFailures));
    // Errors outside any test (a file that failed to load, a hook of the whole run).
    for (const error of report.errors ?? []) failures.push([`${name} (outside a test)`, error.message ?? '']);
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
  if (failures.length) {
    console.log(`\nfailed tests (${failures.length}):`);
    for (const [name, error] of failures.slice(0, MAX_LISTED)) console.log(failureEntry(name, error));
    if (failures.length > MAX_LISTED) console.log(`  … and ${failures.length - MAX_LISTED} more`);
  }
  if (failedSteps.length) console.log(`failed steps: ${failedSteps.map((s) => s.name).join(', ')}`);
  if (seen.length) console.log(`(${seen.join(', ')})`);
  console.log(`total: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts.failed || failedSteps.length || (seen.length === 0 && steps.length === 0) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) process.exit(summarize());
