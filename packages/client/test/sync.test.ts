import { createClient, memoryStorage } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './helpers';

const clients: { destroy(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
function make(backend = memoryBackend()) {
  const client = createClient({
    backend,
    storage: memoryStorage(),
    tabs: false,
    reconnect: { min: 5, max: 50 },
  });
  clients.push(client);
  return { client, backend };
}

describe('realtime sync', () => {
  it('after a dropped link, reconnects with backoff and resyncs what it missed before going live', async () => {
    const { client, backend } = make();
    await until(client, () => client.status.value === 'online');
    client.startConversation({ text: 'hi' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    const id = client.conversations.value[0]!.id!;
    const statuses: string[] = [];
    client.on('connectionChange', (e) => statuses.push(e.status));
    backend.disconnect();
    // The team keeps writing while this visitor is cut off.
    for (let i = 0; i < 5; i++) backend.hub.agentReply(id, `missed ${i}`);
    await until(client, () => client.status.value !== 'online', 'dropped');
    backend.reconnect();
    await until(client, () => client.conversations.value[0]!.messages.length === 6, 'resynced');
    backend.hub.agentReply(id, 'live');
    await until(client, () => client.conversations.value[0]!.messages.at(-1)?.text === 'live', 'live');
    expect(client.conversations.value[0]!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(statuses.at(-1)).toBe('online');
    expect(statuses).toContain('connecting');
    expect(client.unreadCount.value).toBe(6);
  });

  it('shows who is typing, availability changes and counts unread messages once', async () => {
    const { client, backend } = make();
    // Typing is not stored: only a live link sees it.
    await until(client, () => client.status.value === 'online');
    const conversation = client.startConversation({ text: 'hi' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    const id = client.conversations.value[0]!.id!;
    const unread: number[] = [];
    client.on('unreadCountChange', (e) => unread.push(e.count));
    backend.hub.agentTyping(id, true, 'Ana');
    await until(client, () => client.typing.value.length === 1, 'typing');
    expect(client.typing.value[0]).toEqual({ conversation: conversation.clientId, name: 'Ana' });
    backend.hub.agentReply(id, 'Hello');
    backend.hub.agentTyping(id, false, 'Ana');
    await until(client, () => client.typing.value.length === 0 && client.unreadCount.value === 1, 'reply');
    backend.hub.setAvailability({ status: 'away', expectedReplyMinutes: 60, nextOpenAt: null });
    await until(client, () => client.availability.value?.status === 'away', 'away');
    await client.markRead(conversation.clientId);
    expect(unread).toEqual([1, 0]);
  });

  it('shows messages as read once an agent read them', async () => {
    const { client, backend } = make();
    await until(client, () => client.ready.value);
    client.startConversation({ text: 'please read me' });
    await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent');
    backend.hub.agentRead(client.conversations.value[0]!.id!);
    await until(client, () => client.conversations.value[0]!.messages[0]!.status === 'read', 'read');
  });

  it('retries a failed conversation start and its first message', async () => {
    const { client } = make();
    await until(client, () => client.ready.value);
    const failed: string[] = [];
    client.on('message', (e) => e.kind === 'failed' && failed.push(e.message.text));
    const conversation = client.startConversation({ text: 'x'.repeat(5001) });
    await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'failed', 'failed');
    expect(failed).toHaveLength(1);
    expect(client.conversations.value[0]!.id).toBeNull();
    expect(() => client.sendMessage('nope', 'x')).toThrow(/No conversation/);
    client.retry(conversation.messages[0]!.clientId);
    expect(client.conversations.value[0]!.messages[0]!.status).toBe('sending');
  });

  it('recovers when a backend reports its link closed from inside subscribe', async () => {
    const inner = memoryBackend();
    let refusals = 2;
    const backend = {
      ...inner,
      subscribe: (after: number, handlers: Parameters<typeof inner.subscribe>[1]) => {
        if (refusals-- > 0) {
          handlers.status?.('closed', new Error('refused at once'));
          return () => {};
        }
        return inner.subscribe(after, handlers);
      },
    };
    const { client } = make(backend as typeof inner);
    await until(client, () => client.status.value === 'online', 'online after two refusals');
  });

  it('shows the attachments of a queued message before it is acknowledged', async () => {
    const { client, backend } = make();
    await until(client, () => client.ready.value);
    const conversation = client.startConversation({ text: 'files coming' });
    await until(client, () => client.conversations.value[0]?.id !== null);
    const file = await client.upload(new Blob(['%PDF'], { type: 'application/pdf' }), 'invoice.pdf');
    backend.disconnect();
    const message = client.sendMessage(conversation.clientId, '', { attachmentIds: [file.id] });
    expect(message.attachments.map((a) => a.name)).toEqual(['invoice.pdf']);
    backend.reconnect();
    await until(client, () => client.conversations.value[0]!.messages.at(-1)!.status === 'sent', 'sent');
    expect(client.conversations.value[0]!.messages.at(-1)!.attachments[0]!.id).toBe(file.id);
  });
});
