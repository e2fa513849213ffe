import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import {
  Agent,
  closeOwnContexts,
  expectNoAxeViolations,
  launcher,
  openHost,
  panel,
  startWidgetServer,
  waitForWidget,
  widget,
} from './support';

closeOwnContexts();

// The run-time verbs of the JS API (issue #17, part B), each called as a site does: through the queueing snippet
// of docs/embedding.md, on a page of another origin than the Frontdesk server.
let server: TestServer;
let agent: Agent;
let admin: Agent;
/** Set the presence of the whole team (the agent and the admin, who signed in to publish the test config). */
const team = async (status: 'online' | 'away' | 'offline') => {
  for (const who of [agent, admin]) await who.call('POST', '/presence', { status });
};
/**
 * Change the team's presence until the page has seen it: availability is a live event, not replayed, and the
 * widget's realtime link opens a moment after the session starts (each poll tells it again; bounded by the timeout).
 */
const teamUntil = (status: 'online' | 'away' | 'offline', seen: () => Promise<boolean>) =>
  expect
    .poll(async () => {
      await team(status);
      return seen();
    })
    .toBe(true);
test.beforeAll(async () => {
  // Building the widget and starting the server take a while on a busy machine.
  test.setTimeout(180_000);
  server = await startWidgetServer();
  agent = await new Agent(server).login();
  admin = await new Agent(server, server.admin).login();
});
test.afterAll(async () => server?.stop());
test.afterEach(async () => team('online'));

/** The documented queueing snippet (without the script injection: `openHost` adds the loader tag). */
const SNIPPET = `(function (w) {
  var f = function () {
    var a = arguments;
    f.q.push(a);
    if (/^(get|is)[A-Z]/.test(a[0])) return new Promise(function (r) { a.r = r; });
  };
  w.Frontdesk = f;
  f.q = [];
})(window);`;

type Fd = (...args: unknown[]) => unknown;
const api =
  (page: Page) =>
  (...args: unknown[]) =>
    page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);

/** Console errors and `error` events of the widget, as the site sees them. */
function watchErrors(page: Page): { console: string[]; events: () => Promise<string[]> } {
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') console.push(m.text());
  });
  return {
    console,
    events: () => page.evaluate(() => (window as unknown as { errors: string[] }).errors ?? []),
  };
}
const LISTEN_ERRORS = `Frontdesk('on', 'error', function (e) { (window.errors = window.errors || []).push(e.code + ' ' + e.message); });`;

/** Start a conversation from the panel; returns its server id. */
async function startConversation(page: Page, text: string): Promise<string> {
  await api(page)('showNewMessage', text);
  const box = panel(page).getByRole('textbox', { name: 'Message' });
  await expect(box).toHaveValue(text);
  await box.press('Enter');
  return (await agent.conversationWith(text)).id;
}

test('getters called before the bundle loads return Promises, answered once the session started', async ({
  page,
}) => {
  await openHost(page, server, 'getters', {
    body: `<main><h1>Shop</h1></main><script>${SNIPPET}
window.early = [Frontdesk('getVisitorId'), Frontdesk('getUnreadCount'), Frontdesk('isOpen'), Frontdesk('getAvailability')];
window.promises = window.early.every(function (p) { return p instanceof Promise; });
window.statuses = [];
Frontdesk('on', 'availabilityChange', function (e) { window.statuses.push(e.status); });
</script>`,
  });
  expect(await page.evaluate(() => (window as unknown as { promises: boolean }).promises)).toBe(true);
  const [visitorId, unread, open, availability] = await page.evaluate(
    () => Promise.all((window as unknown as { early: Promise<unknown>[] }).early) as Promise<unknown[]>,
  );
  expect(visitorId).toMatch(/^\w+/);
  expect(unread).toBe(0);
  expect(open).toBe(false);
  expect(availability).toMatchObject({ status: 'online', nextOpenAt: null });

  // Loaded: getters answer directly; availabilityChange follows the team.
  const call = api(page);
  expect(await call('getVisitorId')).toBe(visitorId);
  await teamUntil('away', async () =>
    (await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses)).includes('away'),
  );
  expect(await call('getAvailability')).toMatchObject({ status: 'away', expectedReplyMinutes: null });
});

