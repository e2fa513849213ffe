import 'fake-indexeddb/auto';
import { createClient, memoryStorage } from '@frontdesk/client';
import { createMemoryHub, memoryBackend } from '@frontdesk/client/memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinTabs } from '../src/tabs';
import { brokenStorage, refusingBackend, tick, until } from './helpers';

/** Web Locks where the test decides when the lock is granted (another tab holds it until then). */
function heldLocks() {
  const waiting: { grant: () => Promise<unknown> }[] = [];
  return {
    waiting,
    locks: {
      request(_name: string, _options: object, callback: () => unknown) {
        return new Promise((resolve) => {
          waiting.push({ grant: async () => resolve(await callback()) });
        });
      },
    },
  };
}

let held: ReturnType<typeof heldLocks>;
beforeEach(() => {
  held = heldLocks();
  Object.defineProperty(globalThis, 'navigator', { value: { locks: held.locks }, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'navigator');
});

describe('joinTabs', () => {
  it('leads once the lock is granted, and lets it go on close', async () => {
    let led = 0;
    const tabs = joinTabs(
      'tabs-test-1',
      () => {},
      () => led++,
    )!;
    expect(led).toBe(0);
    const released = held.waiting[0]!.grant();
    await tick(1);
    expect(led).toBe(1);
    tabs.close();
    await released; // the lock callback's promise settles: the lock is free for the next tab
  });

  it('a lock granted after the tab left is given back at once, without leading', async () => {
    let led = 0;
    const tabs = joinTabs(
      'tabs-test-2',
      () => {},
      () => led++,
    )!;
    tabs.close();
    expect(await held.waiting[0]!.grant()).toBeUndefined();
    expect(led).toBe(0);
  });
});

describe('a client whose storage fails while another tab leads', () => {
  it('leads alone (nothing is shared with that tab) and sends what was queued before start-up', async () => {
    const broken = brokenStorage();
    const client = createClient({ backend: memoryBackend(), storage: broken, consent: true });
    try {
      client.startConversation({ text: 'queued before start-up' });
      await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
      expect(client.leader.value).toBe(true);
      // It never asked for the lock it would have to wait for: it is not one of the tabs.
      expect(held.waiting).toHaveLength(0);
    } finally {
      client.destroy();
    }
  });
});

describe('consent and the tabs', () => {
  it('consent withdrawn while start-up moves to storage: the tab leads alone, it does not join', async () => {
    const disk = memoryStorage();
    // Like IndexedDB: the write happens in order at once, its promise resolves later.
    const slow = {
      ...disk,
      update: async <T>(key: string, updater: (old: T | undefined) => T) => {
        const done = disk.update(key, updater);
        await tick(40);
        return done;
      },
    };
    const client = createClient({ backend: memoryBackend(), storage: slow, consent: true, autoStart: false });
    try {
      // Queued in memory before start-up: moving it to storage takes a while.
      client.startConversation({ text: 'queued at once' });
      void client.start();
      await tick(10);
      await client.consent(false);
      await until(client, () => client.conversations.value[0]?.messages[0]?.status === 'sent', 'sent');
      expect(client.leader.value).toBe(true);
      expect(held.waiting).toHaveLength(0);
      expect(await disk.get('frontdesk:default:outbox')).toBeUndefined();
    } finally {
      client.destroy();
    }
  });

  it('a tab that joins with messages queued before consent gets them sent by the leader at once', async () => {
    const hub = createMemoryHub({ config: { name: 'Strict', privacy: { consentRequired: true } } });
    const disk = memoryStorage(); // the storage the tabs share
    const first = createClient({ backend: memoryBackend({ hub }), storage: disk, consent: true });
    const second = createClient({ backend: memoryBackend({ hub }), storage: disk });
    try {
      await until(first, () => first.ready.value, 'first ready');
      void held.waiting[0]!.grant();
      await until(first, () => first.leader.value && first.status.value === 'online', 'first leads');
      second.startConversation({ text: 'typed before consent' });
      await tick(20);
      expect(second.ready.value).toBe(false);
      await second.consent(true);
      await until(second, () => second.ready.value && !second.leader.value, 'second follows');
      await until(
        second,
        () => second.conversations.value[0]?.messages[0]?.status === 'sent',
        'sent by the leader',
      );
      expect(first.conversations.value[0]?.messages[0]?.text).toBe('typed before consent');
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});

describe('a message refused for good, in two tabs', () => {
  it('shows as failed in the tab that wrote it, and that tab can retry it though the leader sent it', async () => {
    const hub = createMemoryHub();
    const disk = memoryStorage(); // the storage the tabs share
    const refusal = { text: 'refuse me' };
    const refusing = () => refusingBackend(hub, refusal);
    const first = createClient({ backend: refusing(), storage: disk, consent: true });
    const second = createClient({ backend: refusing(), storage: disk, consent: true });
    try {
      await until(first, () => first.ready.value, 'first ready');
      void held.waiting[0]!.grant();
      await until(first, () => first.leader.value && first.status.value === 'online', 'first leads');
      const conversation = first.startConversation({ text: 'hello' });
      await until(
        second,
        () => second.conversations.value[0]?.messages[0]?.status === 'sent',
        'second sees it',
      );
      second.sendMessage(conversation.clientId, 'refuse me');
      const mine = () => second.conversations.value[0]!.messages.find((m) => m.text === 'refuse me')!;
      await until(second, () => mine().status === 'failed', 'failed in the writing tab');
      refusal.text = '';
      second.retry(mine().clientId);
      await until(second, () => mine().status === 'sent', 'sent after the retry');
      const visitorId = first.visitor.value!.id;
      const stored = hub.listMessages(visitorId, first.conversations.value[0]!.id!);
      expect(stored.map((m) => m.text)).toEqual(['hello', 'refuse me']);
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});
