import type { TestServer } from '@frontdesk/server/testing';
import { type Browser, devices, expect, type Page, test } from '@playwright/test';
import {
  Agent,
  changeConfig,
  closeOwnContexts,
  expectNoAxeViolations,
  launcher,
  openHost,
  openPanel,
  panel,
  startWidgetServer,
  waitForWidget,
  widget,
} from './support';

closeOwnContexts();

// Proactive messages in real Chromium against the real server: triggers, caps, the bubble and a reply that opens
// a conversation the agent sees with the proactive message first.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  // Builds and starts a server: slow on a busy machine.
  test.setTimeout(180_000);
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

const bubble = (page: Page) => widget(page).locator('section.pb');

/** Publish these proactive messages (replacing the demo's). */
const useProactive = (proactive: unknown[]) => changeConfig(server, (config) => ({ ...config, proactive }));

/** Call the page's `Frontdesk(...)`. */
const frontdesk = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => {
    (window as unknown as { Frontdesk: (...x: unknown[]) => unknown }).Frontdesk(...a);
  }, args);

/** Long enough for a trigger to have fired (the widget checks every second). */
const settle = (page: Page) => page.waitForTimeout(2500);

test('a URL-pattern trigger shows once on matching pages and not again after a reload', async ({ page }) => {
  await useProactive([
    {
      id: 'pricing',
      trigger: { url: '*/host/pricing*' },
      from: { agent: 'Dana' },
      text: { en: 'Questions about our plans? Ask me.' },
      quickReplies: [{ en: 'Which plan fits me?' }],
    },
  ]);
  await openHost(page, server, 'other');
  await waitForWidget(page);
  await settle(page);
  await expect(bubble(page)).toHaveCount(0);

  await openHost(page, server, 'pricing');
  await expect(bubble(page)).toBeVisible({ timeout: 15_000 });
  await expect(bubble(page)).toContainText('Questions about our plans? Ask me.');
  await expect(bubble(page)).toContainText('Dana');
  // Announced politely to screen readers, and named as a region.
  await expect(widget(page).locator('.sr')).toContainText('Questions about our plans? Ask me.');
  await expect(widget(page).getByRole('region', { name: 'Message from Dana' })).toBeVisible();
  await expectNoAxeViolations(page, 'proactive bubble');

  await page.reload();
  await waitForWidget(page);
  await settle(page);
  await expect(bubble(page)).toHaveCount(0);
});

test('the bubble is dismissed with Escape or its × and focus returns to the launcher', async ({ page }) => {
  await useProactive([
    { id: 'hello', caps: { oncePerVisitor: false, oncePerSession: false }, text: { en: 'Hi!' } },
  ]);
  await openHost(page, server, 'dismiss');
  await expect(bubble(page)).toBeVisible({ timeout: 15_000 });
  await widget(page).getByRole('textbox', { name: 'Write a reply…' }).focus();
  await page.keyboard.press('Escape');
  await expect(bubble(page)).toHaveCount(0);
  await expect(launcher(page)).toBeFocused();
  await page.reload();
  await expect(bubble(page)).toBeVisible({ timeout: 15_000 });
  await widget(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(bubble(page)).toHaveCount(0);
});

test('exit intent fires on a desktop and not on a phone', async ({ page, browser }) => {
  await useProactive([
    { id: 'leaving', trigger: { exitIntent: true }, text: { en: 'Before you go: 10% off?' } },
  ]);
  await openHost(page, server, 'exit');
  await waitForWidget(page);
  await settle(page);
  await expect(bubble(page)).toHaveCount(0);
  // The mouse leaves through the top edge of the window.
  await page.mouse.move(600, 300);
  await page.mouse.move(600, 5, { steps: 5 });
  await page.mouse.move(600, -20, { steps: 2 });
  await expect(bubble(page)).toBeVisible({ timeout: 5000 });
  await expect(bubble(page)).toContainText('Before you go');

  const phone = await phonePage(browser);
  await openHost(phone, server, 'exit-phone');
  await waitForWidget(phone);
  // Neither a pointer leaving the top nor the very event a desktop gets shows it on a touch screen.
  await phone.mouse.move(200, 300);
  await phone.mouse.move(200, -20, { steps: 3 });
  await phone.evaluate(() =>
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, bubbles: true })),
  );
  await settle(phone);
  await expect(bubble(phone)).toHaveCount(0);
  await phone.context().close();
});

