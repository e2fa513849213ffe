import { createClient, memoryStorage } from '@frontdesk/client';
import { runConformance } from '@frontdesk/client/conformance';
import { httpBackend } from '@frontdesk/client/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type TestServer } from '../../../test/support/server';
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
});
