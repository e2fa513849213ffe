import { readFile } from 'node:fs/promises';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { closeOwnContexts, openPanel, openWidgetPage, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;
let adminToken: string;

// A 2×2 red PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test.beforeAll(async () => {
  server = await startConsoleServer();
  const json = { 'content-type': 'application/json' };
  adminToken = (
    (await (
      await fetch(`${server.url}/v1/agent/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(server.admin),
      })
    ).json()) as { token: string }
  ).token;
  const auth = { ...json, authorization: `Bearer ${adminToken}` };
  const current = (await (await fetch(`${server.url}/v1/admin/config`, { headers: auth })).json()) as {
    config: { forms: unknown[] };
  };
  const damage = {
    id: 'damage',
    module: 'return',
    title: { en: 'Report a damaged item' },
    fields: [
      { name: 'order', type: 'text', label: { en: 'Order number' }, required: true },
      { name: 'photo', type: 'file', label: { en: 'Photo of the damage' }, required: true },
    ],
  };
  const pushed = await fetch(`${server.url}/v1/admin/config`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ config: { ...current.config, forms: [...current.config.forms, damage] } }),
  });
  expect(pushed.ok).toBe(true);
});
test.afterAll(async () => server?.stop());

test('a file from a form reaches agents as a link with an image preview, downloadable only when signed in', async ({
  browser,
}) => {
  // A customer sends the form with a photo from the real widget.
  const shop = await (await browser.newContext()).newPage();
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  await panel.getByRole('button', { name: 'Report a damaged item' }).click();
  await panel.getByRole('textbox', { name: /Order number/ }).fill('A-1042');
  await panel
    .getByLabel(/Photo of the damage/)
    .setInputFiles({ name: 'broken-lid.png', mimeType: 'image/png', buffer: png });
  await panel.getByRole('button', { name: /Send/ }).click();
  await expect(panel.getByText(/FD-\d+/)).toBeVisible();

  for (const device of [
    { name: 'desktop', viewport: { width: 1366, height: 860 } },
    { name: 'phone', viewport: { width: 390, height: 844 } },
  ]) {
    const page = await (await browser.newContext({ viewport: device.viewport })).newPage();
    // Every file request the console makes: the token goes in the header, never in the URL.
    const fileRequests: { url: string; authorization: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/uploads/'))
        fileRequests.push({ url: r.url(), authorization: r.headers().authorization });
    });
    await signIn(page, server, server.agent);

    // In the conversation the form made: the file by name, linked, with a preview; not its upload id.
    await page.locator('.conversation-row').filter({ hasText: 'A-1042' }).click();
    const messages = page.getByRole('list', { name: 'Messages' });
    await expect(messages.getByText('Photo of the damage: broken-lid.png')).toBeVisible();
    await expect(messages.getByText(/up_/)).toHaveCount(0);
    const link = messages.getByRole('link', { name: /broken-lid\.png/ });
    await expect(link).toBeVisible();
    const preview = link.locator('img');
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    await page.screenshot({ path: `/tmp/shots-newuser-b/form-file-conversation-${device.name}.png` });

    // In the tickets view: the same file where the value was.
    await page.goto(`${server.url}/console/#/tickets`);
    const values = page.locator('dl.values');
    const ticketLink = values.getByRole('link', { name: /broken-lid\.png/ }).first();
    await expect(ticketLink).toBeVisible();
    await expect(ticketLink.locator('img')).toBeVisible();
    await expect(values.getByText(/^up_/)).toHaveCount(0);
    await page.screenshot({ path: `/tmp/shots-newuser-b/form-file-tickets-${device.name}.png` });

    // No URL in the page carries the agent's token: the file comes through a blob: URL fetched with the header.
    const token = await page.evaluate(() => sessionStorage.getItem('frontdesk.console.token'));
    const urls = await page.evaluate(() =>
      [...document.querySelectorAll('a[href], img[src]')].map(
        (e) => e.getAttribute('href') ?? e.getAttribute('src'),
      ),
    );
    expect(urls.some((u) => u?.includes('token='))).toBe(false);
    if (token) expect(urls.some((u) => u?.includes(token))).toBe(false);
    expect(await ticketLink.getAttribute('href')).toMatch(/^blob:/);
    const saving = page.waitForEvent('download');
    await ticketLink.click();
    const download = await saving;
    expect(download.suggestedFilename()).toBe('broken-lid.png');
    expect(await download.path().then((path) => readFile(path))).toEqual(png);
    expect(fileRequests.length).toBeGreaterThan(0);
    for (const r of fileRequests) {
      expect(new URL(r.url).search).toBe('');
      expect(r.authorization).toMatch(/^Bearer /);
    }
    // Without the header the file is refused, and so is the agent token in the URL.
    const fileUrl = fileRequests[0]!.url;
    expect([401, 403, 404]).toContain((await page.request.get(fileUrl)).status());
    expect((await page.request.get(`${fileUrl}?token=${encodeURIComponent(adminToken)}`)).status()).toBe(401);
    await page.context().close();
  }
});
