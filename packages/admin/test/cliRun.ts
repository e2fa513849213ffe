import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/frontdesk.mjs', import.meta.url));

/** What one run of the real `frontdesk` binary printed and returned. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real CLI binary in `cwd` with `env` (on top of a clean PATH/HOME), feeding `stdin`. */
export function frontdesk(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; stdin?: string },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
