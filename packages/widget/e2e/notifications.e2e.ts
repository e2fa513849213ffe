import type { TestServer } from '@frontdesk/server/testing';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  Agent,
  changeConfig,
  closeOwnContexts,
  expectNoAxeViolations,
  openHost,
  panel,
  startWidgetServer,
  waitForWidget,
  widget,
} from './support';

closeOwnContexts();

// Notifications: a team message while the panel is closed plays one tone and shows one title badge per visitor,
// however many tabs they have open; the `messageReceived` event says which tab that is.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

type Seen = { tones: number; received: { text: string; notifies: boolean }[] };
type Fd = (...args: unknown[]) => unknown;

// Count every sound the page starts (Web Audio sources and media elements), and every messageReceived event.
function instrument(): void {
  const w = window as unknown as { seen: Seen };
  w.seen = { tones: 0, received: [] };
  const start = AudioScheduledSourceNode.prototype.start;
  AudioScheduledSourceNode.prototype.start = function (...args) {
    w.seen.tones++;
    return start.apply(this, args);
  };
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    w.seen.tones++;
    return play.call(this);
  };
}

const snippet = `<script>
(function(w){var f=w.Frontdesk=function(){f.q.push(arguments)};f.q=[];})(window);
Frontdesk('on', 'messageReceived', function (e) { seen.received.push({ text: e.text, notifies: e.notifies }); });
Frontdesk('boot', { siteKey: 'demo', locale: 'en' });
</script>`;

async function openTabs(context: BrowserContext, name: string, count: number): Promise<Page[]> {
  await context.addInitScript(instrument);
  const tabs: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await openHost(page, server, name, {
      body: `<main><h1>Shop</h1></main>${snippet}`,
      data: { siteKey: '' },
    });
    await waitForWidget(page);
    tabs.push(page);
  }
  return tabs;
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);
const call = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);

/** Start a conversation from `page` and close the panel again; returns the conversation's id. */
async function startConversation(page: Page, text: string): Promise<string> {
  await call(page, 'showNewMessage');
  const box = panel(page).getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  const mine = panel(page).locator('li.m.v').filter({ hasText: text });
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
  await call(page, 'close');
  await expect(panel(page)).toBeHidden();
  return (await agent.conversationWith(text)).id;
}

async function total(tabs: Page[]): Promise<{ tones: number }> {
  const all = await Promise.all(tabs.map(seen));
  return { tones: all.reduce((sum, s) => sum + s.tones, 0) };
}

/** Wait until every tab got `count` team messages. */
async function received(tabs: Page[], count: number): Promise<void> {
  for (const tab of tabs) await expect.poll(async () => (await seen(tab)).received.length).toBe(count);
}

test('three tabs of one visitor: one tone, one title badge, and `notifies` true in exactly one tab', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const tabs = await openTabs(context, 'notify-three', 3);
  const id = await startConversation(tabs[0]!, 'Do you sell tent pegs?');
  await agent.reply(id, 'Yes, in packs of ten.');
  await received(tabs, 1);
  // Give a stray second tone or badge time to show up before counting.
  await tabs[0]!.waitForTimeout(500);

  const all = await Promise.all(tabs.map(seen));
  expect(all.reduce((sum, s) => sum + s.tones, 0)).toBe(1);
  expect(all.map((s) => s.received[0]!.notifies).filter(Boolean)).toHaveLength(1);
  const titles = await Promise.all(tabs.map((t) => t.title()));
  expect(titles.filter((t) => t === '(1) Host notify-three')).toHaveLength(1);
  expect(titles.filter((t) => t === 'Host notify-three')).toHaveLength(2);
  // The tab that played the tone is the tab that was told `notifies` and shows the badge.
  const notifier = all.findIndex((s) => s.received[0]!.notifies);
  expect(all[notifier]!.tones).toBe(1);
  expect(titles[notifier]).toBe('(1) Host notify-three');

  // Opening the panel there (and so reading the message) gives the page its title back.
  await call(tabs[notifier]!, 'navigate', 'messages');
  await expect(tabs[notifier]!).toHaveTitle('Host notify-three');
  await call(tabs[notifier]!, 'close');

  // The visitor has the panel open in another tab: the next message stays quiet everywhere.
  const other = tabs[(notifier + 1) % 3]!;
  await call(other, 'open');
  await expect(panel(other)).toBeVisible();
  await agent.reply(id, 'Want a tent too?');
  await received(tabs, 2);
  await other.waitForTimeout(500);
  expect((await total(tabs)).tones).toBe(1);
  expect(await tabs[notifier]!.title()).toBe('Host notify-three');
  // Closed there too: the next one alerts again, once.
  await call(other, 'close');
  await expect(panel(other)).toBeHidden();
  await agent.reply(id, 'Pegs ship today.');
  await received(tabs, 3);
  await expect.poll(async () => (await total(tabs)).tones).toBe(2);
  await other.waitForTimeout(500);
  expect((await total(tabs)).tones).toBe(2);
  await context.close();
});

test('a visitor who muted notifications in the panel hears and sees nothing; the choice is remembered', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const tabs = await openTabs(context, 'notify-muted', 2);
  const id = await startConversation(tabs[0]!, 'Quiet please, about my boots');
  // The mute toggle sits in the conversation view.
  await call(tabs[0]!, 'showNewMessage');
  const mute = panel(tabs[0]!).getByRole('button', { name: 'Mute notifications' });
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(tabs[0]!, 'conversation with the mute toggle');
  await tabs[0]!.screenshot({ path: 'test-results/widget-muted.png' });
  await call(tabs[0]!, 'close');

  await agent.reply(id, 'Your boots ship tomorrow.');
  await received(tabs, 1);
  await tabs[0]!.waitForTimeout(500);
  const all = await Promise.all(tabs.map(seen));
  expect(all.map((s) => s.tones)).toEqual([0, 0]);
  expect(await Promise.all(tabs.map((t) => t.title()))).toEqual(['Host notify-muted', 'Host notify-muted']);
  // The site is still told which tab would notify, so it can decide for itself.
  expect(all.map((s) => s.received[0]!.notifies).filter(Boolean)).toHaveLength(1);

  // Remembered: a new page view of the same visitor shows the toggle pressed.
  await tabs[1]!.reload();
  await waitForWidget(tabs[1]!);
  await call(tabs[1]!, 'showNewMessage');
  await expect(panel(tabs[1]!).getByRole('button', { name: 'Mute notifications' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await context.close();
});

test('the site config turns the tone and the title badge off', async ({ browser }) => {
  await changeConfig(server, (config) => ({ ...config, notifications: { sound: false, titleBadge: false } }));
  try {
    const context = await browser.newContext();
    const [tab] = await openTabs(context, 'notify-off', 1);
    const id = await startConversation(tab!, 'No noise for this site');
    await agent.reply(id, 'Understood.');
    await received([tab!], 1);
    await tab!.waitForTimeout(500);
    expect((await seen(tab!)).tones).toBe(0);
    expect(await tab!.title()).toBe('Host notify-off');
    expect(await widget(tab!).count()).toBe(1);
    await context.close();
  } finally {
    await changeConfig(server, (config) => ({ ...config, notifications: { sound: true, titleBadge: true } }));
  }
});
