import { createClient, manualOnlineManager, memoryStorage } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { until } from './helpers';

// Two tabs of one visitor (shared storage, BroadcastChannel, a Web Lock granted when the test says) against the
// real server. The leader starts a conversation while its realtime link waits to reconnect after a server restart,
// so the other tab knows that conversation only as pending; a message typed offline must still be sent by the
// tab that leads next, not marked failed with "not found".
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' } });
}, 120_000);
afterAll(() => server?.stop());

const grants: Array<() => Promise<unknown>> = [];
beforeEach(() => {
  const locks = {
    request(_name: string, _options: object, callback: () => unknown) {
      return new Promise((resolve) => grants.push(async () => resolve(await callback())));
    },
  };
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'navigator');
});

/** Grant the next tab waiting for the lock (once it asks). */
async function grantNext(): Promise<void> {
  for (let i = 0; i < 500 && grants.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  void grants.shift()!();
}

describe('two tabs across a server restart', () => {
  it('sends a message typed offline for a conversation the new leader only knew as pending', async () => {
    const storage = memoryStorage();
    const online = manualOnlineManager();
    const tab = (reconnect: { min: number; max: number }) =>
      createClient({
        backend: httpBackend({ url: server.url, siteKey: server.siteKey, WebSocket: WebSocket as never }),
        storage,
        online,
        consent: true,
        reconnect,
      });
    // The leader reconnects its link only after a long backoff: the window the race needs.
    const leader = tab({ min: 60_000, max: 60_000 });
    await grantNext();
    await until(leader, () => leader.status.value === 'online', 'leader online', 20_000);
    const follower = tab({ min: 50, max: 500 });
    await until(follower, () => follower.ready.value, 'follower ready', 20_000);

    await server.restart();
    await until(leader, () => leader.status.value !== 'online', 'leader lost its link', 20_000);
    const started = leader.startConversation({ text: 'started during the backoff' });
    await until(leader, () => leader.conversations.value[0]?.messages[0]?.status === 'sent', 'created');
    await until(follower, () => follower.conversations.value.length === 1, 'follower shows it pending');
    expect(follower.conversations.value[0]!.id).toBeFalsy();

    online.setOnline(false);
    follower.sendMessage(started.clientId, 'typed offline');
    leader.destroy();
    await grantNext(); // the follower takes the lock: it leads now, still offline
    online.setOnline(true);
    await until(
      follower,
      () =>
        follower.conversations.value[0]?.messages.find((m) => m.text === 'typed offline')?.status === 'sent',
      'sent by the new leader',
      20_000,
    );
    const messages = follower.conversations.value[0]!.messages;
    expect(messages.map((m) => [m.text, m.status])).toEqual([
      ['started during the backoff', 'sent'],
      ['typed offline', 'sent'],
    ]);
    follower.destroy();
  }, 90_000);
});
