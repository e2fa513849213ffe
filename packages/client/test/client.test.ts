import 'fake-indexeddb/auto';
import { createClient, manualOnlineManager, memoryStorage } from '@frontdesk/client';
import { createMemoryHub, memoryBackend } from '@frontdesk/client/memory';
import { afterEach, describe, expect, it } from 'vitest';
import { brokenStorage, refusingBackend, tick, until } from './helpers';

const clients: { destroy(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
function make(options: Partial<Parameters<typeof createClient>[0]> = {}) {
  const backend = (options.backend as ReturnType<typeof memoryBackend>) ?? memoryBackend();
  const client = createClient({ storage: memoryStorage(), tabs: false, ...options, backend });
  clients.push(client);
  return { client, backend };
}

describe('createClient with the memory backend', () => {
  it('starts a session and exposes visitor, config and availability as signals', async () => {
    const { client } = make();
    await until(client, () => client.ready.value, 'ready');
    expect(client.visitor.value?.id).toMatch(/^vis_/);
    expect(client.config.value?.name).toBe('Demo shop');
    expect(client.availability.value?.status).toBe('online');
    await until(client, () => client.status.value === 'online', 'online');
  });

  it('keeps a message written before start-up finished (queued in memory, then moved to storage)', async () => {
    const storage = memoryStorage();
    const backend = memoryBackend({ latency: 30 });
    const { client } = make({ backend, storage });
    // Consent is still pending and the config is on its way: the message waits in the in-memory outbox.
    client.startConversation({ text: 'Typed at once' });
    await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
    expect((await backend.listConversations()).length).toBe(1);
    expect(await backend.listMessages((await backend.listConversations())[0]!.id)).toMatchObject([
      { text: 'Typed at once' },
    ]);
  });

  it('shows a message at once as sending, then sent, and receives the agent reply', async () => {
    const backend = memoryBackend({ agent: { reply: 'Hello from Ana', delay: 10 }, latency: 5 });
    const { client } = make({ backend });
    await until(client, () => client.ready.value);
    const received: string[] = [];
    client.on('message', (e) => received.push(`${e.kind}:${e.message.text}`));
    const conversation = client.startConversation({ text: 'Hi there' });
    expect(client.conversations.value[0]?.messages[0]).toMatchObject({ text: 'Hi there', status: 'sending' });
    await until(client, () => client.conversations.value[0]?.messages.length === 2, 'reply');
    const [mine, reply] = client.conversations.value[0]!.messages;
    expect(mine).toMatchObject({ status: 'sent', seq: 1, clientId: conversation.messages[0]!.clientId });
    expect(reply).toMatchObject({ text: 'Hello from Ana', seq: 2, author: { kind: 'agent' } });
    expect(client.unreadCount.value).toBe(1);
    expect(received).toEqual(['sent:Hi there', 'received:Hello from Ana']);
    await client.markRead(conversation.clientId);
    expect(client.unreadCount.value).toBe(0);
  });

  it('queues messages while offline and sends them once, in order, when back', async () => {
    const online = manualOnlineManager(true);
    const backend = memoryBackend();
    const { client } = make({ backend, online });
    await until(client, () => client.ready.value);
    const conversation = client.startConversation({ text: 'first' });
    await until(client, () => client.conversations.value[0]?.id !== null, 'created');
    backend.disconnect();
    online.setOnline(false);
    for (let i = 0; i < 20; i++) client.sendMessage(conversation.clientId, `m${i}`);
    await tick(20);
    expect(client.conversations.value[0]!.messages.filter((m) => m.status === 'sending')).toHaveLength(20);
    backend.reconnect();
    online.setOnline(true);
    await until(
      client,
      () => client.conversations.value[0]!.messages.every((m) => m.status === 'sent'),
      'all sent',
    );
    const texts = backend.hub
      .listMessages(backend.visitorId!, client.conversations.value[0]!.id!)
      .map((m) => m.text);
    expect(texts).toEqual(['first', ...Array.from({ length: 20 }, (_, i) => `m${i}`)]);
  });

  it('a message refused for good stays failed across a reload, the next ones still go, and retry sends it', async () => {
    const hub = createMemoryHub();
    const storage = memoryStorage();
    const refusal = { text: 'refuse me' };
    const refusing = () => refusingBackend(hub, refusal);
    const { client } = make({ backend: refusing(), storage });
    await until(client, () => client.ready.value);
    const conversation = client.startConversation({ text: 'hello' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    client.sendMessage(conversation.clientId, 'refuse me');
    client.sendMessage(conversation.clientId, 'after it');
    const statuses = () => client.conversations.value[0]!.messages.map((m) => `${m.text}:${m.status}`);
    await until(client, () => statuses().join() === 'hello:sent,after it:sent,refuse me:failed', 'failed');
    client.destroy();
    // "Reload": the refused message is still there, failed with its reason, and is not sent by itself.
    const next = make({ backend: refusing(), storage }).client;
    await until(next, () => next.conversations.value[0]?.messages.length === 3, 'reloaded');
    const failed = next.conversations.value[0]!.messages.find((m) => m.text === 'refuse me')!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Not today\./);
    refusal.text = '';
    next.retry(failed.clientId);
    expect(next.conversations.value[0]!.messages.find((m) => m.text === 'refuse me')!.status).toBe('sending');
    await until(
      next,
      () => next.conversations.value[0]!.messages.every((m) => m.status === 'sent'),
      'retried',
    );
    expect(next.conversations.value[0]!.messages.map((m) => m.text)).toEqual([
      'hello',
      'after it',
      'refuse me',
    ]);
    // Out of the outbox once acknowledged (the removal follows the acknowledgement).
    const outbox = () => storage.get<unknown[]>(`frontdesk:memory:${hub.id}:outbox`);
    for (let i = 0; i < 50 && (await outbox())?.length; i++) await tick(10);
    expect(await outbox()).toEqual([]);
  });

  it('replays the persisted outbox after a reload, without duplicates', async () => {
    const hub = createMemoryHub();
    const storage = memoryStorage();
    const backend = memoryBackend({ hub });
    const { client } = make({ backend, storage });
    await until(client, () => client.ready.value);
    const conversation = client.startConversation({ text: 'hello' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    backend.disconnect();
    client.sendMessage(conversation.clientId, 'while offline 1');
    client.sendMessage(conversation.clientId, 'while offline 2');
    await tick(20);
    client.destroy();
    // "Reload": a new client over the same storage and site.
    const next = make({ backend: memoryBackend({ hub }), storage }).client;
    await until(
      next,
      () =>
        next.conversations.value[0]?.messages.length === 3 &&
        next.conversations.value[0]!.messages.every((m) => m.status === 'sent'),
      'replayed',
    );
    expect(next.conversations.value[0]!.messages.map((m) => m.text)).toEqual([
      'hello',
      'while offline 1',
      'while offline 2',
    ]);
    expect(next.visitor.value?.id).toBe(client.visitor.value?.id);
  });

  it('carries on as a new visitor when the stored token is no longer accepted', async () => {
    const storage = memoryStorage();
    const backend = memoryBackend();
    await storage.set(`frontdesk:${backend.name}:token`, 'vt_from_a_reset_database');
    const { client } = make({ storage, backend });
    await until(client, () => client.ready.value, 'ready');
    expect(await storage.get(`frontdesk:${backend.name}:token`)).not.toBe('vt_from_a_reset_database');
  });

  it('reset while the first session is still waiting for the network starts the new one at once', async () => {
    const backend = memoryBackend();
    backend.disconnect();
    const { client } = make({ backend, reconnect: { min: 60_000, max: 60_000 } });
    await tick(20);
    backend.reconnect();
    await client.reset();
    expect(client.ready.value).toBe(true);
  });

  it('marks a message failed on a validation error and lets it be retried', async () => {
    const { client } = make();
    await until(client, () => client.ready.value);
    const conversation = client.startConversation({ text: 'ok' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.error.code));
    const message = client.sendMessage(conversation.clientId, 'x'.repeat(6000));
    await until(client, () => client.conversations.value[0]!.messages.at(-1)?.status === 'failed', 'failed');
    expect(errors).toEqual(['validation_failed']);
    expect(client.conversations.value[0]!.messages.at(-1)!.error).toMatch(/at most 5000 characters/);
    client.retry(message.clientId);
    expect(client.conversations.value[0]!.messages.at(-1)!.status).toBe('sending');
  });

  it('waits for consent when the config requires it: no storage, no session', async () => {
    const hub = createMemoryHub({ config: { name: 'Strict', privacy: { consentRequired: true } } });
    const writes: string[] = [];
    const base = memoryStorage();
    const storage = {
      ...base,
      set: async (k: string, v: unknown) => {
        writes.push(k);
        await base.set(k, v);
      },
    };
    const backend = memoryBackend({ hub });
    const { client } = make({ backend, storage });
    await tick(30);
    expect(client.consentState.value).toBe('pending');
    expect(client.ready.value).toBe(false);
    expect(backend.visitorId).toBeNull();
    expect(writes).toEqual([]);
    await client.consent(true);
    await until(client, () => client.ready.value);
    expect(writes.length).toBeGreaterThan(0);
  });

  it('keeps a message sent while consent() switches storage (nothing lost between reading and wiping the old one)', async () => {
    const disk = memoryStorage();
    // A slow disk (it reads at once, answers 40 ms later) widens the window between reading the outbox and
    // deleting it.
    const slow = {
      ...disk,
      get: async <T>(key: string) => {
        const value = await disk.get<T>(key);
        await tick(40);
        return value;
      },
    };
    const online = manualOnlineManager(false);
    const backend = memoryBackend();
    const { client } = make({ backend, storage: slow, consent: true, online });
    await until(client, () => client.ready.value, 'ready');
    const conversation = client.startConversation({ text: 'before' });
    await tick(60);
    const withdrawing = client.consent(false);
    await tick(60); // after the token is read, while the outbox is
    client.sendMessage(conversation.clientId, 'while switching');
    await withdrawing;
    client.sendMessage(conversation.clientId, 'after');
    online.setOnline(true);
    await until(
      client,
      () => client.conversations.value[0]?.messages.every((m) => m.status === 'sent') === true,
      'all sent',
    );
    const [stored] = await backend.listConversations();
    expect((await backend.listMessages(stored!.id)).map((m) => m.text)).toEqual([
      'before',
      'while switching',
      'after',
    ]);
    // Withdrawn consent: nothing of it stays on disk.
    expect(await disk.get('frontdesk:default:outbox')).toBeUndefined();
  });

  it('consent given while the config is still on its way (a consent tool at page load) starts the session', async () => {
    const hub = createMemoryHub({ config: { name: 'Strict', privacy: { consentRequired: true } } });
    const { client } = make({ backend: memoryBackend({ hub, latency: 30 }) });
    void client.consent(true);
    await until(client, () => client.ready.value, 'ready');
    client.startConversation({ text: 'after consent' });
    await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
  });

  it('with consent denied on a site that requires it, connects to nothing; without the requirement, memory only', async () => {
    const strict = memoryBackend({
      hub: createMemoryHub({ config: { name: 'Strict', privacy: { consentRequired: true } } }),
    });
    const writes: string[] = [];
    const base = memoryStorage();
    const storage = { ...base, set: async (k: string) => void writes.push(k) };
    const denied = make({ backend: strict, storage, consent: false }).client;
    await tick(30);
    expect([denied.ready.value, strict.visitorId, writes]).toEqual([false, null, []]);
    const relaxed = make({ backend: memoryBackend(), storage, consent: false }).client;
    await until(relaxed, () => relaxed.ready.value);
    relaxed.startConversation({ text: 'kept in memory' });
    await until(relaxed, () => relaxed.conversations.value[0]?.messages[0]?.status === 'sent');
    expect(writes).toEqual([]);
    expect(relaxed.consentState.value).toBe('denied');
  });

  it('degrades to memory with a warning when storage fails', async () => {
    const broken = brokenStorage();
    const warnings: string[] = [];
    const backend = memoryBackend();
    const client = createClient({ backend, storage: broken, tabs: false, autoStart: false });
    clients.push(client);
    client.on('warning', (w) => warnings.push(w.kind));
    await client.start();
    await until(client, () => client.ready.value);
    expect(warnings).toEqual(['storage']);
    client.startConversation({ text: 'still works' });
    await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent');
  });

  it('identify loads the history of the same user on another device; reset forgets it', async () => {
    const hub = createMemoryHub();
    const first = make({ backend: memoryBackend({ hub }) }).client;
    await until(first, () => first.ready.value);
    await first.identify({ userId: 'u-42', name: 'Ana' });
    first.startConversation({ text: 'from my laptop' });
    await until(first, () => first.conversations.value[0]?.messages[0]?.status === 'sent');
    const second = make({ backend: memoryBackend({ hub }) }).client;
    await until(second, () => second.ready.value);
    expect(second.conversations.value).toHaveLength(0);
    const visitor = await second.identify({ userId: 'u-42' });
    expect(visitor.id).toBe(first.visitor.value?.id);
    await until(
      second,
      () => second.conversations.value[0]?.messages[0]?.text === 'from my laptop',
      'history',
    );
    await second.reset();
    await until(second, () => second.ready.value);
    expect(second.conversations.value).toHaveLength(0);
    expect(second.visitor.value?.id).not.toBe(visitor.id);
  });

  it('requests a rating when a conversation is resolved and accepts it once', async () => {
    const backend = memoryBackend();
    const { client } = make({ backend });
    await until(client, () => client.ready.value);
    const ended: string[] = [];
    client.on('conversationEnd', (e) => ended.push(e.conversation.clientId));
    const conversation = client.startConversation({ text: 'help' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    backend.hub.resolve(client.conversations.value[0]!.id!);
    await until(client, () => client.conversations.value[0]!.ratingRequested, 'rating request');
    expect(ended).toEqual([conversation.clientId]);
    const rating = await client.rate(conversation.clientId, { csat: 5, comment: 'great' });
    expect(rating.csat).toBe(5);
    expect(client.conversations.value[0]!.ratingRequested).toBe(false);
  });

  it('searches the help center and submits forms', async () => {
    const { client } = make();
    await until(client, () => client.ready.value);
    const hits = await client.search('delivery');
    expect(hits[0]?.title).toBe('How long does delivery take?');
    expect((await client.getArticle(hits[0]!.articleId)).slug).toBe('delivery-times');
    expect((await client.listCategories()).length).toBe(2);
    const ticket = await client.submitForm('question', {
      email: 'ana@example.com',
      message: 'Where is my order?',
    });
    expect(ticket.reference).toMatch(/^FD-/);
    await expect(client.submitForm('question', { email: 'nope' })).rejects.toMatchObject({
      name: 'ValidationError',
      code: 'validation_failed',
    });
  });
});
