import { readFileSync } from 'node:fs';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import {
  changeConfig,
  expectNoAxeViolations,
  launcher,
  openHost,
  openPanel,
  panel,
  servePage,
  startWidgetServer,
} from './support';

// Self-service forms rendered from the site's config, the demo page, and the plain snippet.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
});
test.afterAll(async () => server?.stop());

test('a configured form validates like the server and confirms with the ticket reference', async ({
  page,
}) => {
  await openHost(page, server, 'form');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Ask a question' }).click();
  await expect(p.getByRole('textbox', { name: /Your email/ })).toBeVisible();
  await expectNoAxeViolations(page, 'form');

  await p.getByRole('textbox', { name: /Your email/ }).fill('not-an-email');
  await p.getByRole('button', { name: 'Send' }).click();
  await expect(p.getByRole('alert').first()).toHaveText('Please correct 3 fields.');
  await expect(p.getByRole('textbox', { name: /Your email/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(p.getByText('Please enter an email address like ana@example.com.')).toBeVisible();
  await expect(p.getByRole('textbox', { name: /Your email/ })).toBeFocused();
  await expectNoAxeViolations(page, 'form with errors');

  await p.getByRole('textbox', { name: /Your email/ }).fill('ana@example.com');
  await p.getByRole('combobox', { name: /Topic/ }).selectOption('order');
  await p.getByRole('textbox', { name: /Your question/ }).fill('Can I change the delivery address?');
  await p.getByRole('button', { name: 'Send' }).click();
  await expect(p.getByText('Thanks! We received your request.')).toBeVisible();
  await expect(p.getByText(/Your reference is [A-Z]+-\d+\./)).toBeVisible();
  await expectNoAxeViolations(page, 'form confirmation');
});

test('a field that does not match its pattern says so in words: the default, then the site own error text', async ({
  page,
}) => {
  await openHost(page, server, 'form-pattern');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Return an item' }).click();
  await p.getByRole('textbox', { name: /Order number/ }).fill('no!');
  await p.getByRole('textbox', { name: /Reason/ }).fill('Too small');
  await p.getByRole('button', { name: 'Send' }).click();
  await expect(p.getByText('Please check the format of this field.')).toBeVisible();
  // The pattern itself never reaches the visitor.
  await expect(p.getByText(/A-Z0-9|expected text matching/)).toHaveCount(0);

  type Form = { id: string; fields: { name: string }[] };
  await changeConfig(server, (config) => ({
    ...config,
    forms: (config.forms as Form[]).map((f) =>
      f.id !== 'return'
        ? f
        : {
            ...f,
            fields: f.fields.map((field) =>
              field.name === 'order'
                ? { ...field, errorText: { en: 'An order number looks like AB-1234.' } }
                : field,
            ),
          },
    ),
  }));
  await page.reload();
  const again = await openPanel(page);
  await again.getByRole('button', { name: 'Return an item' }).click();
  await again.getByRole('textbox', { name: /Order number/ }).fill('no!');
  await again.getByRole('button', { name: 'Send' }).click();
  await expect(again.getByText('An order number looks like AB-1234.')).toBeVisible();
  await expect(again.getByRole('textbox', { name: /Order number/ })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'form with a site error text');
  await changeConfig(server, (config) => ({
    ...config,
    forms: (config.forms as Form[]).map((f) =>
      f.id !== 'return'
        ? f
        : {
            ...f,
            fields: f.fields.map(
              ({ errorText: _e, ...field }: { errorText?: unknown; name: string }) => field,
            ),
          },
    ),
  }));
});

test('messages list and dark mode pass axe too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openHost(page, server, 'dark');
  const p = await openPanel(page);
  await expectNoAxeViolations(page, 'home, dark');
  await p.getByRole('button', { name: 'Messages', exact: true }).click();
  await expect(p.getByRole('button', { name: 'New conversation' })).toBeVisible();
  await expectNoAxeViolations(page, 'messages, dark');
});

test('the demo page at / shows the widget, and its "Contact support" button opens it', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { name: 'Gear for every trail' })).toBeVisible();
  await expect(launcher(page)).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Contact support' }).click();
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('heading', { level: 1 })).toHaveText('Hi! How can we help?');
});

test('the plain snippet of examples/script-tag loads the widget and replays its queued listener', async ({
  page,
}) => {
  const html = readFileSync(
    new URL('../../../examples/script-tag/index.html', import.meta.url),
    'utf8',
  ).replace('http://127.0.0.1:4310', server.url);
  const ready: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('Frontdesk ready')) ready.push(m.text());
  });
  await page.goto(await servePage('/snippet.html', html));
  await expect(launcher(page)).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => ready.length).toBe(1);
  await page.getByRole('button', { name: 'Talk to us' }).click();
  await expect(panel(page)).toBeVisible();
});
