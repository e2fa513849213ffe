import pg from 'pg';
import type { Database, Sql } from './database';

// Keep timestamps and counts in the shapes PGlite returns: Date for timestamptz, numbers for int8.
pg.types.setTypeParser(20, (value) => Number(value));

/** Connect to a PostgreSQL server. `schema` (created when missing) isolates a test run. */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  const options: pg.PoolConfig = { connectionString: url, max: 10 };
  if (schema) options.options = `-c search_path=${schema}`;
  const pool = new pg.Pool(options);
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  if (schema) await pool.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
  let listener: pg.PoolClient | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  let closing = false;
  // One dedicated connection LISTENs on every channel; when it drops, it reconnects and listens again.
  const connectListener = async (): Promise<void> => {
    if (listener || closing || handlers.size === 0) return;
    const client = await pool.connect();
    listener = client;
    client.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    client.on('error', () => {
      client.release(true);
      if (listener === client) listener = null;
      setTimeout(() => void connectListener().catch(() => undefined), 1000).unref();
    });
    for (const name of handlers.keys()) await client.query(`listen "${name.replace(/"/g, '')}"`);
  };

  return {
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <R>(text: string, params: unknown[] = []) =>
            (await client.query(text, params)).rows as R[],
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async listen(channel, fn) {
      let set = handlers.get(channel);
      const isNew = !set;
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(fn);
      // A new listener connection listens on every known channel; an existing one learns the new channel.
      if (!listener) await connectListener();
      else if (isNew) await listener.query(`listen "${channel.replace(/"/g, '')}"`);
      return async () => {
        set.delete(fn);
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closing = true;
      listener?.release();
      listener = null;
      await pool.end();
    },
  };
}
