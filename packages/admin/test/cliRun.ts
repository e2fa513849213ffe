import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@frontdesk/server/testing';

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

/** A real server and a temp folder holding an admin's CLI environment (credentials file there). */
export interface CliServer {
  server: TestServer;
  dir: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Start a seeded server and sign the CLI in as its admin through the environment; `stop` removes it all. */
export async function adminCliServer(prefix: string): Promise<CliServer> {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    FRONTDESK_URL: server.url,
    FRONTDESK_EMAIL: server.admin.email,
    FRONTDESK_PASSWORD: server.admin.password,
    FRONTDESK_CREDENTIALS_FILE: join(dir, 'credentials.json'),
  };
  return {
    server,
    dir,
    env,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
