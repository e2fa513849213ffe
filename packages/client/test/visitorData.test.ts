import 'fake-indexeddb/auto';
import { createClient, memoryStorage } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { afterEach, describe, expect, it } from 'vitest';

// #17 part A in the headless client: a lead's details through identify, company and attribute removal.
const clients: { destroy(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe('visitor data', () => {
  it('identify without a userId, called before the session started, stores an unverified lead once it has', async () => {
    const client = createClient({
      backend: memoryBackend({ latency: 30 }),
      storage: memoryStorage(),
      tabs: false,
    });
    clients.push(client);
    // Right away, before the session exists: the call waits for it rather than failing.
    const visitor = await client.identify({ name: 'Lea', email: 'lea@example.com' });
    expect(visitor).toMatchObject({ userId: null, name: null, email: null });
    expect(visitor.lead).toEqual({ name: 'Lea', email: 'lea@example.com' });
    await client.identify({ phone: '+420 777 000 111' });
    expect(client.visitor.value?.lead).toEqual({
      name: 'Lea',
      email: 'lea@example.com',
      phone: '+420 777 000 111',
    });
  });

  it('sets the company and removes attributes', async () => {
    const client = createClient({
      backend: memoryBackend(),
      storage: memoryStorage(),
      tabs: false,
      attributes: { plan: 'pro', trial: true },
    });
    clients.push(client);
    await client.updateVisitor({ company: { id: 'acme', name: 'Acme' }, unset: ['trial'] });
    expect(client.visitor.value?.company).toEqual({ id: 'acme', name: 'Acme' });
    expect(client.visitor.value?.attributes).toEqual({ plan: 'pro' });
    await expect(client.updateVisitor({ company: { name: 'No id' } as never })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
