import { createHash, randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, request, visitor } from './helpers';
import {
  dropSchema,
  freshSchema,
  postgresAvailable,
  redisAvailable,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
} from './postgres';

// Nothing node-local (issue #11): two server processes on one PostgreSQL share uploads, rate limits and login
// delays, counted in PostgreSQL, or in Redis when REDIS_URL is set.

const hasPostgres = await postgresAvailable();
const REDIS_URL = TEST_REDIS_URL;
const hasRedis = await redisAvailable('the Redis limits test');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each([
  { limits: 'PostgreSQL', redis: false, skip: !hasPostgres },
  { limits: 'Redis', redis: true, skip: !hasPostgres || !hasRedis },
])('two nodes, limits counted in $limits', ({ redis, skip }) => {
  const schema = freshSchema();
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    TRUST_PROXY: '1',
    RATE_LIMIT_VISITOR: '6',
    RATE_LIMIT_LOGIN: '4',
    LOGIN_FREE_ATTEMPTS: '2',
    LOGIN_DELAY_MS: '2000',
    LOGIN_DELAY_MAX_MS: '4000',
    ...(redis ? { REDIS_URL } : {}),
  };
  let a: TestServer;
  let b: TestServer;
  // Each test signs in from its own addresses (the trusted proxy's X-Forwarded-For), so the per-address limit
  // of one test does not spill into the next.
  const signIn = (node: TestServer, email: string, password: string, address: string) =>
    request(node, 'POST', '/v1/agent/login', {
      site: null,
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

  const storedCounters = async (prefix: string): Promise<number> => {
    if (redis) {
      const { createClient } = await import('redis');
      const client = createClient({ url: REDIS_URL });
      await client.connect();
      try {
        return (await client.keys(`${prefix}*`)).length;
      } finally {
        await client.quit();
      }
    }
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const rows = await client.query(
        `select count(*)::int as n from "${schema}".rate_limits where key like $1`,
        [`${prefix}%`],
      );
      return rows.rows[0].n;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    if (skip) return;
    a = await startServer({ env });
    b = await startServer({ env: { ...env, FRONTDESK_SEED_SITE_SECRET: a.siteSecret } });
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    if (!skip) await dropSchema(schema);
  });

  it.skipIf(skip)('serves a file uploaded through node A from node B, byte for byte', async () => {
    const v = await visitor(a);
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'invoice.pdf');
    const uploaded = await fetch(`${a.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': a.siteKey, authorization: `Bearer ${v.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as { url: string };
    const download = await fetch(`${b.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe(String(bytes.byteLength));
    const back = new Uint8Array(await download.arrayBuffer());
    expect(back.byteLength).toBe(bytes.byteLength);
    expect(sha(back)).toBe(sha(bytes));
    // Erased on node B (the admin deletes the visitor): the bytes are gone for node A too.
    const admin = (await signIn(b, b.admin.email, b.admin.password, '192.0.2.50')).body.token as string;
    const erased = await request(b, 'DELETE', `/v1/admin/visitors/${v.visitor.id}`, {
      site: null,
      token: admin,
    });
    expect(erased.status).toBe(204);
    expect((await fetch(`${a.url}${url}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(
      404,
    );
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const id = url.split('/').pop();
      const left = await client.query(
        `select count(*)::int as n from "${schema}".upload_chunks where upload_id = $1`,
        [id],
      );
      expect(left.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it.skipIf(skip)(
    'allows a visitor N writes per minute across both nodes together, not N on each',
    async () => {
      const v = await visitor(a);
      const { conversation: conv } = await conversation(a, v.token); // write 1 of 6, on A
      const statuses = [];
      for (let i = 0; i < 8; i++) {
        const node = i % 2 === 0 ? b : a;
        const sent = await request(node, 'POST', `/v1/conversations/${conv.id}/messages`, {
          token: v.token,
          body: { clientId: cid(), text: `m${i}` },
        });
        statuses.push(sent.status);
        if (sent.status === 429) expect(Number(sent.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      const messages = await request(b, 'GET', `/v1/conversations/${conv.id}/messages`, { token: v.token });
      expect(messages.body).toHaveLength(6);
      // Counted where this variant says: Redis keys, or rows of the rate_limits table.
      expect(await storedCounters(`frontdesk:${schema}:visitor:`)).toBeGreaterThan(0);
    },
  );

  it.skipIf(skip)('counts failed sign-ins per address across both nodes', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const node = i % 2 === 0 ? a : b;
      statuses.push((await signIn(node, `nobody${i}@example.com`, 'guess', '203.0.113.9')).status);
    }
    // RATE_LIMIT_LOGIN=4: four failures in all, then refused on either node.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it.skipIf(skip)(
    'delays an account on every node after failures on both, then lets its owner in',
    async () => {
      const email = a.agent.email;
      const statuses = [];
      // Two free failures (one per node), then the account is delayed everywhere, from any address.
      statuses.push((await signIn(a, email, 'guess 1', '198.51.100.1')).status);
      statuses.push((await signIn(b, email, 'guess 2', '198.51.100.2')).status);
      statuses.push((await signIn(a, email, 'guess 3', '198.51.100.3')).status);
      const owner = await signIn(b, email, a.agent.password, '192.0.2.60');
      statuses.push(owner.status);
      expect(statuses).toEqual([401, 401, 429, 429]);
      const wait = Number(owner.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(4);
      let reply = owner;
      for (let i = 0; i < 5 && reply.status === 429; i++) {
        await sleep(Number(reply.headers.get('retry-after')) * 1000);
        reply = await signIn(b, email, a.agent.password, '192.0.2.60');
      }
      expect(reply.status).toBe(200);
      // The success cleared the account on node A as well: a wrong guess there is a plain 401 again.
      expect((await signIn(a, email, 'guess 4', '198.51.100.4')).status).toBe(401);
    },
  );
});
