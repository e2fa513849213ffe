import { startServer, type TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { agentApi } from './support/agent';
import { buildTestPage } from './support/page';

// The client in real Chromium against the real server, the page served from the server's own origin.
let server: TestServer;
test.beforeAll(async () => {
  const dir = await buildTestPage();
  server = await startServer({ env: { STATIC_DEMO_DIR: dir, RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' } });
});
test.afterAll(async () => server?.stop());

type State = NonNullable<Awaited<ReturnType<typeof stateOf>>>;
const stateOf = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as { harness: { state(): import('@frontdesk/client').ClientState | null } }
    ).harness.state(),
  );
async function open(
  page: Page,
  options: { tabs?: boolean; consent?: boolean; requireConsent?: boolean; breakStorage?: boolean } = {},
) {
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(
    (o) => (window as unknown as { harness: { start(o: object): Promise<void> } }).harness.start(o),
    options,
  );
}
async function until(page: Page, predicate: (state: State) => boolean, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let state: State | null = null;
  while (Date.now() < deadline) {
    state = await stateOf(page);
    if (state && predicate(state)) return;
    await page.waitForTimeout(100);
  }
  const brief = state && {
    ...state,
    config: undefined,
    conversations: state.conversations.map((c) => ({
      id: c.id,
      unread: c.unread,
      messages: c.messages.map((m) => `${m.seq}:${m.text}:${m.status}`),
    })),
  };
  const events = await page.evaluate('harness.events').catch(() => null);
  throw new Error(
    `condition not met in ${timeout} ms; state: ${JSON.stringify(brief)}; events: ${JSON.stringify(events)}`,
  );
}
const call = <T>(page: Page, script: string): Promise<T> => page.evaluate(script) as Promise<T>;
const mine = (state: State) =>
  state.conversations[0]?.messages.filter((m) => m.author.kind === 'visitor') ?? [];

test('messages queued offline survive a reload (IndexedDB outbox) and are sent once', async ({
  page,
  context,
}) => {
  await open(page);
  await until(page, (s) => s.status === 'online');
  await call(page, `harness.client.startConversation({ text: 'hello' })`);
  await until(page, (s) => mine(s)[0]?.status === 'sent');
  await context.setOffline(true);
  await until(page, (s) => s.status === 'offline');
  await call(
    page,
    `(() => { const c = harness.client.conversations.value[0]; for (const t of ['a', 'b', 'c']) harness.client.sendMessage(c.clientId, t); })()`,
  );
  await until(page, (s) => mine(s).filter((m) => m.status === 'sending').length === 3);
  // Commands queued in IndexedDB (written a few milliseconds after the message shows: see docs/client.md).
  const outbox = () =>
    call<number>(
      page,
      `new Promise((resolve) => { const r = indexedDB.open('frontdesk'); r.onsuccess = () => { const q = r.result.transaction('kv').objectStore('kv').getAll(); q.onsuccess = () => resolve(q.result.filter(Array.isArray).flat().length); }; })`,
    );
  await expect.poll(outbox).toBe(3);
  // Reload with the API still unreachable (the page itself loads): the outbox comes back from IndexedDB.
  await page.route('**/v1/**', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await page.reload();
  void page.evaluate(() =>
    (window as unknown as { harness: { start(o: object): Promise<void> } }).harness.start({}),
  );
  expect(await outbox()).toBe(3);
  await page.unroute('**/v1/**');
  await until(page, (s) => mine(s).length === 4 && mine(s).every((m) => m.status === 'sent'));
  expect(mine((await stateOf(page))!).map((m) => m.text)).toEqual(['hello', 'a', 'b', 'c']);
  const conversationId = (await stateOf(page))!.conversations[0]!.id!;
  const agent = await agentApi(server.url, server.siteKey, server.agent);
  expect((await agent.messages(conversationId)).map((m) => m.text)).toEqual(['hello', 'a', 'b', 'c']);
});

test('one tab leads (Web Locks), followers mirror it over BroadcastChannel, notifications happen once', async ({
  context,
}) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  await until(a, (s) => s.leader && s.status === 'online');
  await open(b);
  await until(b, (s) => s.ready && !s.leader && s.status === 'online');
  // The follower starts a conversation: the leader sends it, both tabs show it sent.
  await call(b, `harness.client.startConversation({ text: 'from tab B' })`);
  await until(b, (s) => mine(s)[0]?.status === 'sent');
  await until(a, (s) => mine(s)[0]?.text === 'from tab B');
  const conversationId = (await stateOf(a))!.conversations[0]!.id!;
  const agent = await agentApi(server.url, server.siteKey, server.agent);
  await agent.reply(conversationId, 'Hello from the team');
  for (const tab of [a, b])
    await until(
      tab,
      (s) => s.unreadCount === 1 && s.conversations[0]!.messages.at(-1)!.text === 'Hello from the team',
    );
  const notified = async (tab: Page) =>
    (await call<{ name: string; kind?: string; notify?: boolean }[]>(tab, 'harness.events')).filter(
      (e) => e.notify && (e.name === 'unreadCountChange' || e.kind === 'received'),
    ).length;
  expect(await notified(a)).toBe(2);
  expect(await notified(b)).toBe(0);
  // Reading in one tab clears the count in both.
  await call(b, `harness.client.markRead(harness.client.conversations.value[0].clientId)`);
  await until(a, (s) => s.unreadCount === 0);
  // Queued while offline in one tab, shown as sending in both, then sent once.
  await a.context().setOffline(true);
  await call(b, `harness.client.sendMessage(harness.client.conversations.value[0].clientId, 'queued in B')`);
  await until(a, (s) => mine(s).some((m) => m.text === 'queued in B' && m.status === 'sending'));
  await a.context().setOffline(false);
  for (const tab of [a, b])
    await until(tab, (s) => mine(s).at(-1)?.text === 'queued in B' && mine(s).at(-1)?.status === 'sent');
  // The leader goes away: the follower takes the lock and the connection.
  await a.close();
  await until(b, (s) => s.leader && s.status === 'online');
  await agent.reply(conversationId, 'Still here?');
  await until(b, (s) => s.conversations[0]!.messages.at(-1)!.text === 'Still here?');
  // Destroying the leading tab's client closes its channel without throwing.
  await call(b, `harness.client.destroy()`);
  expect(await call(b, `harness.client.status.value`)).toBe('idle');
});

test('with storage in memory only (consent denied), each tab is its own visitor: it connects and sends alone', async ({
  context,
}) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a, { consent: false });
  await until(a, (s) => s.leader && s.status === 'online');
  await open(b, { consent: false });
  // Nothing is shared between the tabs (no storage): each one leads its own session and connection.
  await until(b, (s) => s.ready && s.leader && s.status === 'online');
  await call(b, `harness.client.startConversation({ text: 'from tab B' })`);
  await call(a, `harness.client.startConversation({ text: 'from tab A' })`);
  await until(b, (s) => mine(s)[0]?.status === 'sent');
  await call(b, `harness.client.sendMessage(harness.client.conversations.value[0].clientId, 'and again')`);
  await until(
    b,
    (s) =>
      mine(s)
        .map((m) => `${m.text}:${m.status}`)
        .join() === 'from tab B:sent,and again:sent',
  );
  await until(
    a,
    (s) =>
      mine(s)
        .map((m) => `${m.text}:${m.status}`)
        .join() === 'from tab A:sent',
  );
  const [stateA, stateB] = [(await stateOf(a))!, (await stateOf(b))!];
  expect(stateA.visitor!.id).not.toBe(stateB.visitor!.id);
  expect(stateA.conversations).toHaveLength(1);
  // Not even a database was created (opening one to look would create it).
  expect(await call<string[]>(b, `indexedDB.databases().then((all) => all.map((d) => d.name))`)).toEqual([]);
  // Consent given in tab B: it keeps being the same visitor, now stored, and leads the tabs that share storage.
  await call(b, 'harness.client.consent(true)');
  await until(
    b,
    (s) => s.leader && s.status === 'online' && s.visitor?.id === stateB.visitor!.id && mine(s).length === 2,
  );
  const c = await context.newPage();
  await open(c);
  await until(c, (s) => s.ready && !s.leader && s.visitor?.id === stateB.visitor!.id && mine(s).length === 2);
});

