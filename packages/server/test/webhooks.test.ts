import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

interface Received {
  event: string;
  body: string;
  signature: string;
}

let server: TestServer;
let receiver: Server;
let hookUrl = '';
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      received.push({
        event: String(req.headers['x-frontdesk-event']),
        body,
        signature: String(req.headers['x-frontdesk-signature']),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startServer({ env: { WEBHOOK_RETRY_MS: '100', WEBHOOK_DEV_HOSTS: '127.0.0.1' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

async function until(test: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline)
      throw new Error(`timed out; received ${JSON.stringify(received.map((r) => r.event))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks', () => {
  it('delivers signed events, retries failures with backoff and logs every delivery', async () => {
    const admin = await login(server, 'admin');
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const events = [
      'conversation.created',
      'message.created',
      'conversation.resolved',
      'ticket.created',
      'rating.submitted',
    ];
    const config = { ...current.body.config, webhooks: [{ url: hookUrl, events }] };
    expect(
      (await request(server, 'POST', '/v1/admin/config', { site: null, token: admin, body: { config } }))
        .status,
    ).toBe(201);

    failuresLeft = 2;
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'hook me');
    const agent = await login(server);
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      site: null,
      token: agent,
      body: { status: 'resolved' },
    });
    await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
      token: v.token,
      body: { clientId: cid(), csat: 5 },
    });
    await request(server, 'POST', '/v1/forms/question/submissions', {
      token: v.token,
      body: {
        clientId: cid(),
        formId: 'question',
        values: { email: 'a@example.com', topic: 'other', message: 'hi' },
      },
    });
    await until(() => new Set(received.map((r) => r.event)).size === 5);
    for (const delivery of received) {
      const [t, v1] = delivery.signature.split(',').map((part) => part.split('=')[1]);
      const expected = createHmac('sha256', server.siteSecret).update(`${t}.${delivery.body}`).digest('hex');
      expect(v1).toBe(expected);
    }
    const message = received.find((r) => r.event === 'message.created' && r.body.includes('hook me'));
    expect(JSON.parse(message!.body)).toMatchObject({ event: 'message.created', siteKey: server.siteKey });
    const log = await request(server, 'GET', '/v1/admin/webhooks/deliveries', { site: null, token: admin });
    expect(
      log.body.some((d: { attempts: number; status: string }) => d.attempts > 1 && d.status === 'delivered'),
    ).toBe(true);
  }, 60_000);
});
