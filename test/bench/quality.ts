/**
 * Quality-views benchmark (`pnpm bench:quality`, not part of `pnpm test`): seeds 100,000 conversations (with reply
 * and resolution times, ratings, agents, teams, channels) into a fresh schema of a real PostgreSQL server
 * (`TEST_DATABASE_URL`, else the local one), prints each quality view's query time, and exits non-zero when one
 * takes 200 ms or more. `BENCH_QUALITY_N` changes the size.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { measure, openBenchDatabase, seed } from './quality/measure';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://frontdesk:frontdesk@127.0.0.1:5432/frontdesk';
const N = Number(process.env.BENCH_QUALITY_N ?? 100_000);
const BUDGET_MS = 200;
const schema = `fd_bench_quality_${randomBytes(4).toString('hex')}`;

const db = await openBenchDatabase(URL, schema);
try {
  const now = new Date();
  const started = performance.now();
  const site = await seed(db, N, now);
  console.log(
    `quality views: ${N.toLocaleString('en')} conversations seeded in ${Math.round(performance.now() - started)} ms (PostgreSQL, schema ${schema})`,
  );
  // How busy the machine is: the same figures on a shared, loaded machine are several times slower.
  const ref = performance.now();
  await db.query('select count(*) from generate_series(1, 1000000)');
  console.log(
    `  machine: load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; counting 1,000,000 generated rows took ${Math.round(performance.now() - ref)} ms`,
  );
  const timings = await measure(db, site, now);
  let failed = false;
  for (const t of timings) {
    const over = t.ms >= BUDGET_MS;
    failed ||= over;
    console.log(
      `  ${t.view.padEnd(46)} ${`${t.ms.toFixed(1)} ms`.padStart(10)}  ${over ? 'OVER BUDGET' : 'ok'}  (${t.check})`,
    );
  }
  console.log(failed ? `FAIL: a view took ${BUDGET_MS} ms or more` : `all views under ${BUDGET_MS} ms`);
  if (failed) process.exitCode = 1;
} finally {
  await db.query(`drop schema if exists "${schema}" cascade`);
  await db.close();
}
