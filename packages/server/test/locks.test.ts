import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// Concurrent writers on real PostgreSQL: creating conversations and replying (visitor and agent) take the same
// counter row locks; taken in two orders, PostgreSQL aborted one side as a deadlock and the API answered 500.
describe.skipIf(!hasPostgres)('lock order on PostgreSQL', () => {
  const schema = freshSchema();
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      env: {
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
        RATE_LIMIT_VISITOR: '0',
        RATE_LIMIT_IP: '0',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await dropSchema(schema);
  });

  it('answers every concurrent create, reply and agent reply of one visitor without a 500', async () => {
    const v = await visitor(server);
    const agent = await login(server);
    const { conversation: conv } = await conversation(server, v.token, 'first');
    const statuses: number[] = [];
    const rounds = 25;
    const creator = async () => {
      for (let i = 0; i < rounds; i++) {
        const reply = await request(server, 'POST', '/v1/conversations', {
          token: v.token,
          body: { clientId: cid('conv'), message: { clientId: cid('msg'), text: `new ${i}` } },
        });
        statuses.push(reply.status);
      }
    };
    const replier = async () => {
      for (let i = 0; i < rounds; i++) {
        const reply = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
          token: v.token,
          body: { clientId: cid(), text: `reply ${i}` },
        });
        statuses.push(reply.status);
      }
    };
    const agentReplier = async () => {
      for (let i = 0; i < rounds; i++) {
        const reply = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
          site: null,
          token: agent,
          body: { clientId: cid(), text: `agent ${i}` },
        });
        statuses.push(reply.status);
      }
    };
    await Promise.all([creator(), creator(), creator(), replier(), replier(), agentReplier()]);
    expect(statuses.length).toBe(6 * rounds);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    // Every write is in the visitor's stream exactly once, in seq order with no gap.
    const events = await request(server, 'GET', '/v1/events?after=0&limit=500', { token: v.token });
    const seqs = events.body.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(events.body.events.filter((e: { type: string }) => e.type === 'message.created').length).toBe(
      1 + 6 * rounds,
    );
  }, 120_000);
});
