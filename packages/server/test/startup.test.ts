import { randomBytes } from 'node:crypto';
import { migrate, openDatabase } from '@frontdesk/server';
import { type SpawnedServer, spawnServer, startServer, testSeed } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

async function get(url: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function loginStatus(url: string, who: { email: string; password: string }): Promise<number> {
  const response = await fetch(`${url}/v1/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  await response.arrayBuffer();
  return response.status;
}

async function waitFor(what: string, test: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A direct connection into the test schema, for what the test itself does to the database. */
async function sql(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

describe('readiness', () => {
  it('answers /healthz (alive) and /readyz (set-up done, database writable) on the embedded database', async () => {
    const server = await startServer();
    try {
      expect(await get(server.url, '/healthz')).toEqual({
        status: 200,
        body: { ok: true, database: 'pglite' },
      });
      expect(await get(server.url, '/readyz')).toEqual({
        status: 200,
        body: {
          ready: true,
          checks: {
            setup: 'ok',
            database: 'ok',
            redis: 'not configured',
            draining: false,
            // Informative only: a server without SMTP is still ready.
            email: 'not configured (SMTP_URL is unset): no email is sent',
          },
        },
      });
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe.skipIf(!hasPostgres)('safe start on PostgreSQL', () => {
  const schemas: string[] = [];
  const spawned: SpawnedServer[] = [];
  const env = (schema: string) => ({
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    FRONTDESK_SEED_SITE_SECRET: 'test-secret-startup',
  });
  const spawn = (schema: string) => {
    const server = spawnServer({ env: env(schema) });
    spawned.push(server);
    return server;
  };
  const schema = () => {
    const name = freshSchema();
    schemas.push(name);
    return name;
  };
  afterAll(async () => {
    await Promise.all(spawned.map((s) => s.kill('SIGTERM')));
    for (const name of schemas) await dropSchema(name);
  });

  it('a node starting while another migrates is alive but not ready, then serves once the lock is free', async () => {
    const name = schema();
    const other = await sql('public');
    try {
      // Another node in the middle of migrating: it holds the migration lock of this schema.
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(hashtext($1))', [`frontdesk:migrate:${name}`]);
      const node = spawn(name);
      const url = await node.bound;
      expect((await get(url, '/healthz')).status).toBe(200);
      const waiting = await get(url, '/readyz');
      expect(waiting.status).toBe(503);
      expect(waiting.body).toMatchObject({
        ready: false,
        checks: { setup: expect.stringMatching(/running/) },
      });
      const api = await fetch(`${url}/v1/config`, { headers: { 'x-frontdesk-site': testSeed.siteKey } });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('1');
      expect(await api.json()).toMatchObject({ error: { code: 'network' } });
      await other.query('commit');
      await node.ready;
      expect((await get(url, '/readyz')).status).toBe(200);
      expect(await loginStatus(url, testSeed.admin)).toBe(200);
    } finally {
      await other.end();
    }
  }, 90_000);

  it('a kill inside the first seed leaves an instance that seeds completely on the next start', async () => {
    const name = schema();
    const db = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema: name, dataDir: '/nonexistent' });
    await migrate(db);
    await db.close();
    const blocker = await sql(name);
    const watcher = await sql('public');
    try {
      // An uncommitted account with the admin's email: the seed stops on it after the site, its articles and
      // the agent, and waits there until the node is killed.
      await blocker.query('begin');
      await blocker.query(
        "insert into agents (id, email, name, role, password_hash) values ('ag_blocker', $1, 'x', 'admin', 'x')",
        [testSeed.admin.email],
      );
      const first = spawn(name);
      await first.bound;
      await waitFor('the seed to wait on the admin row', async () => {
        const rows = await watcher.query(
          `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into agents%'
             and pid in (select pid from pg_locks where not granted)`,
        );
        return rows.rowCount! > 0;
      });
      await first.kill('SIGKILL');
      await blocker.query('rollback');
      const second = spawn(name);
      const url = await second.ready;
      expect(await loginStatus(url, testSeed.admin)).toBe(200);
      expect(await loginStatus(url, testSeed.agent)).toBe(200);
      const sites = await blocker.query('select key from sites');
      expect(sites.rows).toEqual([{ key: testSeed.siteKey }]);
      const article = await fetch(`${url}/v1/help/articles/art-delivery`, {
        headers: { 'x-frontdesk-site': testSeed.siteKey },
      });
      expect(article.status).toBe(200);
    } finally {
      await blocker.end();
      await watcher.end();
    }
  }, 90_000);

  it('three nodes started at once on an empty database all serve, with one site and one seed', async () => {
    const name = schema();
    const nodes = [spawn(name), spawn(name), spawn(name)];
    const urls = await Promise.all(nodes.map((n) => n.ready));
    for (const url of urls) {
      expect((await get(url, '/readyz')).status).toBe(200);
      expect(await loginStatus(url, testSeed.agent)).toBe(200);
    }
    const client = await sql(name);
    try {
      expect((await client.query('select count(*)::int as n from sites')).rows[0].n).toBe(1);
      expect((await client.query('select count(*)::int as n from agents')).rows[0].n).toBe(2);
      expect(
        (await client.query('select count(*)::int as n from schema_migrations')).rows[0].n,
      ).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('is not ready while the database refuses writes, and ready again once it accepts them', async () => {
    const name = schema();
    const node = spawn(name);
    const url = await node.ready;
    expect((await get(url, '/readyz')).status).toBe(200);
    const client = await sql(name);
    try {
      // What a full disk looks like to the server: every write fails with disk_full.
      await client.query(`create function refuse_writes() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$`);
      await client.query(
        'create trigger refuse before insert or update on settings for each row execute function refuse_writes()',
      );
      const refused = await get(url, '/readyz');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({
        ready: false,
        checks: { setup: 'ok', database: expect.stringMatching(/refuses writes: .*No space left/) },
      });
      await client.query('drop trigger refuse on settings');
      expect((await get(url, '/readyz')).status).toBe(200);
    } finally {
      await client.end();
    }
  }, 90_000);
});