test('a tab loading while the leader receives a message still shows it (no event applied before the load)', async ({
  context,
}) => {
  const a = await context.newPage();
  await open(a);
  await until(a, (s) => s.leader && s.status === 'online');
  await call(a, `harness.client.startConversation({ text: 'first' })`);
  await until(a, (s) => mine(s)[0]?.status === 'sent');

  // Tab B's listing of messages is read by the server, then held back while tab A sends one more message and
  // the leader passes its event to B over BroadcastChannel: B sees the event before its listing arrives.
  const b = await context.newPage();
  await b.goto(`${server.url}/index.html`);
  let listed: () => void = () => {};
  const listingRead = new Promise<void>((resolve) => {
    listed = resolve;
  });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await b.route(/\/v1\/conversations\/[^/]+\/messages/, async (route) => {
    const response = await route.fetch();
    listed();
    await released;
    await route.fulfill({ response });
  });
  await call(
    b,
    `(() => { window.seen = []; const c = new BroadcastChannel('frontdesk:' + location.origin + '#${server.siteKey}'); c.onmessage = (e) => window.seen.push(e.data); })()`,
  );
  void b.evaluate(() =>
    (window as unknown as { harness: { start(o: object): Promise<void> } }).harness.start({}),
  );
  await listingRead;
  await call(a, `harness.client.sendMessage(harness.client.conversations.value[0].clientId, 'during load')`);
  const passedOn = `window.seen.some((m) => m.t === 'event' && m.event.type === 'message.created' && m.event.message.text === 'during load')`;
  await expect.poll(() => call<boolean>(b, passedOn)).toBe(true);
  release();
  await until(
    b,
    (s) =>
      s.ready &&
      mine(s)
        .map((m) => m.text)
        .join() === 'first,during load',
  );
  await b.unroute(/\/v1\/conversations\/[^/]+\/messages/);
});

