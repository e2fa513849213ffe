import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectLint, repoRoot } from './biomeCheck';

/** `pnpm --dir <repo> frontdesk …` typed in `cwd`, as the README says to run the CLI from anywhere. */
function pnpmFrontdesk(args: string[], cwd: string) {
  const run = spawnSync('pnpm', ['--silent', '--dir', repoRoot, 'frontdesk', ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('frontdesk init as a new site owner runs it', () => {
  it('writes where it is run (outside the repository too), prints the full path, and the file passes lint', () => {
    const site = join(mkdtempSync(join(tmpdir(), 'fd-init-')), 'my site');
    mkdirSync(site);
    const run = pnpmFrontdesk(['init', '--name', "Bob's shop"], site);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(site, 'frontdesk.config.ts');
    expect(run.stdout).toContain(`Wrote ${file}.`);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(repoRoot, 'frontdesk.config.ts'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('name: "Bob\'s shop",');

    const lint = projectLint(file);
    expect(lint.output).toContain('No fixes applied');
    expect(lint.code).toBe(0);

    // validate (same route) reads it from there as well
    expect(pnpmFrontdesk(['validate'], site)).toMatchObject({
      code: 0,
      stdout: 'frontdesk.config.ts: valid.\n',
    });
  });

  it('in the repository, site config files are ignored by lint and by git', () => {
    const lint = projectLint(join(repoRoot, 'package.json'), 'frontdesk.config.ts');
    expect(lint.output).toContain('These paths were provided but ignored');
    const git = spawnSync(
      'git',
      ['check-ignore', 'frontdesk.config.ts', 'examples/shop/frontdesk.config.mjs'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(git.stdout.split('\n').filter(Boolean)).toEqual([
      'frontdesk.config.ts',
      'examples/shop/frontdesk.config.mjs',
    ]);
  });
});
