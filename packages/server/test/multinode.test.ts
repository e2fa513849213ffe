import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, cid, conversation, login, request, visitor, visitorSocket } from './helpers';
import {
  dropSchema,
  freshSchema,
  postgresAvailable,
  redisAvailable,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
} from './postgres';

const hasPostgres = await postgresAvailable();
const REDIS_URL = TEST_REDIS_URL;
const hasRedis = await redisAvailable('the Redis fan-out test');

// Two server processes on one PostgreSQL database: realtime fan-out through LISTEN/NOTIFY, or through Redis.
describe.each([
  { transport: 'PostgreSQL LISTEN/NOTIFY', redis: false, skip: !hasPostgres },
  { transport: 'Redis pub/sub', redis: true, skip: !hasPostgres || !hasRedis },
])('several nodes, fan-out through $transport', ({ redis, skip }) => {
  const schema = freshSchema();
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    RATE_LIMIT_VISITOR: '0',
    ...(redis ? { REDIS_URL } : {}),
  };
  let a: TestServer;
  let b: TestServer;

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

  it.skipIf(skip)(
    'delivers a message sent to node A to realtime clients on node B, in order and once',
    async () => {
      const v = await visitor(a);
      const { conversation: conv } = await conversation(a, v.token, 'first');
      const onB = visitorSocket(b, v.token, 0);
      const agentOnB = agentSocket(b, await login(b), 0);
      await onB.until((f) => f.length >= 1);
      for (let i = 0; i < 10; i++)
        await request(a, 'POST', `/v1/conversations/${conv.id}/messages`, {
          token: v.token,
          body: { clientId: cid(), text: `a${i}` },
        });
      await onB.until(() => onB.events().length >= 12);
      expect(onB.events().map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      await agentOnB.until(() => agentOnB.events().filter((e) => e.type === 'message.created').length >= 11);
      const texts = agentOnB.events().flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
      expect(texts).toEqual(['first', ...Array.from({ length: 10 }, (_, i) => `a${i}`)]);
      // And back: an agent reply on B reaches the visitor's socket on A.
      const onA = visitorSocket(a, v.token, 12);
      await onA.until((f) => f.length >= 1);
      await request(b, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
        site: null,
        token: await login(b),
        body: { clientId: cid(), text: 'from B' },
      });
      await onA.until(() =>
        onA.events().some((e) => e.type === 'message.created' && e.message.text === 'from B'),
      );
      onA.close();
      onB.close();
      agentOnB.close();
    },
  );

  it.skipIf(skip)('serves a config pushed on node A from node B at once', async () => {
    expect((await request(b, 'GET', '/v1/config')).body.version).toBe(1);
    const admin = await login(a, 'admin');
    const current = await request(a, 'GET', '/v1/admin/config', { site: null, token: admin });
    const config = { ...current.body.config, name: 'Pushed on A' };
    const pushed = await request(a, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: { config },
    });
    expect(pushed.status).toBe(201);
    // Well under the 5 s cache lifetime: the push itself told node B.
    const deadline = Date.now() + 2000;
    let served = await request(b, 'GET', '/v1/config');
    while (served.body.version !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      served = await request(b, 'GET', '/v1/config');
    }
    expect(served.body).toMatchObject({ version: 2, config: { name: 'Pushed on A' } });
  });
});
