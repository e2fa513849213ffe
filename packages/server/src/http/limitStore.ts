import { createHash } from 'node:crypto';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
} from 'rate-limiter-flexible';
import type { Database } from '../db/database';

/**
 * Where the counters of rate limits and login delays live, so that every node counts the same hits: Redis when
 * `REDIS_URL` is set, else PostgreSQL when the database is PostgreSQL (table `rate_limits`), else this process's
 * memory (the embedded database runs one node). Counting is done by rate-limiter-flexible.
 */
export interface LimitStore {
  readonly kind: 'redis' | 'postgres' | 'memory';
  /** A counter of at most `points` per `durationSec` (a fixed window from the first hit), named `name`. */
  limiter(name: string, points: number, durationSec: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Settings of {@link openLimitStore}. */
export interface LimitStoreOptions {
  redisUrl?: string | null;
  db: Database;
  /** Keeps deployments (or test runs) sharing one Redis apart: their schema name. */
  namespace: string;
}

export async function openLimitStore(options: LimitStoreOptions): Promise<LimitStore> {
  const prefix = (name: string) => `frontdesk:${options.namespace}:${name}`;
  // While the shared store is unreachable, each node counts alone rather than refusing or waving everyone through.
  const insurance = (name: string, points: number, duration: number) =>
    new RateLimiterMemory({ keyPrefix: prefix(name), points, duration });
  if (options.redisUrl) {
    const { createClient } = await import('redis');
    const client = createClient({ url: options.redisUrl });
    // Connection errors are retried by the client; without a listener they would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return {
      kind: 'redis',
      limiter: (name, points, duration) =>
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          keyPrefix: prefix(name),
          points,
          duration,
          insuranceLimiter: insurance(name, points, duration),
        }),
      async close() {
        await client.quit().catch(() => undefined);
      },
    };
  }
  if (options.db.kind === 'postgres') {
    const db = options.db;
    // The library speaks to a pg pool; this adapter sends its statements through the server's own pool.
    const pool = {
      async query(q: { text: string; values?: unknown[] }) {
        const rows = await db.query(q.text, q.values ?? []);
        return { rows, rowCount: rows.length };
      },
    };
    return {
      kind: 'postgres',
      limiter: (name, points, duration) =>
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          tableCreated: true,
          keyPrefix: prefix(name),
          points,
          duration,
          insuranceLimiter: insurance(name, points, duration),
        }),
      async close() {},
    };
  }
  return {
    kind: 'memory',
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: prefix(name), points, duration }),
    async close() {},
  };
}

/** A key the stores accept (PostgreSQL's column holds 255 characters): long ones (emails) are hashed. */
export function limitKey(key: string): string {
  return key.length <= 100 ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;
}
