import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Run scripts/testChain.mjs's runner over `steps` (real child processes) with reports in a fresh folder. */
function runChain(steps: [string, string][] | ((reports: string) => [string, string][])) {
  const reports = mkdtempSync(join(tmpdir(), 'fd-chain-'));
  if (typeof steps === 'function') steps = steps(reports);
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { runChain } from './scripts/testChain.mjs'; process.exit(runChain(JSON.parse(process.argv[1]), process.argv[2]));",
      JSON.stringify(steps),
      reports,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: run.status, output: run.stdout + run.stderr, reports };
}

const node = (code: string) => `node -e ${JSON.stringify(code)}`;

test('pnpm test runs its steps through the chain runner', async () => {
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
  expect(pkg.scripts.test).toBe('exec node scripts/testChain.mjs');
  const listed = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const m = await import('./scripts/testChain.mjs'); console.log(JSON.stringify(m.steps))",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const steps = new Map(JSON.parse(listed.stdout) as [string, string][]);
  expect([...steps.keys()]).toEqual([
    'services',
    'typecheck',
    'lint',
    'build',
    'unit',
    'size',
    'e2e',
    'fault',
    'load',
  ]);
  expect(steps.get('load')).toBe('BENCH_SIZES=100 pnpm bench:load --correctness');
});

test('a failing step does not stop the chain: later steps run, the summary prints and the exit code is 1', () => {
  const vitestReport = JSON.stringify({
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 0,
    numTotalTests: 3,
  });
  const { status, output } = runChain((reports) => [
    ['typecheck', node('process.exit(0)')],
    ['lint', node('process.exit(1)')],
    [
      'unit',
      node(
        `require('fs').writeFileSync(${JSON.stringify(join(reports, 'vitest.json'))}, ${JSON.stringify(vitestReport)})`,
      ),
    ],
    ['load', node("console.log('load step ran')")],
  ]);
  expect(output).toContain('load step ran');
  expect(output).toContain('failed steps: lint');
  expect(output).toContain('total: 3 passed, 1 failed, 0 skipped');
  expect(status).toBe(1);
});

test('when every step passes the exit code is 0; a runner that crashes without a report counts as one failure', () => {
  const ok = runChain([['typecheck', node('process.exit(0)')]]);
  expect(ok.output).toContain('total: 0 passed, 0 failed, 0 skipped');
  expect(ok.status).toBe(0);

  const crashed = runChain([['e2e', node('process.exit(3)')]]);
  expect(crashed.output).toContain('failed steps: e2e');
  expect(crashed.output).toContain('total: 0 passed, 1 failed, 0 skipped');
  expect(crashed.status).toBe(1);
});

test('the summary lists each failed test with the start of its error (real vitest and Playwright reports)', () => {
  // Real runners on two tiny failing tests, so the reports have the shape the runners really write.
  const dir = mkdtempSync(join(root, '.chain-test-'));
  try {
    writeFileSync(
      join(dir, 'sum.test.ts'),
      "import { expect, test } from 'vitest';\ntest('adds up', () => { expect(1 + 1, 'the sum').toBe(3); });\n",
    );
    writeFileSync(join(dir, 'broken.test.ts'), "throw new Error('the fixture cannot load');\n");
    writeFileSync(
      join(dir, 'page.e2e.ts'),
      "import { expect, test } from '@playwright/test';\ntest('shows the title', () => { expect('Shop', 'the title').toBe('Frontdesk'); });\n",
    );
    writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'] } };\n");
    writeFileSync(join(dir, 'pw.config.mjs'), "export default { testDir: '.', testMatch: '*.e2e.ts' };\n");
    const bin = (name: string) => join(root, 'node_modules/.bin', name);
    const { status, output } = runChain((reports) => [
      [
        'unit',
        `${bin('vitest')} run --root ${dir} --config ${join(dir, 'vitest.config.mjs')} --reporter=json --outputFile=${join(reports, 'vitest.json')} > /dev/null`,
      ],
      [
        'e2e',
        `PLAYWRIGHT_JSON_OUTPUT_NAME=${join(reports, 'playwright.json')} ${bin('playwright')} test --config ${join(dir, 'pw.config.mjs')} --reporter=json > /dev/null`,
      ],
    ]);
    expect(status).toBe(1);
    const listed = output.slice(output.indexOf('failed tests (3):'));
    // A file that fails before its tests run (an import error) is listed too.
    expect(listed).toMatch(/✘ .*broken\.test\.ts\n.*the fixture cannot load/);
    expect(listed).toMatch(/✘ .*sum\.test\.ts › adds up\n.*the sum/);
    expect(listed).toMatch(/expected 2 to be 3/);
    expect(listed).toMatch(/✘ page\.e2e\.ts:2 › shows the title\n.*the title/);
    expect(listed).toMatch(/Expected: "Frontdesk"/);
    expect(listed).toContain('total: 0 passed, 2 failed, 0 skipped');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
