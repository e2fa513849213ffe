import 'fake-indexeddb/auto';
import { createClient } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { expect, it } from 'vitest';
import { until } from './helpers';

// The example of docs/client.md, run as written (with its console output captured).
it('the guide example runs', async () => {
  const log: unknown[] = [];
  const console = { log: (...a: unknown[]) => log.push(a), warn: (...a: unknown[]) => log.push(a) };

  const client = createClient({
    backend: memoryBackend({ agent: { reply: (text) => `Thanks! You wrote: ${text}` } }),
    locale: 'en',
  });

  client.on('message', ({ kind, message, notify }) => {
    if (kind === 'received' && notify)
      console.log(`New message from ${message.author.name}: ${message.text}`);
    if (kind === 'failed') console.warn(`Not sent: ${message.error}`);
  });

  client.subscribe((state) => {
    const conversation = state.conversations.at(-1);
    console.log(
      state.status,
      conversation?.messages.map((m) => `${m.author.kind}: ${m.text} (${m.status})`),
    );
  });

  await client.start();
  const conversation = client.startConversation({ text: 'Hello, where is my order?' });
  client.sendMessage(conversation.clientId, 'It is order #1042.');

  const hits = await client.search('delivery');
  console.log(hits.map((h) => h.title));

  await until(client, () => client.conversations.value[0]?.messages.length === 4, 'replies');
  expect(log).toContainEqual(['New message from Ana: Thanks! You wrote: Hello, where is my order?']);
  expect(log).toContainEqual([['How long does delivery take?']]);
  client.destroy();
});