test("the loader's own queue answers getters with Promises too (no snippet on the page)", async ({
  page,
}) => {
  await openHost(page, server, 'loader-queue', {
    // A blocking loader tag in <head>, then a call while the main bundle is still on its way.
    head: `<script src="${server.url}/widget/frontdesk.js" data-site-key="demo"></script>
<script>window.answer = Frontdesk('isOpen'); window.promise = window.answer instanceof Promise;</script>`,
  });
  expect(await page.evaluate(() => (window as unknown as { promise: boolean }).promise)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { answer: Promise<boolean> }).answer)).toBe(false);
});

test('suggest shows articles for this page on Home and above a new message; a bad argument is named', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openHost(page, server, 'suggest', {
    body: `<script>${SNIPPET}${LISTEN_ERRORS}Frontdesk('suggest', 'return an item');</script>`,
  });
  await waitForWidget(page);
  const call = api(page);
  await call('open');
  const tips = panel(page).locator('.card', { hasText: 'Suggested articles' });
  await expect(tips.getByRole('button')).not.toHaveCount(0);
  await expect(tips.getByRole('button').first()).toHaveText('Returning an item');
  await expectNoAxeViolations(page, 'home with suggested articles');
  await page.screenshot({ path: test.info().outputPath('home-suggestions.png') });

  // By ids: the search API gives one, as a site would know it.
  const search = await fetch(`${server.url}/v1/help/search?q=delivery&locale=en`, {
    headers: { 'x-frontdesk-site': 'demo' },
  });
  const [hit] = (await search.json()) as { articleId: string; title: string }[];
  await call('suggest', [hit!.articleId, 'no-such-article']);
  await expect(tips.getByRole('button')).toHaveText([hit!.title]);
  await call('showNewMessage');
  const box = panel(page).locator('.card', { hasText: 'Suggested articles' });
  await expect(box.getByRole('button', { name: hit!.title })).toBeVisible();
  await box.getByRole('button', { name: hit!.title }).click();
  await expect(panel(page).getByRole('heading', { level: 1 })).toHaveText(hit!.title);

  await call('suggest', 42);
  expect(errors.console.join('\n')).toContain('[Frontdesk] suggest: articles');
  expect((await errors.events()).join('\n')).toContain('validation_failed [Frontdesk] suggest: articles');
  // An empty list clears them.
  await call('suggest', []);
  await call('navigate', 'home');
  await expect(panel(page).getByText('Suggested articles')).toHaveCount(0);
});

test('showConversation opens one of the visitor conversations; endConversation resolves it as an agent would', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openHost(page, server, 'show-end', {
    body: `<script>${SNIPPET}${LISTEN_ERRORS}window.seen = [];
Frontdesk('on', 'conversationResolved', function (e) { seen.push(e.conversationId); });</script>`,
  });
  await waitForWidget(page);
  const call = api(page);
  const id = await startConversation(page, 'Can I return worn boots?');
  await call('navigate', 'home');
  await call('close');

  await call('showConversation', id);
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByText('Can I return worn boots?')).toBeVisible();

  await call('endConversation');
  await expect(panel(page).getByText('This conversation was resolved.')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([id]);
  const detail = await agent.call<{ conversation: { status: string } }>('GET', `/conversations/${id}`);
  expect(detail.conversation.status).toBe('resolved');
  // What follows a resolution follows: the follow-up question, then the rating.
  await expect(panel(page).getByText('Is your problem solved?')).toBeVisible();

  await call('showConversation', 'cv_not_theirs');
  await expect
    .poll(() => errors.events(), { timeout: 10_000 })
    .toContain('not_found [Frontdesk] showConversation: no conversation cv_not_theirs for this visitor');
});

test('showTicket opens the conversation of a ticket by its reference', async ({ page }) => {
  await openHost(page, server, 'ticket', { body: `<script>${SNIPPET}</script>` });
  await waitForWidget(page);
  const call = api(page);
  await call('open');
  const p = panel(page);
  await p.getByRole('button', { name: 'Ask a question' }).click();
  await p.getByRole('textbox', { name: /Your email/ }).fill('ana@example.com');
  await p.getByRole('combobox', { name: /Topic/ }).selectOption('order');
  await p.getByRole('textbox', { name: /Your question/ }).fill('Can the parcel go to my office?');
  await p.getByRole('button', { name: 'Send' }).click();
  const text = (await p.getByText(/Your reference is [A-Z]+-\d+\./).textContent()) ?? '';
  const reference = text.match(/[A-Z]+-\d+/)![0];
  await call('close');

  await call('showTicket', reference);
  await expect(p).toBeVisible();
  await expect(p.getByText('Can the parcel go to my office?')).toBeVisible();
});

