/**
 * Start the REAL Frontdesk server as a child process for tests (Vitest or Playwright):
 *
 * ```ts
 * import { startServer } from '@frontdesk/server/testing';
 * const server = await startServer();           // fresh temp DATA_DIR, free port, seeded demo site
 * await fetch(`${server.url}/v1/session`, { method: 'POST', headers: { 'X-Frontdesk-Site': server.siteKey, … } });
 * await server.stop();
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(serverDir, 'src/cli.ts');

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Extra environment variables for the server process (e.g. `RATE_LIMIT_VISITOR`, `DATABASE_URL`). */
  env?: Record<string, string>;
  /** Seed the demo site, agent and admin (default true). */
  seed?: boolean;
}

/** A running server process and the credentials it was seeded with. */
export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Site key of the seeded demo site (send as `X-Frontdesk-Site`). */
  siteKey: string;
  /** Its secret, for `userHash` / JWT identity tests and webhook signatures. */
  siteSecret: string;
  /** Seeded agent (role agent). */
  agent: { email: string; password: string };
  /** Seeded admin (role admin). */
  admin: { email: string; password: string };
  /** The temp data folder (removed by `stop`). */
  dataDir: string;
  /** Process id of the running server (changes on `restart`), e.g. to read its memory use. */
  readonly pid: number;
  /** Stop gracefully (SIGTERM) and remove the data folder. */
  stop(): Promise<void>;
  /** Kill hard (SIGKILL), keeping the data folder so `restart` can reopen it. */
  kill(): Promise<void>;
  /** Start the process again on the same port and data folder (after `kill`, or stops it first). */
  restart(): Promise<void>;
}

// PGlite's first initdb takes seconds: build an empty, migrated data folder once and copy it per server.
function migrationsHash(): string {
  const text = readFileSync(join(serverDir, 'src/db/migrations.ts'), 'utf8');
  // A data folder only opens with the PGlite version that wrote it.
  const pglite = readFileSync(join(serverDir, 'node_modules/@electric-sql/pglite/package.json'), 'utf8');
  return createHash('sha256').update(text).update(pglite).digest('hex').slice(0, 12);
}

async function template(): Promise<string> {
  const dir = join(tmpdir(), `frontdesk-pglite-template-${migrationsHash()}`);
  if (existsSync(join(dir, 'ready'))) return dir;
  const building = mkdtempSync(join(tmpdir(), 'frontdesk-template-build-'));
  const proc = launch({ DATA_DIR: building, PORT: '0', FRONTDESK_SEED: '0' });
  await proc.ready;
  await stopProcess(proc.child, 'SIGTERM');
  cpSync(join(building, 'pg'), join(building, 'ready-pg'), { recursive: true });
  rmSync(join(building, 'pg'), { recursive: true, force: true });
  renameSync(join(building, 'ready-pg'), join(building, 'pg'));
  // Marker file last, then an atomic rename; a concurrent builder that lost the race just discards its copy.
  cpSync(join(building, 'pg', 'PG_VERSION'), join(building, 'ready'));
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

interface Launched {
  child: ChildProcess;
  ready: Promise<string>;
}

function launch(env: Record<string, string>): Launched {
  // `node --import tsx` (not the tsx CLI, which forks): one process, so kill() really kills the server.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
    cwd: serverDir,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.FRONTDESK_TEST_LOG) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, ready };
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill(signal);
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/healthz never answered`);
}

/**
 * Spawn the real server (tsx) on a free port with a fresh temp `DATA_DIR`, wait for `/healthz`, and return its
 * URL and seeded credentials. Deterministic seed: site key `test-site`, secret `test-secret-…`, agent
 * `agent@test.local` / `agent-password`, admin `admin@test.local` / `admin-password`.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
  const postgres = Boolean(options.env?.DATABASE_URL);
  if (!postgres) cpSync(join(await template(), 'pg'), join(dataDir, 'pg'), { recursive: true });
  const seed = {
    siteKey: 'test-site',
    siteSecret: `test-secret-${randomBytes(8).toString('hex')}`,
    agent: { email: 'agent@test.local', password: 'agent-password' },
    admin: { email: 'admin@test.local', password: 'admin-password' },
  };
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    // Never inherit a developer's DATABASE_URL: the embedded database unless the test asks otherwise.
    DATABASE_URL: '',
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    FRONTDESK_SEED: options.seed === false ? '0' : '1',
    // The demo's answer bot would answer every test chat: off unless a test asks for it.
    FRONTDESK_SEED_BOT: '0',
    FRONTDESK_SEED_SITE_KEY: seed.siteKey,
    FRONTDESK_SEED_SITE_SECRET: seed.siteSecret,
    FRONTDESK_SEED_AGENT_EMAIL: seed.agent.email,
    FRONTDESK_SEED_AGENT_PASSWORD: seed.agent.password,
    FRONTDESK_SEED_ADMIN_EMAIL: seed.admin.email,
    FRONTDESK_SEED_ADMIN_PASSWORD: seed.admin.password,
    ...options.env,
  };
  let proc = launch(env);
  const url = await proc.ready;
  await waitHealthy(url);
  // Restarts reuse the port so clients reconnect to the same URL.
  env.PORT = new URL(url).port;
  return {
    url,
    dataDir,
    ...seed,
    get pid() {
      return proc.child.pid ?? 0;
    },
    async stop() {
      await stopProcess(proc.child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await stopProcess(proc.child, 'SIGKILL');
    },
    async restart() {
      await stopProcess(proc.child, 'SIGTERM');
      proc = launch(env);
      await proc.ready;
      await waitHealthy(url);
    },
  };
}
