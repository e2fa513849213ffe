import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the storage tests use (`TEST_DATABASE_URL`, else the local test server). */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://frontdesk:frontdesk@127.0.0.1:5432/frontdesk';

/**
 * Is the test PostgreSQL reachable? When it is not, tests skip with a visible message, except under CI (`CI` set),
 * where an unreachable database fails the run instead of silently testing less.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI)
      throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is unreachable under CI: ${reason}`);
    console.warn(
      `\n⚠ SKIPPING PostgreSQL tests: ${TEST_DATABASE_URL} is unreachable (${reason}). Run \`pnpm services\`.\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one test run. */
export function freshSchema(): string {
  return `fd_test_${randomBytes(6).toString('hex')}`;
}

/** Drop a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Redis for the tests that need it (`TEST_REDIS_URL`, else the local one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Is Redis reachable? Under CI it must be (an error); elsewhere the caller's `what` is skipped with a warning. */
export async function redisAvailable(what: string): Promise<boolean> {
  const { createClient } = await import('redis');
  const client = createClient({
    url: TEST_REDIS_URL,
    socket: { connectTimeout: 2000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`Redis at ${TEST_REDIS_URL} is unreachable under CI`);
    console.warn(`\n⚠ SKIPPING ${what}: ${TEST_REDIS_URL} is unreachable (${String(error)}).\n`);
    return false;
  }
}
