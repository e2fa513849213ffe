import { Hono } from 'hono';
import type { Database } from '../db/database';
import type { Hub } from '../realtime/hub';

/** Where a server is in its life: set up (migrations and first seed) done, and draining on shutdown. */
export interface Lifecycle {
  /** True once migrations and the first seed are committed and every route is served. */
  ready: boolean;
  /** True once shutdown began: load balancers should stop sending new requests. */
  draining: boolean;
  /** The database, once opened. */
  db: Database | null;
  /** The bus between nodes, once connected. */
  hub: Hub | null;
  /** Whether `REDIS_URL` is set (then Redis must be reachable to be ready). */
  redis: boolean;
  /** `ok`, or why no email is sent (informative: a server without email is still ready). */
  email: string;
}

/** Readiness answer: each check is `ok` or says what is wrong. */
export interface Readiness {
  ready: boolean;
  checks: { setup: string; database: string; redis: string; draining: boolean; email: string };
}

const PROBE_TIMEOUT_MS = 5000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer in ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Check readiness: set-up finished, not draining, the database accepts a committed write (a full disk or a
 * read-only database fails here, not only at the next message), and Redis answers when configured.
 */
export async function readiness(state: Lifecycle): Promise<Readiness> {
  const checks: Readiness['checks'] = {
    setup: state.ready ? 'ok' : 'migrations and first seed still running',
    database: 'not checked',
    redis: state.redis ? 'not checked' : 'not configured',
    draining: state.draining,
    email: state.email,
  };
  if (state.ready && !state.draining && state.db) {
    const db = state.db;
    const hub = state.hub;
    const [database, redis] = await Promise.allSettled([
      within(
        db.query(
          "insert into settings (key, value) values ('readyz', now()::text) on conflict (key) do update set value = excluded.value",
        ),
        'the database',
      ),
      state.redis && hub ? within(hub.check(), 'Redis') : Promise.resolve(),
    ]);
    checks.database = database.status === 'fulfilled' ? 'ok' : `refuses writes: ${reason(database.reason)}`;
    if (state.redis)
      checks.redis = redis.status === 'fulfilled' ? 'ok' : `unreachable: ${reason(redis.reason)}`;
  }
  const ready =
    checks.setup === 'ok' &&
    !checks.draining &&
    checks.database === 'ok' &&
    (checks.redis === 'ok' || checks.redis === 'not configured');
  return { ready, checks };
}

/**
 * `/healthz`: the process is alive and serving HTTP (no dependency checked, so an orchestrator does not restart
 * a node only because the database is away). `/readyz`: 200 when it should receive traffic, else 503 with the
 * failing checks.
 */
export function healthRoutes(state: Lifecycle): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true, database: state.db?.kind ?? null }));
  app.get('/readyz', async (c) => {
    const result = await readiness(state);
    c.header('cache-control', 'no-store');
    return c.json(result, result.ready ? 200 : 503);
  });
  return app;
}
