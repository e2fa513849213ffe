import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The load benchmark at N = 5 with a p99 budget no run can meet (0 ms), as a real process against a real server. */
function bench(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/load.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BENCH_SIZES: '5', BENCH_MESSAGES: '2', BENCH_P99_BUDGET_MS: '0' },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('the test chain runs the load benchmark for correctness: figures printed, latency not failed', () => {
  const { status, output } = bench(['--correctness']);
  // The server and its floor (a bare ws server) measured in the same run.
  expect(output).toMatch(
    /N=\s+5 Frontdesk \(PGlite\)\s+10\/10 delivered \(failed 0, dup 0\), \d+ msg\/s, p50 [\d.]+ ms/,
  );
  expect(output).toMatch(/N=\s+5 bare ws \(floor\)\s+10\/10 delivered \(failed 0, dup 0\)/);
  expect(output).toContain('load: no failed send, no message lost or doubled');
  expect(output).not.toContain('FAIL');
  expect(status).toBe(0);
}, 120_000);

test('pnpm bench (without --correctness) still fails when the p99 budget is broken', () => {
  const { status, output } = bench([]);
  expect(output).toMatch(/FAIL: p99 above budget at N=5 \([\d.]+ ms > 0 ms\)/);
  expect(status).toBe(1);
}, 120_000);
