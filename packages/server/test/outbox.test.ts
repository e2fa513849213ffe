import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// Webhook deliveries are written in the transaction of the message (an outbox), so a crash between the commit
// and the delivery row cannot lose one: after SIGKILLs, every stored message still has its webhook.
describe.skipIf(!hasPostgres)('webhook outbox on PostgreSQL', () => {
  const schema = freshSchema();
  let server: TestServer;
  let receiver: Server;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startServer({
      env: {
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
        RATE_LIMIT_VISITOR: '0',
        RATE_LIMIT_IP: '0',
        // Webhooks to the loopback receiver are allowed only for hosts listed here (the outbound guard).
        WEBHOOK_DEV_HOSTS: '127.0.0.1',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => receiver.close(resolve));
    await dropSchema(schema);
  });

  it('keeps a webhook for every stored message across SIGKILLs right after the stores', async () => {
    const admin = await login(server, 'admin');
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const config = { ...current.body.config, webhooks: [{ url, events: ['message.created'] }] };
    const pushed = await request(server, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: { config },
    });
    expect(pushed.status).toBe(201);
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'first');
    for (let round = 0; round < 3; round++) {
      let acknowledged = 0;
      let sending = true;
      const writer = async () => {
        while (sending) {
          try {
            const reply = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
              token: v.token,
              body: { clientId: cid(), text: `round ${round}` },
            });
            if (reply.status === 201) acknowledged++;
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = [writer(), writer(), writer(), writer(), writer(), writer()];
      while (acknowledged < 15) await new Promise((r) => setTimeout(r, 5));
      await server.kill();
      sending = false;
      await Promise.all(writers);
      await server.restart();
    }
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      const stored = await client.query<{ id: string }>(
        "select id from messages where conversation_id = $1 and author_kind = 'visitor' order by seq",
        [conv.id],
      );
      const hooked = await client.query<{ id: string }>(
        "select payload->'data'->'message'->>'id' as id from webhook_deliveries where event = 'message.created'",
      );
      const withWebhook = new Set(hooked.rows.map((r) => r.id));
      expect(stored.rows.length).toBeGreaterThan(45);
      expect(stored.rows.filter((m) => !withWebhook.has(m.id))).toEqual([]);
      // Exactly one delivery per message.
      expect(hooked.rows.length).toBe(withWebhook.size);
    } finally {
      await client.end();
    }
  }, 120_000);
});
