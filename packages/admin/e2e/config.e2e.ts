import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import {
  background,
  closeOwnContexts,
  openPanel,
  openWidgetPage,
  signIn,
  startConsoleServer,
} from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

test('an admin edits brand colour and greeting, sees the preview change, publishes, and the widget shows it', async ({
  page,
  browser,
}) => {
  await signIn(page, server, server.admin);
  // The published config arrives late; the greeting is typed as soon as the form lets it be: the config arriving
  // must not overwrite it.
  await page.route('**/v1/admin/config', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.getByRole('link', { name: 'Config' }).click();
  await page.getByRole('textbox', { name: 'Greeting (en)' }).fill('Welcome to Acme!');
  const preview = page.getByTestId('widget-preview');
  const previewHeading = preview.getByRole('heading', { level: 1 });
  await expect(previewHeading).toHaveText('Welcome to Acme!');
  const previewLauncher = preview.locator('button.la');
  await expect.poll(() => background(previewLauncher)).toBe('rgb(37, 87, 214)');

  // Edit in the form: the real widget beside it changes before anything is published.
  await page.getByRole('textbox', { name: 'Brand colour', exact: true }).fill('#aa3300');
  await expect.poll(() => background(previewLauncher)).toBe('rgb(170, 51, 0)');
  await expect(previewHeading).toHaveText('Welcome to Acme!');

  // A mistake shows the same precise error as the CLI, and blocks publishing.
  await page.getByRole('textbox', { name: 'Brand colour', exact: true }).fill('#aa33');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    'theme.brandColor: expected a hex colour like #1a73e8, found "#aa33"',
  );
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeDisabled();
  await expect(previewHeading).toHaveText('Welcome to Acme!');
  await page.getByRole('textbox', { name: 'Brand colour', exact: true }).fill('#aa3300');

  // The raw editor reports unknown keys with the closest known one.
  const raw = page.getByRole('textbox', { name: 'Raw config (JSON)' });
  const text = await raw.inputValue();
  await raw.fill(text.replace('"expectedReplyMinutes"', '"expectedReplyMinute"'));
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    'expectedReplyMinute: expected a known key, found unknown key "expectedReplyMinute"; did you mean "expectedReplyMinutes"?',
  );
  await raw.fill(text);
  await expect(page.getByText('The config is valid.')).toBeVisible();

  // Publish, after seeing the diff.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish these changes?' });
  await expect(dialog).toContainText('~ theme.brandColor: "#2557d6" → "#aa3300"');
  await expect(dialog).toContainText('~ greeting.en: "Hi {name}! How can we help?" → "Welcome to Acme!"');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 2.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Versions' }).getByText('v2')).toBeVisible();

  // A fresh widget page shows the new config.
  const visitor = await browser.newContext();
  const shop = await visitor.newPage();
  await openWidgetPage(shop, server);
  await expect.poll(() => background(shop.locator('frontdesk-widget button.la'))).toBe('rgb(170, 51, 0)');
  const panel = await openPanel(shop);
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText('Welcome to Acme!');
  await visitor.close();

  // Roll back to version 1: a new version with the old config.
  await page.getByRole('button', { name: 'Roll back to v1' }).click();
  await expect(page.getByText('Rolled back: version 3 has the config of version 1.')).toBeVisible();
  await expect(previewHeading).toHaveText('Hi! How can we help?');

  // The preview speaks every enabled language.
  await page.getByRole('combobox', { name: 'Preview language' }).selectOption('cs');
  await expect(previewHeading).toContainText('Jak vám můžeme pomoci?');

  // Business hours from the form, with the same checks as the CLI.
  await page.getByRole('checkbox', { name: /Answer only during business hours/ }).check();
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Prag');
  await page.getByRole('combobox', { name: 'Time zone' }).press('Tab');
  const monday = page.getByRole('textbox', { name: /^Monday/ });
  await monday.fill('09:00-12:00, 11:00-17:00');
  await monday.press('Tab');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText(
    'businessHours.timeZone: expected an IANA time zone like "Europe/Prague", found "Europe/Prag"; did you mean "Europe/Prague"?',
  );
  await expect(problems).toContainText(
    'businessHours.week.mon[1]: expected an interval that does not overlap mon[0] (09:00–12:00), found "11:00–17:00"; merge the two intervals into one',
  );
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Prague');
  await monday.fill('09:00-12:00, 13:00-17:00');
  await monday.press('Tab');
  await expect(page.getByText('The config is valid.')).toBeVisible();
  const raw2 = await page.getByRole('textbox', { name: 'Raw config (JSON)' }).inputValue();
  expect(JSON.parse(raw2).businessHours.week.mon).toEqual([
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ]);
});

test('a page on an origin the site does not allow shows up under "Pages refused lately"; Allow publishes it and the widget works there', async ({
  page,
  browser,
}) => {
  // The site owner's page on another origin (127.0.0.2), with the documented tag.
  const shop = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New shop</title></head>
<body><main><h1>New shop</h1></main>
<script async src="${server.url}/widget/frontdesk.js" data-site-key="${server.siteKey}"></script></body></html>`);
  });
  shop.unref();
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.2', resolve));
  const origin = `http://127.0.0.2:${(shop.address() as AddressInfo).port}`;
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${origin}/`);
  await visitor.locator('frontdesk-widget button.la').click({ timeout: 15_000 });
  await expect(visitor.locator('frontdesk-widget').getByRole('alert')).toContainText('not available');

  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Config' }).click();
  const refused = page.getByRole('region', { name: 'Pages refused lately' });
  await expect(refused).toContainText(origin);
  await refused.getByRole('button', { name: `Allow ${origin}` }).click();
  await expect(refused.getByRole('status')).toContainText(`Allowed ${origin}: published version`);
  await expect(refused.getByRole('button', { name: `Allow ${origin}` })).toHaveCount(0);

  // The page works now: the real panel with its home view.
  await visitor.reload();
  await visitor.locator('frontdesk-widget button.la').click({ timeout: 15_000 });
  await expect(
    visitor.locator('frontdesk-widget').getByRole('dialog').getByRole('heading', { level: 1 }),
  ).toBeVisible();
  await expect(visitor.locator('frontdesk-widget').getByRole('alert')).toHaveCount(0);
  await visitor.context().close();
  shop.close();
});

test('the config page lists missing translations of enabled locales, by path, beside the problems', async ({
  page,
}) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Config' }).click();
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('The config is valid.');
  // The demo site enables hu, lv and zh, and its forms speak en and cs only.
  await problems.getByText(/\d+ missing translations/).click();
  await expect(problems).toContainText(
    'forms[0].fields[0].label.hu: expected text in "hu" (an enabled locale), found only "en", "cs"; translate it, or visitors reading hu see the en text',
  );
});
