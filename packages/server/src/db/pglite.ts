import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database, Sql } from './database';
import type { WorkerError, WorkerOptions, WorkerReply, WorkerRequest } from './pgliteWorker';

/**
 * Memory settings of the embedded database. Its WebAssembly memory only grows, so what PostgreSQL touches once
 * stays resident: a small buffer cache (the OS still caches the files) keeps an idle server near 0.3 GB of RSS
 * instead of 0.4 (see docs/install.md for the figures).
 */
const START_PARAMS = ['-c', 'shared_buffers=16MB', '-c', 'temp_buffers=1MB', '-c', 'work_mem=2MB'];

/**
 * Create the database files in a short-lived child process: initdb grows the WebAssembly memory to about
 * 0.9 GB, which a process can never give back, so doing it here would keep a first start at that size.
 */
function initInChildProcess(dir: string): void {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)});
const db = await PGlite.create(${JSON.stringify(dir)});
await db.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Rebuild an error the worker sent as data, with its PostgreSQL fields (`code`, `constraint`, …). */
function fromWorker(fields: WorkerError): Error {
  const { message, stack: _stack, ...rest } = fields;
  return Object.assign(new Error(message), rest);
}

// Run from the source (tsx), the worker is a .ts file; Node 20 does not apply `--import tsx` to worker threads,
// so a small bootstrap registers tsx's loader in the worker first.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

function startWorker(options: WorkerOptions): Worker {
  const file = new URL(`./pgliteWorker${ext}`, import.meta.url);
  if (ext === '.js') return new Worker(file, { workerData: options });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

/**
 * Open (creating when missing) the embedded PostgreSQL in `<dataDir>/pg`. It runs in a worker thread: PGlite
 * executes every statement synchronously in WebAssembly, and on the main thread that time (most of the server's
 * CPU under load) would hold up every HTTP request and WebSocket frame.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'PG_VERSION'))) initInChildProcess(dir);
  const worker = startWorker({ dir, startParams: START_PARAMS });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let nextId = 1;
  let nextTx = 1;
  let failure: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: WorkerReply) => {
    if ('notify' in reply) {
      for (const listener of listeners.get(reply.notify) ?? []) listener(reply.payload);
      return;
    }
    const call = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) call?.resolve(reply.value);
    else call?.reject(fromWorker(reply.error));
  });
  const lost = new Set<(error: Error) => void>();
  let closing = false;
  // The worker died (out of memory, a WebAssembly abort, a crash in PGlite): fail what waits and every later
  // call, and tell the server, which cannot serve without its database.
  // While closing, what still waits fails too (a close that never answers would hang the server's stop), but the
  // server is not told: it is stopping anyway.
  const fail = (why: string, cause?: Error) => {
    if (failure) return;
    failure = new Error(`The embedded database stopped: its worker thread ${why}.`, { cause });
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
    if (!closing) for (const listener of lost) listener(failure);
  };
  worker.on('error', (error) => fail(`failed (${error.message})`, error));
  worker.on('exit', (code) => fail(`exited with code ${code}`));
  // Test-only (docs/server.md): SIGUSR2 makes the worker throw, as a crash in PGlite would.
  const crash = () => worker.postMessage({ id: -1, op: 'crash' } satisfies WorkerRequest);
  if (process.env.FRONTDESK_TEST_HOOKS === '1') process.on('SIGUSR2', crash);
  worker.once('exit', () => process.off('SIGUSR2', crash));

  const call = <T>(request: WorkerRequest): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      // Like a socket with a request in flight, the worker keeps the process alive only while it owes an answer.
      if (pending.size === 0) worker.ref();
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(request);
    });
  };
  const query = <T>(text: string, params: unknown[] = [], tx?: number) =>
    call<T[]>({ id: nextId++, op: 'query', text, params, tx });

  await ready;
  return {
    kind: 'pglite',
    query,
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const tx = nextTx++;
      await call({ id: nextId++, op: 'begin', tx });
      let result: T;
      try {
        result = await fn({ query: <R>(text: string, params?: unknown[]) => query<R>(text, params, tx) });
      } catch (error) {
        await call({ id: nextId++, op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ id: nextId++, op: 'end', tx, commit: true });
      return result;
    },
    async exec(script) {
      await call({ id: nextId++, op: 'exec', script });
    },
    async listen(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await call({ id: nextId++, op: 'listen', channel });
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size > 0 || listeners.get(channel) !== set) return;
        listeners.delete(channel);
        await call({ id: nextId++, op: 'unlisten', channel });
      };
    },
    async notify(channel, payload) {
      await query('select pg_notify($1, $2)', [channel, payload]);
    },
    onLost(listener) {
      lost.add(listener);
      return () => lost.delete(listener);
    },
    async close() {
      if (failure) return;
      closing = true;
      // The worker may die while closing: then the close has failed, and nothing is left to close.
      await call({ id: nextId++, op: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
