import 'fake-indexeddb/auto';
import { createClient } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinTabs } from '../src/tabs';
import { brokenStorage, tick, until } from './helpers';

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