test('going offline and online: status follows, queued messages go out in order', async ({
  page,
  context,
}) => {
  await open(page);
  await until(page, (s) => s.status === 'online');
  await call(page, `harness.client.startConversation({ text: 'start' })`);
  await until(page, (s) => mine(s)[0]?.status === 'sent');
  await context.setOffline(true);
  await until(page, (s) => s.status === 'offline');
  await call(
    page,
    `(() => { const c = harness.client.conversations.value[0]; for (let i = 0; i < 10; i++) harness.client.sendMessage(c.clientId, 'q' + i); })()`,
  );
  await context.setOffline(false);
  await until(page, (s) => s.status === 'online');
  await until(page, (s) => mine(s).length === 11 && mine(s).every((m) => m.status === 'sent'));
  const conversationId = (await stateOf(page))!.conversations[0]!.id!;
  const agent = await agentApi(server.url, server.siteKey, server.agent);
  const stored = (await agent.messages(conversationId)).map((m) => m.text);
  expect(stored).toEqual(['start', ...Array.from({ length: 10 }, (_, i) => `q${i}`)]);
});

test('before consent nothing is stored and nothing is requested; consent(true) starts the session', async ({
  page,
}) => {
  await open(page, { requireConsent: true });
  await page.waitForTimeout(300);
  expect((await stateOf(page))!.consent).toBe('pending');
  expect(await call<string[]>(page, 'harness.requests()')).toEqual([]);
  const databases = await call<{ name: string }[]>(page, 'indexedDB.databases()');
  expect(databases.map((d) => d.name)).not.toContain('frontdesk');
  await call(page, 'harness.client.consent(true)');
  await until(page, (s) => s.ready && s.consent === 'granted');
  expect((await call<{ name: string }[]>(page, 'indexedDB.databases()')).map((d) => d.name)).toContain(
    'frontdesk',
  );
});

test('when IndexedDB refuses to open (private mode, quota), the client warns once and works in memory', async ({
  page,
}) => {
  await open(page, { breakStorage: true });
  await until(page, (s) => s.status === 'online');
  await call(page, `harness.client.startConversation({ text: 'no storage' })`);
  await until(page, (s) => mine(s)[0]?.status === 'sent');
  const events = await call<{ name: string }[]>(page, 'harness.events');
  expect(events.filter((e) => e.name === 'warning')).toHaveLength(1);
  expect(events.filter((e) => e.name === 'error')).toHaveLength(0);
});

test('httpBackend passes the conformance suite in Chromium (WebSocket, fetch, FormData of the browser)', async ({
  page,
}) => {
  await page.goto(`${server.url}/index.html`);
  const results = await call<{ name: string; error: string | null }[]>(page, 'harness.conformance()');
  expect(results.length).toBeGreaterThan(8);
  expect(results.filter((r) => r.error)).toEqual([]);
});
