// Runs the steps of `pnpm test` one after another. A failing step does not stop the chain: every step runs, the
// summary line always prints, and the exit code is non-zero when any step or any test failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { summarize } from './summary.mjs';

/** The steps of `pnpm test`, in order: [name, shell command]. */
export const steps = [
  ['services', 'pnpm services'],
  ['typecheck', 'pnpm typecheck'],
  ['lint', 'pnpm lint'],
  ['build', 'pnpm build'],
  ['unit', 'pnpm test:unit'],
  ['size', 'pnpm size'],
  ['e2e', 'pnpm test:e2e'],
  ['fault', 'pnpm test:fault'],
  // Correctness only (no loss, no doubles, no errors); latency budgets are `pnpm bench`'s job (`bench:load`).
  ['load', 'BENCH_SIZES=100 pnpm bench:load --correctness'],
];

/**
 * Run `chain` in order (each with inherited output), write `<reports>/steps.json`, print the summary and return
 * the exit code: 0 only when every step and every test passed.
 */
export function runChain(chain, reports = '.reports') {
  rmSync(reports, { recursive: true, force: true }); // reports of an earlier run must not count
  mkdirSync(reports, { recursive: true });
  const results = [];
  for (const [name, command] of chain) {
    console.log(`\n> ${name}: ${command}`);
    const run = spawnSync(command, { shell: true, stdio: 'inherit' });
    const ok = run.status === 0;
    results.push({ name, ok, status: run.status, signal: run.signal });
    if (!ok)
      console.error(`step "${name}" failed (${run.signal ?? `exit ${run.status}`}); going on with the rest`);
  }
  writeFileSync(join(reports, 'steps.json'), JSON.stringify(results, null, 2));
  return summarize(reports);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) process.exit(runChain(steps));
