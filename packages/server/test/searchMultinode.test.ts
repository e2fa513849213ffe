import { randomBytes } from 'node:crypto';
import type { SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// Two server processes on one PostgreSQL database: each keeps its own in-memory search index, and an article
// changed on one must be found (or no longer found) on the other, told through LISTEN/NOTIFY.
describe.skipIf(!hasPostgres)('help search on several nodes (PostgreSQL)', () => {
  const schema = freshSchema();
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    SEARCH_RECHECK_MS: '300',
  };
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startServer({ env });
    b = await startServer({ env: { ...env, FRONTDESK_SEED_SITE_SECRET: a.siteSecret } });
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dropSchema(schema);
  });

  const slugsOn = async (server: TestServer, q: string) =>
    (
      await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=en`)
    ).body.map((h) => h.slug);

  it('finds on node B an article published on node A, sees its edit, and forgets it when A deletes it', async () => {
    // Node B has built its index before the change (a search reads only memory afterwards).
    expect(await slugsOn(b, 'snorkel')).toEqual([]);
    const token = await login(a, 'admin');
    const put = (body: unknown) =>
      request(a, 'PUT', '/v1/admin/articles/art-snorkel', { site: null, token, body });
    const article = {
      slug: 'snorkel-rental',
      status: 'published',
      translations: { en: { title: 'Snorkel rental', body: 'Rent a snorkel at the front desk.' } },
    };
    expect((await put(article)).status).toBe(200);
    expect(await slugsOn(a, 'snorkel')).toEqual(['snorkel-rental']);
    await expect.poll(() => slugsOn(b, 'snorkel'), { timeout: 10_000 }).toEqual(['snorkel-rental']);

    await put({ ...article, translations: { en: { title: 'Flipper rental', body: 'Rent flippers here.' } } });
    await expect.poll(() => slugsOn(b, 'flippers'), { timeout: 10_000 }).toEqual(['snorkel-rental']);
    expect(await slugsOn(b, 'snorkel')).toEqual([]);

    expect((await request(a, 'DELETE', '/v1/admin/articles/art-snorkel', { site: null, token })).status).toBe(
      204,
    );
    await expect.poll(() => slugsOn(b, 'flippers'), { timeout: 10_000 }).toEqual([]);
  });

  it('catches up with a change whose notice it never got (written straight to the database)', async () => {
    expect(await slugsOn(b, 'hammock')).toEqual([]);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const [site] = (await client.query(`select id from "${schema}".sites limit 1`)).rows;
      await client.query(
        `insert into "${schema}".articles (id, site_id, slug, status, translations) values ($1, $2, $3, 'published', $4)`,
        [
          'art-hammock',
          site.id,
          'hammock',
          JSON.stringify({ en: { title: 'Hammock hire', body: 'Ask at reception.' } }),
        ],
      );
    } finally {
      await client.end();
    }
    await expect.poll(() => slugsOn(b, 'hammock'), { timeout: 10_000 }).toEqual(['hammock']);
    await expect.poll(() => slugsOn(a, 'hammock'), { timeout: 10_000 }).toEqual(['hammock']);
  });
});
