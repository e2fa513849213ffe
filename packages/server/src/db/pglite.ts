import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Sql } from './database';

/** Open (creating when missing) the embedded PostgreSQL in `<dataDir>/pg`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
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
