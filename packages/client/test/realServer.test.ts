import { createHmac } from 'node:crypto';
import { createClient, memoryStorage } from '@frontdesk/client';
import { runConformance } from '@frontdesk/client/conformance';
import { httpBackend } from '@frontdesk/client/http';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { agentApi } from '../e2e/support/agent';
import { until } from './helpers';

// The real reference server (spawned, seeded demo site): the httpBackend must pass the same contract there.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' } });
}, 120_000);
afterAll(() => server?.stop());

const make = (realtime: 'auto' | 'poll') => () =>
  httpBackend({ url: server.url, siteKey: server.siteKey, WebSocket: WebSocket as never, realtime });
runConformance({ describe, it }, make('auto'), 'httpBackend conformance (real server, WebSocket)');
runConformance({ describe, it }, make('poll'), 'httpBackend conformance (real server, long-poll)');

describe('createClient against the real server', () => {
  it('starts, sends and survives a server restart without losing or doubling messages', async () => {
    const client = createClient({
      backend: make('auto')(),
      storage: memoryStorage(),
      tabs: false,
      reconnect: { min: 50, max: 500 },
    });
    try {
      await until(client, () => client.status.value === 'online', 'online', 20_000);
      const conversation = client.startConversation({ text: 'before restart' });
      await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
      await server.restart();
      for (let i = 0; i < 5; i++) client.sendMessage(conversation.clientId, `after ${i}`);
      await until(
        client,
        () =>
          client.conversations.value[0]!.messages.filter(
            (m) => m.author.kind === 'visitor' && m.status !== 'sending',
          ).length === 6,
        'all sent after restart',
        30_000,
      );
      const mine = client.conversations.value[0]!.messages.filter((m) => m.author.kind === 'visitor');
      expect(mine.map((m) => m.text)).toEqual([
        'before restart',
        ...[0, 1, 2, 3, 4].map((i) => `after ${i}`),
      ]);
      expect(mine.every((m) => m.status === 'sent')).toBe(true);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it('on long polling, shows the team typing (the poll answers with it)', async () => {
    const client = createClient({ backend: make('poll')(), storage: memoryStorage(), tabs: false });
    try {
      await until(client, () => client.status.value === 'online', 'online', 20_000);
      const conversation = client.startConversation({ text: 'polling' });
      await until(client, () => Boolean(client.conversations.value[0]?.id), 'stored');
      const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
      const login = await fetch(`${server.url}/v1/agent/login`, {
        method: 'POST',
        headers,
        body: JSON.stringify(server.agent),
      });
      const { token } = (await login.json()) as { token: string };
      // Sent again while it is not shown: the first may come before the client's poll waits.
      const shown = () => client.typing.value.some((t) => t.conversation === conversation.clientId);
      for (let i = 0; i < 20 && !shown(); i++) {
        await fetch(`${server.url}/v1/agent/conversations/${client.conversations.value[0]!.id}/typing`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${token}` },
          body: JSON.stringify({ typing: true }),
        });
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(shown()).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('identify brings the history of a user to another device; reset forgets it', async () => {
    const userHash = createHmac('sha256', server.siteSecret).update('user-7').digest('hex');
    const laptop = createClient({ backend: make('auto')(), storage: memoryStorage(), tabs: false });
    const phone = createClient({ backend: make('auto')(), storage: memoryStorage(), tabs: false });
    try {
      await until(laptop, () => laptop.ready.value, 'laptop ready');
      const signedIn = await laptop.identify({ userId: 'user-7', name: 'Ana', userHash });
      expect(signedIn.userId).toBe('user-7');
      laptop.startConversation({ text: 'from the laptop' });
      await until(laptop, () => laptop.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
      await until(phone, () => phone.ready.value, 'phone ready');
      expect(phone.conversations.value).toHaveLength(0);
      const same = await phone.identify({ userId: 'user-7', userHash });
      expect(same.id).toBe(signedIn.id);
      await until(
        phone,
        () => phone.conversations.value[0]?.messages[0]?.text === 'from the laptop',
        'history',
      );
      // The team answers; reading it on the laptop clears the unread count on the phone, live.
      const agent = await agentApi(server.url, server.siteKey, server.agent);
      await agent.reply(laptop.conversations.value[0]!.id!, 'Answer for both devices');
      for (const device of [laptop, phone])
        await until(device, () => device.unreadCount.value === 1, 'unread on each device');
      await laptop.markRead(laptop.conversations.value[0]!.clientId);
      await until(phone, () => phone.unreadCount.value === 0, 'read on the other device');
      await phone.reset();
      await until(phone, () => phone.ready.value, 'fresh session');
      expect(phone.visitor.value?.id).not.toBe(signedIn.id);
      expect(phone.conversations.value).toHaveLength(0);
    } finally {
      laptop.destroy();
      phone.destroy();
    }
  }, 60_000);

  it('identify accepts a signed JWT and refuses a forged userHash without losing the session', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const body = b64({ sub: 'user-jwt', exp: Math.floor(Date.now() / 1000) + 600 });
    const jwt = `${head}.${body}.${createHmac('sha256', server.siteSecret).update(`${head}.${body}`).digest('base64url')}`;
    const client = createClient({ backend: make('auto')(), storage: memoryStorage(), tabs: false });
    try {
      await until(client, () => client.ready.value, 'ready');
      const anonymous = client.visitor.value!.id;
      const error = await client.identify({ userId: 'user-x', userHash: 'f'.repeat(64) }).catch((e) => e);
      expect(error).toMatchObject({ name: 'AuthError', code: 'unauthorized' });
      expect(client.visitor.value?.id).toBe(anonymous);
      expect((await client.identify({ userId: 'user-jwt', jwt })).userId).toBe('user-jwt');
    } finally {
      client.destroy();
    }
  });
});
