import { createClient, memoryStorage } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { until } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' } });
}, 120_000);
afterAll(() => server?.stop());

describe('after a socket fails once (a server restart), against the real server', () => {
  it('falls back to long-polling, then is back on a WebSocket soon rather than after five minutes', async () => {
    let attempts = 0;
    let opened = 0;
    // The first socket meets the restart: nothing listens on its port any more. Later ones reach the server.
    class RestartingWebSocket extends WebSocket {
      constructor(url: string) {
        attempts++;
        super(attempts === 1 ? url.replace(/:\d+\//, ':9/') : url);
        this.on('open', () => opened++);
      }
    }
    const client = createClient({
      // The default `socketRetryAfter` (five minutes), as a site would have it.
      backend: httpBackend({
        url: server.url,
        siteKey: server.siteKey,
        WebSocket: RestartingWebSocket as never,
      }),
      storage: memoryStorage(),
      tabs: false,
      reconnect: { min: 50, max: 500 },
    });
    try {
      await until(client, () => client.status.value === 'online', 'online by long-poll', 20_000);
      expect(attempts).toBe(1);
      expect(opened).toBe(0);
      client.startConversation({ text: 'while polling' });
      await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
      await until(client, () => opened === 1 && client.status.value === 'online', 'back on a socket', 30_000);
      client.sendMessage(client.conversations.value[0]!.clientId, 'over the socket');
      await until(
        client,
        () => client.conversations.value[0]!.messages.filter((m) => m.status === 'sent').length === 2,
        'sent over the socket',
      );
      expect(client.conversations.value[0]!.messages.map((m) => m.text)).toEqual([
        'while polling',
        'over the socket',
      ]);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
