import pg from 'pg';
import type { Database, Sql } from './database';

// Keep timestamps and counts in the shapes PGlite returns: Date for timestamptz, numbers for int8.
pg.types.setTypeParser(20, (value) => Number(value));

/** Connect to a PostgreSQL server. `schema` (created when missing) isolates a test run. */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  // Named so operators (and the fault tests) can tell Frontdesk's connections apart in pg_stat_activity.
  const name = `frontdesk/${schema ?? 'public'}`.slice(0, 63);
  // TCP keep-alive: a connection silently gone (a NAT, a failover) is noticed, not waited on until the OS gives up.
  const options: pg.PoolConfig = { connectionString: url, max: 10, application_name: name, keepAlive: true };
  if (schema) options.options = `-c search_path=${schema}`;
  const pool = new pg.Pool(options);
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  if (schema) await createSchema(pool, schema.replace(/"/g, ''));
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const reconnected = new Set<() => void>();

  let closing = false;
  let connecting: Promise<void> | null = null;
  // One dedicated connection LISTENs on every channel. When it drops, it reconnects (retrying every second while
  // the database is away) and listens again; notifications sent meanwhile are lost, so the `onReconnect`
  // callbacks then tell every subscriber to catch up from storage.
  const connectListener = (again: boolean): Promise<void> => {
    connecting ??= (async () => {
      for (;;) {
        if (closing || handlers.size === 0) return;
        const client = new pg.Client({
          connectionString: url,
          application_name: `${name}/listen`.slice(0, 63),
          ...(schema ? { options: `-c search_path=${schema}` } : {}),
        });
        let lost = false;
        const onLost = () => {
          if (lost) return;
          lost = true;
          void client.end().catch(() => undefined);
          if (listener === client) listener = null;
          if (!closing) setTimeout(() => void connectListener(true), 1000).unref();
        };
        client.on('error', onLost);
        client.on('end', onLost);
        client.on('notification', (msg) => {
          for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
        });
        try {
          await client.connect();
          for (const channel of handlers.keys()) await client.query(`listen "${channel.replace(/"/g, '')}"`);
        } catch (error) {
          lost = true;
          await client.end().catch(() => undefined);
          if (!again) throw error;
          await new Promise((r) => setTimeout(r, 1000).unref());
          continue;
        }
        listener = client;
        if (again) for (const callback of reconnected) callback();
        return;
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
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
    async listen(channel, fn, onReconnect) {
      let set = handlers.get(channel);
      const isNew = !set;
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(fn);
      if (onReconnect) reconnected.add(onReconnect);
      // A new listener connection listens on every known channel; an existing one learns the new channel.
      if (!listener) await connectListener(false);
      else if (isNew) await listener.query(`listen "${channel.replace(/"/g, '')}"`);
      return async () => {
        set.delete(fn);
        if (onReconnect) reconnected.delete(onReconnect);
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closing = true;
      await listener?.end().catch(() => undefined);
      listener = null;
      await pool.end();
    },
  };
}

// Nodes starting together on an empty database would race on `create schema`: take turns under a lock.
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('frontdesk:schema:' || $1))", [schema]);
    await client.query(`create schema if not exists "${schema}"`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
