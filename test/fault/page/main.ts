// The page of the fault test: one client over the real server; the test drives it through `window.fault`.
import { type Client, createClient } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';

/** Client ids in the persisted outbox (read straight from IndexedDB, as the client stored them). */
function outboxIds(): Promise<string[]> {
  return new Promise((resolve) => {
    const open = indexedDB.open('frontdesk');
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) return resolve([]);
      const all = db.transaction('kv').objectStore('kv').getAll();
      all.onsuccess = () =>
        resolve(
          (all.result as unknown[])
            .filter(Array.isArray)
            .flatMap((list) => list.map((c: { clientId: string }) => c.clientId)),
        );
      all.onerror = () => resolve([]);
    };
    open.onerror = () => resolve([]);
  });
}

let client: Client;
const fault = {
  async start(siteKey: string) {
    client = createClient({
      backend: httpBackend({ url: location.origin, siteKey }),
      reconnect: { min: 100, max: 2000 },
    });
    await client.start();
  },
  ready: () => client?.ready.value ?? false,
  conversation: () => client.conversations.value[0]?.clientId ?? null,
  startConversation: (text: string) => client.startConversation({ text }).clientId,
  /** Send, and resolve once the message is safe: in the persisted outbox, or already acknowledged. */
  async send(conversation: string, text: string) {
    const message = client.sendMessage(conversation, text);
    for (let i = 0; i < 200; i++) {
      const found = client.conversations.value[0]?.messages.find((m) => m.clientId === message.clientId);
      if (found?.status !== 'sending' || (await outboxIds()).includes(message.clientId)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`message ${text} was never persisted`);
  },
  status: () => client.status.value,
  leader: () => client.leader.value,
  /** What a timed-out wait prints: enough to tell a stuck outbox from a lost connection. */
  async diagnose() {
    const mine = fault.summary().mine;
    const statuses: Record<string, number> = {};
    for (const m of mine) statuses[m.status] = (statuses[m.status] ?? 0) + 1;
    const stuck = mine.filter((m) => m.status === 'sending').map((m) => m.text);
    return {
      ready: fault.ready(),
      status: client?.status.value,
      leader: client?.leader.value,
      mine: mine.length,
      statuses,
      stuck: stuck.slice(0, 20),
      outbox: (await outboxIds()).length,
    };
  },
  summary: () => {
    const messages = client.conversations.value[0]?.messages ?? [];
    return {
      id: client.conversations.value[0]?.id ?? null,
      mine: messages
        .filter((m) => m.author.kind === 'visitor')
        .map((m) => ({ text: m.text, status: m.status, seq: m.seq })),
    };
  },
};
(window as unknown as { fault: typeof fault }).fault = fault;