test('popout opens the chat in a window of the server, handed over with a one-time code', async ({
  page,
}) => {
  await openHost(page, server, 'popout', {
    body: `<button id="pop" onclick="Frontdesk('popout')">Chat in a window</button><script>${SNIPPET}</script>`,
  });
  await waitForWidget(page);
  await startConversation(page, 'Please open me in a window');
  const opened = page.waitForEvent('popup');
  await page.locator('#pop').click();
  const popup = await opened;
  await popup.waitForLoadState();
  // The code is gone from the address bar (and history) at once.
  expect(new URL(popup.url()).origin).toBe(server.url);
  expect(new URL(popup.url()).hash).toBe('');
  await expect(popup.getByText('Please open me in a window')).toBeVisible({ timeout: 15_000 });
  // The same conversation continues there.
  await popup.getByText('Please open me in a window').click();
  const box = popup.locator('frontdesk-widget').getByRole('textbox', { name: 'Message' });
  await box.fill('Written in the popout');
  await box.press('Enter');
  const conv = await agent.conversationWith('Written in the popout');
  expect(await agent.messages(conv.id)).toEqual(['Please open me in a window', 'Written in the popout']);
  await popup.screenshot({ path: test.info().outputPath('popout.png') });
});

test('setTheme, setPosition and setZIndex change the widget at run time; bad values are named', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openHost(page, server, 'look', { body: `<script>${SNIPPET}${LISTEN_ERRORS}</script>` });
  await waitForWidget(page);
  const call = api(page);
  await call('setTheme', { brandColor: '#0b6e4f' });
  await expect(launcher(page)).toHaveCSS('background-color', 'rgb(11, 110, 79)');
  await call('setPosition', { side: 'left', offsetX: 40, offsetY: 30 });
  await expect.poll(async () => (await launcher(page).boundingBox())?.x).toBe(40);
  const viewport = page.viewportSize()!;
  const box = (await launcher(page).boundingBox())!;
  expect(viewport.height - (box.y + box.height)).toBe(30);
  await call('setZIndex', 1234);
  await expect(widget(page)).toHaveCSS('z-index', '1234');

  await call('setZIndex', 1.5);
  await call('setPosition', { side: 'top' });
  await call('setTheme', { brandColor: 'red', sparkle: true });
  const said = errors.console.join('\n');
  expect(said).toContain('[Frontdesk] setZIndex: zIndex');
  expect(said).toContain('[Frontdesk] setPosition: position.side');
  expect(said).toContain('[Frontdesk] setTheme: theme.brandColor');
  expect(said).toContain('theme.sparkle');
  expect((await errors.events()).filter((e) => e.startsWith('validation_failed'))).toHaveLength(3);
  // Nothing changed.
  await expect(widget(page)).toHaveCSS('z-index', '1234');
  await expect(launcher(page)).toHaveCSS('background-color', 'rgb(11, 110, 79)');
});

test('hideOnMobile hides the launcher on a phone only; open still works', async ({ browser }) => {
  for (const [width, hidden] of [
    [390, true],
    [1200, false],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await openHost(page, server, `mobile-${width}`, { data: { hideOnMobile: 'true' } });
    await expect(widget(page).locator('button.la')).toHaveCount(1, { timeout: 15_000 });
    if (hidden) await expect(launcher(page)).toBeHidden();
    else await expect(launcher(page)).toBeVisible();
    await api(page)('open');
    await expect(panel(page)).toBeVisible();
    await context.close();
  }
});

test('hideWhenOffline hides the launcher while nobody is there', async ({ page }) => {
  await openHost(page, server, 'offline', { data: { hideWhenOffline: 'true' } });
  await waitForWidget(page);
  await teamUntil('offline', () => launcher(page).isHidden());
  expect(await api(page)('getAvailability')).toMatchObject({ status: 'offline' });
  await teamUntil('online', () => launcher(page).isVisible());
});
