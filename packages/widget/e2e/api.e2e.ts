import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, launcher, openHost, panel, startWidgetServer, waitForWidget, widget } from './support';

// The JS API: the queue before load, methods, events, SPA page tracking, custom launchers.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

type Fd = (...args: unknown[]) => unknown;
const snippet = `<script nonce="n">
(function(w){var f=w.Frontdesk=function(){f.q.push(arguments)};f.q=[];})(window);
window.seen = [];
['ready','open','close','unreadCountChange','messageSent','messageReceived','conversationStarted','articleViewed','search']
  .forEach(function (name) { Frontdesk('on', name, function (e) { seen.push(name); }); });
Frontdesk('boot', { siteKey: 'demo', locale: 'en' });
Frontdesk('navigate', 'help');
</script>`;

test('calls queued before the bundle loads are replayed in order, then the API answers directly', async ({
  page,
}) => {
  await openHost(page, server, 'queue', {
    body: `<main><h1>Shop</h1></main>${snippet}`,
    data: { siteKey: '' },
  });
  // navigate('help') was queued: the panel opens on Help once loaded.
  await expect(panel(page)).toBeVisible({ timeout: 15_000 });
  await expect(panel(page).getByRole('searchbox')).toBeVisible();
  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  await expect.poll(seen).toContain('ready');
  expect(await seen()).toContain('open');
  const call = (...args: unknown[]) =>
    page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);

  expect(await call('isOpen')).toBe(true);
  expect(await call('getVisitorId')).toMatch(/\w+/);
  expect(await call('getUnreadCount')).toBe(0);
  await call('close');
  await expect(panel(page)).toBeHidden();
  expect(await seen()).toContain('close');
  await call('toggle');
  await expect(panel(page)).toBeVisible();

  await call('search', 'refund');
  await expect(panel(page).getByRole('searchbox')).toHaveValue('refund');
  await expect.poll(seen).toContain('search');

  await call('hide');
  await expect(launcher(page)).toBeHidden();
  await call('show');
  await expect(launcher(page)).toBeVisible();

  // A new message with a prefilled text; events for the start, the send and the agent's answer.
  await call('showNewMessage', 'My parcel is late');
  const box = panel(page).getByRole('textbox', { name: 'Message' });
  await expect(box).toHaveValue('My parcel is late');
  await box.press('Enter');
  await expect.poll(seen).toContain('conversationStarted');
  expect(await seen()).toContain('messageSent');
  const conversation = await agent.conversationWith('My parcel is late');
  await agent.reply(conversation.id, 'Let me check.');
  await expect.poll(seen).toContain('messageReceived');
  // Shown in the open thread, it is read.
  await expect.poll(() => call('getUnreadCount')).toBe(0);

  // While closed, a new answer counts as unread and shows on the launcher.
  await call('close');
  await agent.reply(conversation.id, 'Found it, it arrives tomorrow.');
  await expect.poll(() => call('getUnreadCount')).toBe(1);
  await expect(launcher(page)).toHaveAccessibleName('Open support, 1 unread message');
  expect(await seen()).toContain('unreadCountChange');

  await call('destroy');
  await expect(widget(page)).toHaveCount(0);
});

test('SPA navigation through the History API updates the page the agent sees, without any call', async ({
  page,
}) => {
  await openHost(page, server, 'spa');
  await waitForWidget(page);
  await launcher(page).click();
  const p = panel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('Question from the SPA');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('Question from the SPA');
  await page.evaluate(() => {
    document.title = 'Checkout';
    history.pushState({}, '', '/host/checkout?step=2');
  });
  await expect
    .poll(async () => (await agent.visitorPage(conversation.id))?.url ?? '')
    .toContain('/host/checkout?step=2');
});

test('any element with data-frontdesk-open is a launcher, even before the bundle is loaded', async ({
  page,
}) => {
  await openHost(page, server, 'custom-launcher', {
    body: '<main><button id="help" data-frontdesk-open>Need help?</button></main>',
    data: { hideLauncher: 'true' },
  });
  await page.locator('#help').click();
  await expect(panel(page)).toBeVisible({ timeout: 15_000 });
  await expect(launcher(page)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await page.locator('#help').click();
  await expect(panel(page)).toBeVisible();
});

test('identify greets the signed-in user by name; reset starts over as a new anonymous visitor', async ({
  page,
}) => {
  await openHost(page, server, 'identify');
  await waitForWidget(page);
  const call = (...args: unknown[]) =>
    page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);
  await expect.poll(() => call('getVisitorId')).not.toBeNull();
  const anonymous = await call('getVisitorId');
  await call('identify', { userId: 'user-42', name: 'Ana Novak', email: 'ana@example.com' });
  await call('open');
  await expect(panel(page).getByRole('heading', { level: 1 })).toHaveText('Hi Ana! How can we help?');
  await call('reset');
  await expect(panel(page).getByRole('heading', { level: 1 })).toHaveText('Hi! How can we help?');
  await expect.poll(() => call('getVisitorId')).not.toBe(anonymous);
});
