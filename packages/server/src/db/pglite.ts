import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Sql } from './database';

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

/** Open (creating when missing) the embedded PostgreSQL in `<dataDir>/pg`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'PG_VERSION'))) initInChildProcess(dir);
  const db = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...START_PARAMS] });
  return {
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>) {
      return db.transaction((tx) =>
        fn({
          query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
        }),
      );
    },
    async exec(script) {
      await db.exec(script);
    },
    async listen(channel, listener) {
      const stop = await db.listen(channel, listener);
      return () => stop();
    },
    async notify(channel, payload) {
      await db.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => db.close(),
  };
}
