// `pnpm bench`: every benchmark with a budget, one after the other on this machine — the delivery curve beside its
// floor (`bench:load`), help search (`bench:search`), then the host page in Chromium (`bench:host`, which needs the
// built widget). Each prints its figures and checks its own budgets; this exits non-zero when any of them failed,
// after running all. Arguments (e.g. `--correctness`) go to each of them. Run one with `pnpm bench:<name>`.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const benches = ['load', 'search', 'host'];
const failed = [];
for (const name of benches) {
  console.log(`\n=== pnpm bench:${name} ${args.join(' ')}`);
  const run = spawnSync('pnpm', ['--silent', `bench:${name}`, ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}
console.log(failed.length ? `\nbench: FAILED ${failed.join(', ')}` : '\nbench: every budget held');
process.exit(failed.length ? 1 : 0);
