import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { openHost, openPanel, startWidgetServer, widget } from './support';

// The server refuses script URLs in config, but the widget must not trust that: a custom backend, a proxy or an
// older server may serve anything. Here the config is altered on the wire, past every validation.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
});
test.afterAll(async () => server?.stop());

const HOSTILE = {
  social: [
    { network: 'whatsapp', url: 'javascript:alert(1)' },
    { network: 'telegram', url: 'data:text/html,<script>alert(2)</script>' },
    { network: 'x', url: ' JaVa\tScRiPt:alert(3)' },
    { network: 'facebook', url: 'vbscript:msgbox(4)' },
    { network: 'instagram', url: 'https://instagram.example/acme' },
  ],
  logoUrl: 'javascript:alert(5)',
};

/** Rewrite every config the widget receives (session and config endpoints) with the hostile URLs. */
async function tamper(page: Page): Promise<void> {
  await page.route(/\/v1\/(session|config)(\?|$)/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const config = body.config;
    if (config) {
      config.channels = { ...config.channels, social: HOSTILE.social };
      config.theme = { ...config.theme, logoUrl: HOSTILE.logoUrl };
    }
    await route.fulfill({ response, json: body });
  });
}

test('a config forced past validation renders no script URL in href or src', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await tamper(page);
  await openHost(page, server, 'hostile-urls');
  const panel = await openPanel(page);
  // The safe link is there (the tampered config did reach the widget)…
  await expect(panel.getByRole('link', { name: 'Instagram' })).toHaveAttribute(
    'href',
    'https://instagram.example/acme',
  );
  // …and none of the script ones, nor the logo.
  for (const name of ['WhatsApp', 'Telegram', 'X', 'Facebook'])
    await expect(panel.getByRole('link', { name, exact: true })).toHaveCount(0);
  await expect(panel.locator('header img')).toHaveCount(0);
  const urls = await widget(page)
    .locator('[href], [src]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? ''));
  for (const url of urls) expect(url).toMatch(/^(https?:|mailto:|tel:|#)/i);
  // No script ran.
  expect(dialogs).toEqual([]);
});
