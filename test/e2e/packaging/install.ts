// Pack every @frontdesk package the way `pnpm publish` would (prepack builds it, publishConfig points the tarball
// at dist/) and install the tarballs with npm, not the workspace, into a fresh project, as a user would.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGES = ['protocol', 'client', 'widget', 'server', 'admin'] as const;

/** The temp project and the tarballs installed in it. */
export interface Installed {
  dir: string;
  tarballs: Record<(typeof PACKAGES)[number], string>;
}

/** Tools the user's apps bring; pinned so the test does not move under us. */
const USER_DEPENDENCIES = [
  'react@19.3.1',
  'react-dom@19.3.1',
  'vite@8.3.8',
  '@vitejs/plugin-react@6.3.0',
  '@types/node@20.19.43',
];

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`,
    );
  }
}

export function packAndInstall(): Installed {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-install-'));
  const packs = join(dir, 'tarballs');
  mkdirSync(packs);
  const tarballs = {} as Installed['tarballs'];
  for (const name of PACKAGES) {
    run('pnpm', ['pack', '--pack-destination', packs], join(repoRoot, 'packages', name));
    const file = readdirSync(packs).find((f) => f.startsWith(`frontdesk-${name}-`));
    if (!file) throw new Error(`pnpm pack wrote no tarball for @frontdesk/${name}`);
    tarballs[name] = join(packs, file);
  }
  const app = join(dir, 'app');
  cpSync(join(repoRoot, 'test/e2e/packaging/fixtures'), app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'frontdesk-user-app', private: true, type: 'module' }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...PACKAGES.map((name) => tarballs[name]),
      ...USER_DEPENDENCIES,
    ],
    app,
    // The workspace's pnpm settings must not leak into the user's npm.
    { npm_config_workspace: '', npm_config_user_agent: '' },
  );
  return { dir: app, tarballs };
}
