// Type-check every tsconfig in the workspace (one per environment: shared, browser, node, tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples'];
const configs = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const pkg of readdirSync(root)) {
    for (const dir of ['', 'src', 'test', 'e2e', 'bench', ...subdirs(join(root, pkg, 'src'))]) {
      const file = join(root, pkg, dir, 'tsconfig.json');
      if (existsSync(file) && !configs.includes(file)) configs.push(file);
    }
  }
}
for (const file of ['test/tsconfig.json', 'tsconfig.json']) if (existsSync(file)) configs.push(file);

function subdirs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join('src', d.name));
}

let failed = 0;
for (const config of configs) {
  const result = spawnSync('tsc', ['-p', config, '--noEmit'], {
    stdio: 'inherit',
    shell: false,
    env: process.env,
  });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${config}`);
}
console.log(`typecheck: ${configs.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
