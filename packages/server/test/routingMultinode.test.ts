import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// Two server processes on one PostgreSQL database assign at the same time: capacity must hold across them.
describe.skipIf(!hasPostgres)('automatic assignment on two nodes (PostgreSQL)', { timeout: 120_000 }, () => {
  const schema = freshSchema();
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    RATE_LIMIT_VISITOR: '0',
  };
  let a: TestServer;
  let b: TestServer;
  const agents: Array<{ id: string; token: string }> = [];

  beforeAll(async () => {
    a = await startServer({ env });
    const admin = await login(a, 'admin');
    const emails = [1, 2, 3].map((n) => `node-agent-${n}@test.local`);
    for (const email of emails) {
      const created = await request(a, 'POST', '/v1/admin/agents', {
        site: null,
        token: admin,
        body: { email, name: email, password: 'routing-password' },
      });
      const token = (
        await request(a, 'POST', '/v1/agent/login', {
          site: null,
          body: { email, password: 'routing-password' },
        })
      ).body.token as string;
      agents.push({ id: created.body.id, token });
    }
    const current = await request(a, 'GET', '/v1/admin/config', { site: null, token: admin });
    const pushed = await request(a, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: {
        config: {
          ...current.body.config,
          teams: [{ id: 'all', name: 'Everyone', agents: emails }],
          routing: { defaultTeam: 'all', capacity: 1 },
        },
      },
    });
    expect(pushed.status).toBe(201);
    // Started after the push, node B reads the config with the team from the database.
    b = await startServer({ env: { ...env, FRONTDESK_SEED_SITE_SECRET: a.siteSecret } });
    for (const agent of agents)
      await request(a, 'POST', '/v1/agent/presence', {
        site: null,
        token: agent.token,
        body: { status: 'online' },
      });
  }, 180_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    if (hasPostgres) await dropSchema(schema);
  });

  it('never gives an agent more than their capacity when both nodes assign at once', async () => {
    const chats = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const node = i % 2 === 0 ? a : b;
        const v = await visitor(node);
        return (await conversation(node, v.token, `question ${i}`)).conversation;
      }),
    );
    const view = async (node: TestServer, id: string) =>
      (await request(node, 'GET', `/v1/agent/conversations/${id}`, { site: null, token: agents[0]!.token }))
        .body.conversation as { assigneeId: string | null };
    const assignees = await Promise.all(chats.map(async (c) => (await view(a, c.id)).assigneeId));
    const given = assignees.filter((x): x is string => x !== null);
    expect(given.sort()).toEqual(agents.map((x) => x.id).sort());

    // One resolution on node B frees one place: exactly one more conversation is assigned, to that agent.
    const done = chats[assignees.indexOf(agents[1]!.id)]!;
    await request(b, 'POST', `/v1/agent/conversations/${done.id}/status`, {
      site: null,
      token: agents[1]!.token,
      body: { status: 'resolved' },
    });
    const after = await Promise.all(chats.map(async (c) => (await view(b, c.id)).assigneeId));
    const newly = chats.filter((_c, i) => assignees[i] === null && after[i] !== null);
    expect(newly).toHaveLength(1);
    expect(after[chats.indexOf(newly[0]!)]).toBe(agents[1]!.id);
  });
});
