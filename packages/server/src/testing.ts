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
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Next to this file: src/*.ts in the repo (run through tsx), dist/*.js when installed from the registry (plain node).
const here = dirname(fileURLToPath(import.meta.url));
const serverDir = resolve(here, '..');
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const cli = join(here, `cli${ext}`);
const nodeArgs = ext === '.ts' ? ['--import', 'tsx', cli] : [cli];

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Extra environment variables for the server process (e.g. `RATE_LIMIT_VISITOR`, `DATABASE_URL`). */
  env?: Record<string, string>;
  /** Seed the demo site, agent and admin (default true). */
  seed?: boolean;
  /** Extra Node.js flags for the server process, e.g. `['--cpu-prof']` (flags NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
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
  const text = readFileSync(join(here, `db/migrations${ext}`), 'utf8');
  // A data folder only opens with the PGlite version that wrote it. Resolved as Node does (npm hoists it, pnpm
  // nests it), from its entry point since its exports hide package.json.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglite = readFileSync(
    join(
      pgliteEntry.slice(0, pgliteEntry.lastIndexOf('node_modules')),
      'node_modules/@electric-sql/pglite/package.json',
    ),
    'utf8',
  );
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
  /** The URL, once the port is bound (before migrations and seeding). */
  bound: Promise<string>;
  /** The URL, once set-up is done. */
  ready: Promise<string>;
  output(): string;
}

function launch(env: Record<string, string>, flags: string[] = []): Launched {
  // `node --import tsx` (not the tsx CLI, which forks): one process, so kill() really kills the server.
  const child = spawn(process.execPath, [...flags, ...nodeArgs, 'start'], {
    cwd: serverDir,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watch = (pattern: RegExp) =>
    new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
      const onData = () => {
        const match = pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code ?? signal} before it was ready:\n${output}`));
      });
    });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.FRONTDESK_TEST_LOG) process.stderr.write(chunk);
  });
  const bound = watch(/bound to (http:\/\/[^\s:]+:\d+)/);
  const ready = watch(/listening on (http:\/\/\S+)/);
  // Whoever waits for one only must not see the other's rejection as unhandled.
  bound.catch(() => undefined);
  ready.catch(() => undefined);
  return { child, bound, ready, output: () => output };
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
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/readyz never answered 200`);
}

/**
 * Spawn the real server (tsx) on a free port with a fresh temp `DATA_DIR`, wait until it is ready, and return its
 * URL and seeded credentials (`/readyz` answered 200). Deterministic seed: site key `test-site`, secret `test-secret-…`, agent
 * `agent@test.local` / `agent-password`, admin `admin@test.local` / `admin-password`.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
  const postgres = Boolean(options.env?.DATABASE_URL);
  if (!postgres) cpSync(join(await template(), 'pg'), join(dataDir, 'pg'), { recursive: true });
  const { seed, env } = testEnv(dataDir, options);
  let proc = launch(env, options.nodeArgs);
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
      proc = launch(env, options.nodeArgs);
      await proc.ready;
      await waitHealthy(url);
    },
  };
}

const TEST_SEED = {
  siteKey: 'test-site',
  agent: { email: 'agent@test.local', password: 'agent-password' },
  admin: { email: 'admin@test.local', password: 'admin-password' },
};

function testEnv(dataDir: string, options: StartServerOptions) {
  const seed = { ...TEST_SEED, siteSecret: `test-secret-${randomBytes(8).toString('hex')}` };
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    // Never inherit a developer's DATABASE_URL: the embedded database unless the test asks otherwise.
    DATABASE_URL: '',
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    FRONTDESK_SEED: options.seed === false ? '0' : '1',
    // The demo's answer bot would answer every test chat: off unless a test asks for it.
    FRONTDESK_SEED_BOT: '0',
    // Demo conversations and reviews would show in every test's inbox: off unless a test asks for them.
    FRONTDESK_SEED_REVIEWS: '0',
    FRONTDESK_SEED_SITE_KEY: seed.siteKey,
    FRONTDESK_SEED_SITE_SECRET: seed.siteSecret,
    FRONTDESK_SEED_AGENT_EMAIL: seed.agent.email,
    FRONTDESK_SEED_AGENT_PASSWORD: seed.agent.password,
    FRONTDESK_SEED_ADMIN_EMAIL: seed.admin.email,
    FRONTDESK_SEED_ADMIN_PASSWORD: seed.admin.password,
    ...options.env,
  };
  return { seed, env };
}

/** A server process started by {@link spawnServer}, observed through its start-up. */
export interface SpawnedServer {
  /** Resolves with the URL once the port is bound: `/healthz` answers, `/readyz` is 503 until set-up is done. */
  bound: Promise<string>;
  /** Resolves with the URL once migrations and seeding are done (rejects if the process exits first). */
  ready: Promise<string>;
  /** Process id. */
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once the process exited. */
  exited: Promise<number | null>;
  /** Stop it (SIGKILL by default) and wait for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Spawn the real server without waiting for it (start-up fault tests: kill it mid set-up, start several at once).
 * Usually with `env.DATABASE_URL` set; otherwise a fresh embedded database in a temp folder. Seeded with the same
 * credentials as {@link startServer} (`TEST_SEED`, the site secret from `env.FRONTDESK_SEED_SITE_SECRET`).
 */
export function spawnServer(options: StartServerOptions = {}): SpawnedServer {
  const dataDir = options.env?.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
  const { env } = testEnv(dataDir, options);
  const proc = launch(env);
  return {
    bound: proc.bound,
    ready: proc.ready,
    pid: proc.child.pid ?? 0,
    output: proc.output,
    exited: new Promise((resolveExit) => proc.child.once('exit', (code) => resolveExit(code))),
    kill: (signal = 'SIGKILL') => stopProcess(proc.child, signal),
  };
}

/** The credentials {@link startServer} and {@link spawnServer} seed (agent and admin logins, site key). */
export const testSeed = TEST_SEED;
