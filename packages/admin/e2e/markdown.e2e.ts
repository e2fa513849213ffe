import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Locator, test } from '@playwright/test';
import { closeOwnContexts, openPanel, openWidgetPage, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

/** The element structure of a rendered text: tag names with their text, links with their href. */
const shape = (locator: Locator) =>
  locator.evaluate((root) =>
    [...root.querySelectorAll('*')].map(
      (el) =>
        `${el.tagName.toLowerCase()}:${el.textContent}${el.getAttribute('href') ? `→${el.getAttribute('href')}` : ''}`,
    ),
  );

test("an agent's markdown shows in the console thread and inbox preview as the widget shows it", async ({
  browser,
}) => {
  const shop = await (await browser.newContext()).newPage();
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  await panel.getByRole('button', { name: 'Send us a message' }).click();
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill('My order is late');
  await box.press('Enter');

  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: 'My order is late' }).click();
  const reply = page.getByRole('textbox', { name: 'Reply to the visitor' });
  const text =
    'Your parcel **ships today**, *sorry* for the wait: `TRK-42` on [the tracking page](https://example.com/track)';
  await reply.fill(text);
  await reply.press('Enter');

  const consoleMessage = page
    .getByRole('list', { name: 'Messages' })
    .locator('li')
    .filter({ hasText: 'TRK-42' })
    .locator('.text');
  await expect(consoleMessage.locator('strong')).toHaveText('ships today');
  await expect(consoleMessage).not.toContainText('**');
  const widgetMessage = panel.locator('.m').filter({ hasText: 'TRK-42' }).last();
  await expect(widgetMessage.locator('strong')).toHaveText('ships today');
  const widgetShape = await widgetMessage
    .locator('strong')
    .locator('..')
    .evaluate((el) => el.outerHTML);
  expect(widgetShape).toContain('<code>TRK-42</code>');
  // Same elements, same texts, same links.
  expect(await shape(consoleMessage)).toEqual(await shape(widgetMessage.locator('strong').locator('..')));

  // The inbox preview: formatted the same way, the link as plain text (the row itself is a link).
  const preview = page.locator('.conversation-row .preview').filter({ hasText: 'TRK-42' });
  await expect(preview.locator('strong')).toHaveText('ships today');
  await expect(preview.locator('code')).toHaveText('TRK-42');
  await expect(preview.locator('a')).toHaveCount(0);
  await expect(preview).toContainText('the tracking page');
  await page.screenshot({ path: '/tmp/shots-newuser-b/console-markdown-thread.png' });
  await shop.screenshot({ path: '/tmp/shots-newuser-b/widget-markdown-thread.png' });
});

test('the help editor previews headings, rules and images with the widget’s own reader', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('button', { name: /New article/ }).click();
  const body = page.getByRole('textbox', { name: 'Markdown' });
  await body.fill('# Returns\n\n---\n\n![Box](https://example.com/box.png)\n\nSend it **back**.');
  const preview = page.getByRole('region', { name: 'Preview' }).locator('.markdown');
  // The widget renders `#` as h2 (the article title is the h1), has no rule (a `---` line stays text) and shows
  // a lone image line as an image: the preview now says exactly that.
  await expect(preview.locator('h2')).toHaveText('Returns');
  await expect(preview.locator('h1')).toHaveCount(0);
  await expect(preview.locator('hr')).toHaveCount(0);
  await expect(preview.locator('img')).toHaveAttribute('src', 'https://example.com/box.png');
  await expect(preview.locator('img')).toHaveAttribute('alt', 'Box');
  await page.screenshot({ path: '/tmp/shots-newuser-b/console-help-preview.png' });
});

test('the starter config from `frontdesk init` gives chat and email different labels', async ({
  browser,
}) => {
  const site = mkdtempSync(join(tmpdir(), 'fd-starter-'));
  const bin = fileURLToPath(new URL('../bin/frontdesk.mjs', import.meta.url));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: site,
    FRONTDESK_URL: server.url,
    FRONTDESK_EMAIL: server.admin.email,
    FRONTDESK_PASSWORD: server.admin.password,
  };
  execFileSync(process.execPath, [bin, 'init', '--name', 'Acme'], { cwd: site, env });
  execFileSync(process.execPath, [bin, 'push'], { cwd: site, env });
  for (const device of [
    { name: 'desktop', viewport: { width: 1366, height: 860 } },
    { name: 'phone', viewport: { width: 390, height: 844 } },
  ]) {
    const shop = await (await browser.newContext({ viewport: device.viewport })).newPage();
    await openWidgetPage(shop, server);
    const panel = await openPanel(shop);
    await expect(panel.getByRole('button', { name: 'Send us a message' })).toHaveCount(1);
    await expect(panel.getByRole('button', { name: 'Email us' })).toHaveCount(1);
    await shop.screenshot({ path: `/tmp/shots-newuser-b/starter-home-${device.name}.png` });
  }
});
