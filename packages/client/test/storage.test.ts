import 'fake-indexeddb/auto';
import { createClient, idbStorage, memoryStorage } from '@frontdesk/client';
import { createMemoryHub, memoryBackend } from '@frontdesk/client/memory';
import { describe, expect, it } from 'vitest';
import { tick, until } from './helpers';

describe('storage', () => {
  it('idbStorage: concurrent updates of one key lose nothing (as tabs appending to one outbox)', async () => {
    const a = idbStorage('frontdesk-test-atomic');
    const b = idbStorage('frontdesk-test-atomic');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).update<number[]>('list', (old) => [...(old ?? []), i]),
      ),
    );
    const list = (await a.get<number[]>('list'))!;
    expect([...list].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('memoryStorage hands out copies, like IndexedDB', async () => {
    const storage = memoryStorage();
    const value = { n: 1 };
    await storage.set('k', value);
    value.n = 2;
    expect(await storage.get('k')).toEqual({ n: 1 });
  });

  it('the default storage is IndexedDB: the outbox and session survive a new client (a reload)', async () => {
    const hub = createMemoryHub();
    const backend = memoryBackend({ hub });
    const first = createClient({ backend, tabs: false });
    await until(first, () => first.ready.value);
    const conversation = first.startConversation({ text: 'persisted' });
    await until(first, () => first.conversations.value[0]?.id !== null);
    backend.disconnect();
    first.sendMessage(conversation.clientId, 'queued in IndexedDB');
    await tick(50);
    first.destroy();
    const second = createClient({ backend: memoryBackend({ hub }), tabs: false });
    await until(
      second,
      () =>
        second.conversations.value[0]?.messages.map((m) => `${m.text}:${m.status}`).join() ===
        'persisted:sent,queued in IndexedDB:sent',
      'replayed from IndexedDB',
    );
    expect(second.visitor.value?.id).toBe(first.visitor.value?.id);
    await second.reset();
    expect(await idbStorage().get(`frontdesk:${backend.name}:outbox`)).toBeUndefined();
    second.destroy();
  });
});
