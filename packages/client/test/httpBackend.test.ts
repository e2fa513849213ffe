import { createClient, memoryStorage } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { until } from './helpers';
import { startMemoryServer } from './support/memoryServer';

let server: Awaited<ReturnType<typeof startMemoryServer>>;
beforeAll(async () => {
  server = await startMemoryServer({ agent: { reply: (text) => `re: ${text}`, delay: 5 } });
});
afterAll(() => server.close());
const clients: { destroy(): void }[] = [];
afterEach(() => {
  server.blockWebSockets(false);
  for (const c of clients.splice(0)) c.destroy();
});

function make(realtime: 'auto' | 'poll' = 'auto', socketRetryAfter?: number) {
  const backend = httpBackend({
    url: server.url,
    siteKey: server.siteKey,
    WebSocket: WebSocket as never,
    realtime,
    socketRetryAfter,
  });
  const client = createClient({
    backend,
    storage: memoryStorage(),
    tabs: false,
    reconnect: { min: 20, max: 200 },
  });
  clients.push(client);
  return client;
}

describe('createClient over httpBackend', () => {
  it('chats over the WebSocket and resyncs after the connection drops', async () => {
    const client = make();
    await until(client, () => client.status.value === 'online', 'online');
    const conversation = client.startConversation({ text: 'one' });
    await until(client, () => client.conversations.value[0]?.messages.length === 2, 'reply');
    server.dropConnections();
    await until(client, () => client.status.value !== 'online', 'dropped');
    client.sendMessage(conversation.clientId, 'two');
    await until(client, () => client.status.value === 'online', 'reconnected');
    await until(client, () => client.conversations.value[0]?.messages.length === 4, 'second reply');
    expect(client.conversations.value[0]!.messages.map((m) => m.text)).toEqual([
      'one',
      're: one',
      'two',
      're: two',
    ]);
    expect(client.conversations.value[0]!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('falls back to long-polling when WebSockets are blocked', async () => {
    server.blockWebSockets();
    const client = make();
    await until(client, () => client.status.value === 'online', 'online by long-poll');
    client.startConversation({ text: 'polling' });
    await until(
      client,
      () => client.conversations.value[0]?.messages[1]?.text === 're: polling',
      'reply by long-poll',
    );
  });

  it('tries the WebSocket again once the network lets it through, and keeps the conversation', async () => {
    server.blockWebSockets();
    const client = make('auto', 300);
    await until(client, () => client.status.value === 'online', 'online by long-poll');
    expect(server.socketCount).toBe(0);
    client.startConversation({ text: 'before' });
    await until(client, () => client.conversations.value[0]?.messages.length === 2, 'reply by long-poll');
    server.blockWebSockets(false);
    await until(
      client,
      () => server.socketCount === 1 && client.status.value === 'online',
      'back on a socket',
    );
    client.sendMessage(client.conversations.value[0]!.clientId, 'after');
    await until(client, () => client.conversations.value[0]?.messages.length === 4, 'reply over the socket');
    expect(client.conversations.value[0]!.messages.map((m) => m.text)).toEqual([
      'before',
      're: before',
      'after',
      're: after',
    ]);
  });

  it('rejects with typed errors carrying the server message', async () => {
    const client = make();
    await until(client, () => client.ready.value);
    await expect(client.getArticle('nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'not_found',
      status: 404,
    });
    const error = await client.submitForm('question', { email: 'x' }).catch((e) => e);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'validation_failed' });
    expect(error.issues.map((i: { path: string }) => i.path)).toContain('values.email');
  });
});
