import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const biome = join(repoRoot, 'node_modules/.bin/biome');

/** Run the project's own `biome check` (its biome.json) on `file`, copied under the name `as`. */
export function projectLint(file: string, as = 'site.config.ts'): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fd-lint-'));
  copyFileSync(file, join(dir, as));
  const run = spawnSync(
    biome,
    ['check', `--config-path=${join(repoRoot, 'biome.json')}`, '--vcs-enabled=false', as],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  return { code: run.status ?? -1, output: run.stdout + run.stderr };
}
