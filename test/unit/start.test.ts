import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Resolve with the first output that matches, or reject when the process ends first. */
function waitFor(child: ChildProcess, output: () => string, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output())) resolve();
    };
    check();
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`ended (${code}) before ${pattern}:\n${output()}`)));
  });
}

test('Ctrl-C on `pnpm start` stops the server quietly with exit code 0', async () => {
  // A group of its own, as a terminal's foreground job: Ctrl-C is SIGINT to every process of the group.
  const child = spawn('pnpm', ['start', '--no-build'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'fd-start-')) },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitFor(
    child,
    () => output,
    /Frontdesk server listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*site key:/,
  );
  process.kill(-child.pid!, 'SIGINT');
  const { code, signal } = await Promise.race([
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => {
        process.kill(-child.pid!, 'SIGKILL'); // never leave a server behind
        reject(new Error(`still running 30 s after Ctrl-C:\n${output}`));
      }, 30_000),
    ),
  ]);
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(output).not.toMatch(/ERR_PNPM|ELIFECYCLE|Command failed|SIGINT/);
}, 120_000);