test('a quick reply opens a conversation the agent sees with the proactive message first', async ({
  page,
}) => {
  await useProactive([
    {
      id: 'shipping',
      trigger: { event: { name: 'cart.add', where: [{ key: 'total', op: 'greaterThan', value: 50 }] } },
      from: { agent: 'Dana' },
      text: { en: 'Free shipping from 100 €: need help choosing?' },
      quickReplies: [{ en: 'Yes, help me' }, { en: 'No thanks' }],
    },
  ]);
  await openHost(page, server, 'shop');
  await waitForWidget(page);
  // The event's data must match: a small cart does not trigger it, a larger one does.
  await frontdesk(page, 'trackEvent', 'cart.add', { total: 20 });
  await settle(page);
  await expect(bubble(page)).toHaveCount(0);
  await frontdesk(page, 'trackEvent', 'cart.add', { total: 80 });
  await expect(bubble(page)).toBeVisible({ timeout: 5000 });

  await widget(page).getByRole('button', { name: 'Yes, help me' }).click();
  await expect(bubble(page)).toHaveCount(0);
  const p = panel(page);
  await expect(p).toBeVisible();
  await expect(p.getByText('Free shipping from 100 €: need help choosing?')).toBeVisible({ timeout: 10_000 });
  await expect(p.getByText('Yes, help me')).toBeVisible();

  const conversation = await agent.conversationWith('Yes, help me');
  expect(await agent.messages(conversation.id)).toEqual([
    'Free shipping from 100 €: need help choosing?',
    'Yes, help me',
  ]);
  const authors = await agent.call<{ author: { kind: string; name: string } }[]>(
    'GET',
    `/conversations/${conversation.id}/messages`,
  );
  expect(authors[0]!.author).toMatchObject({ kind: 'agent', name: 'Dana' });
});

test('caps: never while the panel is open or a conversation is active', async ({ page }) => {
  await useProactive([
    {
      id: 'wait',
      trigger: { timeOnPage: 2 },
      caps: { oncePerVisitor: false, oncePerSession: false },
      text: { en: 'Still looking?' },
    },
  ]);
  await openHost(page, server, 'caps');
  const p = await openPanel(page);
  await page.waitForTimeout(3500);
  await expect(bubble(page)).toHaveCount(0);
  // Closed again, the trigger still holds and the caps allow it.
  await p.getByRole('button', { name: 'Close' }).click();
  await expect(bubble(page)).toBeVisible({ timeout: 5000 });
  await widget(page).getByRole('button', { name: 'Dismiss' }).click();

  // The visitor starts a conversation: while it is open, nothing shows, even after a reload.
  await openPanel(page);
  await panel(page).getByRole('button', { name: 'Send us a message' }).click();
  await panel(page).getByRole('textbox', { name: 'Message' }).fill('Question about caps');
  await panel(page).getByRole('button', { name: 'Send' }).click();
  const conversation = await agent.conversationWith('Question about caps');
  await page.reload();
  await waitForWidget(page);
  await page.waitForTimeout(3500);
  await expect(bubble(page)).toHaveCount(0);
  // Resolved, it is no longer active: the message may show again.
  await agent.resolve(conversation.id);
  await expect(bubble(page)).toBeVisible({ timeout: 10_000 });
});

test('showMessage from the page; a typed reply starts the conversation; screenshots', async ({
  page,
  browser,
}) => {
  await useProactive([
    {
      id: 'welcome',
      trigger: { url: '*/never-matches' },
      from: { agent: 'Dana' },
      text: { en: 'Hi! I am Dana from Acme Outdoor. Planning a hike? I can help you pick the right tent.' },
      quickReplies: [{ en: 'Show me tents' }, { en: 'Just browsing' }],
    },
  ]);
  await openHost(page, server, 'api');
  await waitForWidget(page);
  await frontdesk(page, 'showMessage', { id: 'welcome' });
  await expect(bubble(page)).toBeVisible({ timeout: 5000 });
  await page.screenshot({ path: 'test-results/proactive-desktop.png' });

  const phone = await phonePage(browser);
  await openHost(phone, server, 'api-phone');
  await waitForWidget(phone);
  await frontdesk(phone, 'showMessage', {
    text: 'Our summer sale ends tonight. Questions?',
    quickReplies: ['Yes'],
  });
  await expect(bubble(phone)).toBeVisible({ timeout: 5000 });
  await phone.screenshot({ path: 'test-results/proactive-phone.png' });
  await expectNoAxeViolations(phone, 'proactive bubble on a phone');
  await widget(phone).getByRole('textbox', { name: 'Write a reply…' }).fill('When exactly?');
  await widget(phone).getByRole('button', { name: 'Send reply' }).tap();
  await expect(panel(phone).getByText('When exactly?')).toBeVisible();
  const conversation = await agent.conversationWith('When exactly?');
  const list = await agent.call<{ text: string; author: { kind: string } }[]>(
    'GET',
    `/conversations/${conversation.id}/messages`,
  );
  expect(list[0]).toMatchObject({
    text: 'Our summer sale ends tonight. Questions?',
    author: { kind: 'bot' },
  });
  await phone.context().close();
});

async function phonePage(browser: Browser): Promise<Page> {
  const { defaultBrowserType: _, ...pixel } = devices['Pixel 7'];
  const context = await browser.newContext(pixel);
  return context.newPage();
}
