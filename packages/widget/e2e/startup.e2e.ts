import { createHmac } from 'node:crypto';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { Agent, launcher, openHost, panel, startWidgetServer, waitForWidget, widget } from './support';

// Start-up in short tasks and the panel prepared on intent (docs/embedding.md, "Performance on the host page"):
// what a visitor and a site's script can notice of it. Timings are `pnpm bench:host`'s job.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
});
test.afterAll(async () => server?.stop());

type Fd = (...args: unknown[]) => unknown;
const call = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { Frontdesk: Fd }).Frontdesk(...a), args);
/** The main bundle replaced the loader's queue with the real API (the queue has `q`). */
const bundleLoaded = (page: Page) =>
  page.waitForFunction(() => !('q' in (window as unknown as { Frontdesk: object }).Frontdesk), null, {
    timeout: 15_000,
  });

test('hovering the launcher prepares the panel unseen; the click shows it with focus inside', async ({
  page,
}) => {
  // A page button right where the panel will be: a prepared panel must not cover it.
  await openHost(page, server, 'intent', {
    body: `<main><h1>Shop</h1><button id="under" style="position:fixed;right:60px;bottom:300px"
      onclick="this.textContent='clicked'">Page button</button></main>`,
  });
  await waitForWidget(page);
  await launcher(page).hover();
  await expect(widget(page).locator('section.p')).toHaveCount(1);
  await expect(panel(page)).toHaveCount(0);
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  await page.locator('#under').click();
  await expect(page.locator('#under')).toHaveText('clicked');

  await launcher(page).click();
  await expect(panel(page)).toBeVisible();
  await expect(panel(page)).toBeFocused();
  await expect(panel(page).getByRole('searchbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(launcher(page)).toBeFocused();
  // Closed, it is out of sight and of the accessibility tree (focus back on the launcher prepares it again).
  await expect(panel(page)).toHaveCount(0);
  await expect(widget(page).locator('section.p')).toBeHidden();
  await page.locator('#under').click();
});

test('the prepared panel never shows a frame without focus inside it', async ({ page }) => {
  await openHost(page, server, 'focus-frame');
  await waitForWidget(page);
  await launcher(page).hover();
  await expect(widget(page).locator('section.p')).toHaveCount(1);
  // Watch every frame from the click: the first one with the dialog visible must already have focus inside.
  const watching = page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const root = document.querySelector('frontdesk-widget')!.shadowRoot!;
        let frames = 0;
        const look = () => {
          const dialog = root.querySelector('[role=dialog]');
          if (dialog?.checkVisibility({ visibilityProperty: true }))
            resolve(dialog.contains(root.activeElement));
          else if (++frames < 600) requestAnimationFrame(look);
          else resolve(false);
        };
        root.addEventListener('click', () => requestAnimationFrame(look), { once: true });
      }),
  );
  await launcher(page).click();
  expect(await watching).toBe(true);
  await expect(panel(page)).toBeFocused();
});

