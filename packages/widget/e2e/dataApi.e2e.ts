import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { Agent, openHost, startWidgetServer } from './support';

// The visitor-data verbs (#17 part A), each through the queued snippet on a page of another origin: the calls are
// made before the bundle loads and replayed by it; what they did is checked the way an agent sees it.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

type Fd = (...args: unknown[]) => unknown;

/** A host page whose inline snippet queues `calls` (JS source) right after `boot`, and records `error` events. */
async function host(page: Page, name: string, calls: string, boot = ''): Promise<void> {
  const snippet = `<script>
(function(w){var f=w.Frontdesk=function(){f.q.push(arguments)};f.q=[];})(window);
window.errors = [];
Frontdesk('on', 'error', function (e) { errors.push(e.message); });
Frontdesk('boot', { siteKey: 'demo', locale: 'en'${boot} });
${calls}
</script>`;
  await openHost(page, server, name, {
    body: `<main><h1>Order 123</h1></main>${snippet}`,
    data: { siteKey: '' },
  });
}

const call = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);

/** The visitor as agents see them (once the widget's session started). */
async function visitorOf(page: Page): Promise<Record<string, unknown>> {
  await expect.poll(() => call(page, 'getVisitorId'), { timeout: 15_000 }).toMatch(/\w+/);
  const id = (await call(page, 'getVisitorId')) as string;
  return (await agent.call<{ visitor: Record<string, unknown> }>('GET', `/visitors/${id}`)).visitor;
}

/** The conversation whose last message has `text`, as agents see it. */
async function conversationWith(text: string) {
  const { id } = await agent.conversationWith(text);
  return (
    await agent.call<{ conversation: { fields: object; tags: string[] } }>('GET', `/conversations/${id}`)
  ).conversation;
}

test('sendMessage starts a conversation, then continues it, also when sent offline', async ({ page }) => {
  await host(page, 'send', `Frontdesk('sendMessage', 'I need help with order 123');`);
  const { id } = await agent.conversationWith('I need help with order 123');
  await call(page, 'sendMessage', 'It was a blue tent');
  await expect.poll(() => agent.messages(id)).toEqual(['I need help with order 123', 'It was a blue tent']);
  // Offline: the message waits in the outbox and goes once the browser is back online.
  await page.context().setOffline(true);
  await call(page, 'sendMessage', 'Sent while offline');
  await page.waitForTimeout(300);
  await page.context().setOffline(false);
  await expect
    .poll(() => agent.messages(id), { timeout: 20_000 })
    .toEqual(['I need help with order 123', 'It was a blue tent', 'Sent while offline']);
  // An empty text is refused on the page, with an error event naming the verb.
  await call(page, 'sendMessage', '   ');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { errors: string[] }).errors))
    .toContainEqual(expect.stringContaining('sendMessage'));
});

test('identify without a userId stores an unverified lead, apart from the profile', async ({ page }) => {
  await host(
    page,
    'lead',
    `Frontdesk('identify', { name: 'Lea Lead', email: 'lea@example.com', phone: '+420 777 000 111' });`,
  );
  await expect
    .poll(async () => (await visitorOf(page)).lead)
    .toEqual({ name: 'Lea Lead', email: 'lea@example.com', phone: '+420 777 000 111' });
  const visitor = await visitorOf(page);
  expect(visitor).toMatchObject({ userId: null, name: null, email: null });
  // A bad email is refused by the server; the site hears why.
  await call(page, 'identify', { email: 'not-an-email' });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { errors: string[] }).errors))
    .toContainEqual(expect.stringContaining('email'));
});

test('setCompany sets the company agents see', async ({ page }) => {
  await host(
    page,
    'company',
    `Frontdesk('setCompany', { id: 'acme', name: 'Acme Outdoor', attributes: { plan: 'gold' } });`,
  );
  await expect
    .poll(async () => (await visitorOf(page)).company)
    .toEqual({ id: 'acme', name: 'Acme Outdoor', attributes: { plan: 'gold' } });
});

test('setConversationFields set before writing go on the conversation the visitor starts', async ({
  page,
}) => {
  await host(
    page,
    'fields',
    `Frontdesk('setConversationFields', { orderId: '123', total: 49.5 });
Frontdesk('sendMessage', 'Where is order 123 with fields?');`,
  );
  await expect
    .poll(async () => (await conversationWith('Where is order 123 with fields?')).fields)
    .toEqual({ orderId: '123', total: 49.5 });
  await call(page, 'setConversationFields', { total: null, carrier: 'DHL' });
  await expect
    .poll(async () => (await conversationWith('Where is order 123 with fields?')).fields)
    .toEqual({ orderId: '123', carrier: 'DHL' });
});

test('addTags tags the current conversation', async ({ page }) => {
  await host(
    page,
    'add-tags',
    `Frontdesk('sendMessage', 'Tag me please'); Frontdesk('addTags', ['VIP', 'pre-sale']);`,
  );
  await expect.poll(async () => (await conversationWith('Tag me please')).tags).toEqual(['vip', 'pre-sale']);
  // A tag over the limit is refused with the path and the rule.
  await call(page, 'addTags', ['x'.repeat(41)]);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { errors: string[] }).errors))
    .toContainEqual(expect.stringContaining('tag of 1–40'));
});

test('removeTags removes tags from the current conversation', async ({ page }) => {
  await host(
    page,
    'remove-tags',
    `Frontdesk('sendMessage', 'Untag me please'); Frontdesk('addTags', ['billing', 'urgent']);`,
  );
  await expect
    .poll(async () => (await conversationWith('Untag me please')).tags)
    .toEqual(['billing', 'urgent']);
  await call(page, 'removeTags', ['urgent']);
  await expect.poll(async () => (await conversationWith('Untag me please')).tags).toEqual(['billing']);
});

test('deleteAttribute removes one attribute of the visitor', async ({ page }) => {
  await host(
    page,
    'attrs',
    `Frontdesk('deleteAttribute', 'plan');`,
    ", attributes: { plan: 'pro', seats: 3 }",
  );
  await expect.poll(async () => (await visitorOf(page)).attributes).toEqual({ seats: 3 });
});
