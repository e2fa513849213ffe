import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { closeOwnContexts, openPanel, openWidgetPage, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

/** What a visitor finds for "return" and reads in the widget's help center. */
async function visitorReads(shop: Page): Promise<string> {
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  await panel.getByRole('button', { name: 'Help', exact: true }).click();
  await panel.getByRole('searchbox', { name: 'Search help articles' }).fill('return');
  await panel.getByRole('button', { name: /Returning an item/ }).click();
  await expect(panel.getByRole('heading', { level: 1, name: 'Returning an item' })).toBeVisible();
  return (await panel.locator('article, .article').first().textContent()) ?? '';
}

test('saving a draft of a published article keeps it live until the draft is published', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('button', { name: 'Returning an item' }).click();
  await page.getByLabel('Markdown').fill('Returns are free for **60 days**.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(
    page.getByText('Draft saved. The published version stays live until you publish.'),
  ).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Visitors see the published version until you publish.');
  await expect(page.getByRole('button', { name: /Returning an item/ })).toContainText('draft pending');
  await page.screenshot({ path: '/tmp/shots-newuser-b/help-draft-pending-desktop.png' });

  // Visitors still find and read the published text.
  const shop = await (await browser.newContext()).newPage();
  const before = await visitorReads(shop);
  expect(before).toContain('30 days');
  expect(before).not.toContain('60 days');

  // Back later: the editor opens on the draft and says so (on a phone too).
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(phone, server, server.admin);
  await phone.goto(`${server.url}/console/#/help`);
  await phone.getByRole('button', { name: /Returning an item/ }).click();
  await expect(phone.getByLabel('Markdown')).toHaveValue('Returns are free for **60 days**.');
  await expect(phone.getByRole('note')).toContainText('Editing a draft saved');
  await phone.screenshot({ path: '/tmp/shots-newuser-b/help-draft-pending-phone.png', fullPage: true });

  // Published: visitors read the new text, and the draft note is gone.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Saved (published).')).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
  const after = await visitorReads(await (await browser.newContext()).newPage());
  expect(after).toContain('60 days');
});

test('Unpublish takes a published article out of the widget without deleting it', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('button', { name: /Returning an item/ }).click();
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByText('Unpublished: visitors and search no longer see it.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unpublish' })).toHaveCount(0);

  const shop = await (await browser.newContext()).newPage();
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  await panel.getByRole('button', { name: 'Help', exact: true }).click();
  // Both articles match this search while both are published; the delivery one answering proves it ran.
  await panel.getByRole('searchbox', { name: 'Search help articles' }).fill('return delivery');
  await expect(panel.getByRole('button', { name: /How long does delivery take/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Returning an item/ })).toHaveCount(0);

  // Still in the editor, and back online with one click.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Saved (published).')).toBeVisible();
  expect(await visitorReads(await (await browser.newContext()).newPage())).toContain('days');
});