test('focusing the launcher from the keyboard prepares the panel too; Enter opens it', async ({ page }) => {
  await openHost(page, server, 'keyboard');
  await waitForWidget(page);
  await launcher(page).focus();
  await expect(widget(page).locator('section.p')).toHaveCount(1);
  await expect(panel(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
  await expect(panel(page)).toBeFocused();
});

test('calls made right after boot wait for the widget and run in order', async ({ page }) => {
  await openHost(page, server, 'late-boot', { data: { siteKey: '' } });
  await bundleLoaded(page);
  // Boot sets the widget up over a few tasks; these calls come in the same task as boot.
  const before = await page.evaluate(() => {
    const fd = (window as unknown as { Frontdesk: Fd }).Frontdesk;
    fd('boot', { siteKey: 'demo', locale: 'en' });
    fd('navigate', 'help');
    fd('search', 'refund');
    return fd('isOpen');
  });
  // Before the widget exists, a getter answers as before boot.
  expect(before).toBe(false);
  await expect(panel(page)).toBeVisible({ timeout: 15_000 });
  await expect(panel(page).getByRole('searchbox')).toHaveValue('refund');
  expect(await call(page, 'isOpen')).toBe(true);
});

test('shutdown right after boot leaves no widget, and boot works again afterwards', async ({ page }) => {
  await openHost(page, server, 'boot-shutdown', { data: { siteKey: '' } });
  await bundleLoaded(page);
  await page.evaluate(() => {
    const fd = (window as unknown as { Frontdesk: Fd }).Frontdesk;
    fd('boot', { siteKey: 'demo', locale: 'en' });
    fd('open');
    fd('shutdown');
  });
  // Bounded wait for anything a late boot step would still add.
  await page.waitForTimeout(1500);
  await expect(widget(page)).toHaveCount(0);
  await call(page, 'boot', { siteKey: 'demo', locale: 'en' });
  await waitForWidget(page);
  await expect(widget(page)).toHaveCount(1);
  await expect(panel(page)).toHaveCount(0);
});

test('shutdown while a boot is under way forgets the session on this device, as a shutdown after boot does', async ({
  page,
}) => {
  // A visitor's session, stored on this device (consent is not required by the demo site).
  await openHost(page, server, 'boot-shutdown-forget', { data: { siteKey: '' } });
  await bundleLoaded(page);
  await call(page, 'boot', { siteKey: 'demo', locale: 'en' });
  await waitForWidget(page);
  await expect.poll(() => call(page, 'getVisitorId'), { timeout: 15_000 }).toMatch(/\w/);
  const first = await call(page, 'getVisitorId');
  // The next page view (say, a sign-out page) boots and shuts down at once, before the boot finished.
  await openHost(page, server, 'boot-shutdown-forget', { data: { siteKey: '' } });
  await bundleLoaded(page);
  await page.evaluate(() => {
    const fd = (window as unknown as { Frontdesk: Fd }).Frontdesk;
    fd('boot', { siteKey: 'demo', locale: 'en' });
    fd('shutdown');
  });
  await page.waitForTimeout(1500);
  // The page after it: a new visitor, not the one before the shutdown.
  await openHost(page, server, 'boot-shutdown-forget', { data: { siteKey: '' } });
  await bundleLoaded(page);
  await call(page, 'boot', { siteKey: 'demo', locale: 'en' });
  await waitForWidget(page);
  await expect.poll(() => call(page, 'getVisitorId'), { timeout: 15_000 }).toMatch(/\w/);
  expect(await call(page, 'getVisitorId')).not.toBe(first);
});

/** Count every `<frontdesk-widget>` ever attached to the page (a widget shown for a moment counts too). */
const countWidgets = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { widgetsAdded: number };
    w.widgetsAdded = 0;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n.nodeName === 'FRONTDESK-WIDGET') w.widgetsAdded++;
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
const widgetsAdded = (page: Page) =>
  page.evaluate(() => (window as unknown as { widgetsAdded: number }).widgetsAdded);

test('boot, shutdown, boot again while the first boot is under way: the last boot is the one live', async ({
  page,
}) => {
  const agent = await new Agent(server).login();
  const user = (userId: string, name: string) => ({
    userId,
    name,
    userHash: createHmac('sha256', server.siteSecret).update(userId).digest('hex'),
  });
  await openHost(page, server, 'boot-shutdown-boot', { data: { siteKey: '' } });
  await bundleLoaded(page);
  await countWidgets(page);
  await page.evaluate(
    ([alice, bob]) => {
      const fd = (window as unknown as { Frontdesk: Fd }).Frontdesk;
      fd('boot', { siteKey: 'demo', locale: 'cs', user: alice });
      fd('open');
      fd('shutdown');
      fd('boot', { siteKey: 'demo', locale: 'en', user: bob });
    },
    [user('u-alice', 'Alice A'), user('u-bob', 'Bob B')],
  );
  await waitForWidget(page);
  // Bob's options (English, closed) and identity; Alice's widget was never attached, her queued open dropped.
  await expect(launcher(page)).toHaveAccessibleName('Open support');
  await expect(panel(page)).toHaveCount(0);
  await expect.poll(() => call(page, 'getVisitorId'), { timeout: 15_000 }).not.toBeNull();
  const visitorId = (await call(page, 'getVisitorId')) as string;
  const { visitor } = await agent.call<{ visitor: { name: string | null } }>('GET', `/visitors/${visitorId}`);
  expect(visitor.name).toBe('Bob B');
  // Bounded wait for anything a late step of the first boot would still add.
  await page.waitForTimeout(1000);
  expect(await widgetsAdded(page)).toBe(1);
  await expect(widget(page)).toHaveCount(1);
});

test('a boot that failed while setting up lets the next boot try again', async ({ page }) => {
  await openHost(page, server, 'boot-fails-once', { data: { siteKey: '' } });
  await bundleLoaded(page);
  // The first widget cannot attach its shadow root (as with a host page script that breaks it for a moment).
  await page.evaluate(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, _init: ShadowRootInit) {
      Element.prototype.attachShadow = attach;
      (window as unknown as { refused: boolean }).refused = true;
      throw new DOMException('refused once', 'NotSupportedError');
    };
  });
  await call(page, 'boot', { siteKey: 'demo', locale: 'en' });
  await page.waitForFunction(() => (window as unknown as { refused?: boolean }).refused, null, {
    timeout: 15_000,
  });
  await expect(widget(page)).toHaveCount(0);
  await call(page, 'boot', { siteKey: 'demo', locale: 'en' });
  await waitForWidget(page);
  await expect(widget(page)).toHaveCount(1);
});

test('a thread kept in the hidden panel is marked read when the panel opens again', async ({ page }) => {
  const agent = await new Agent(server).login();
  await openHost(page, server, 'reread');
  await waitForWidget(page);
  await launcher(page).click();
  const p = panel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('Hidden thread check');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('Hidden thread check');
  // Closed with the launcher: the press prepares the panel again, so the thread stays mounted, unseen.
  await launcher(page).click();
  await expect(panel(page)).toHaveCount(0);
  await agent.reply(conversation.id, 'An answer while the panel is closed');
  await expect(launcher(page)).toHaveAccessibleName('Open support, 1 unread message');
  await launcher(page).click();
  await expect(panel(page).getByText('An answer while the panel is closed')).toBeVisible();
  await expect.poll(() => call(page, 'getUnreadCount')).toBe(0);
  await expect(launcher(page)).toHaveAccessibleName(/^Close support/);
});
