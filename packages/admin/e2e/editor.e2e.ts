import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

/** A visitor session and one conversation through the visitor HTTP API; returns the visitor token. */
async function visitorWrites(text: string, clientId: string): Promise<string> {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        identity: { userId: `u-${clientId}`, name: 'Jana Dvořák', email: 'jana@example.com' },
        page: { url: 'https://shop.example.com/orders/1042', title: 'Order 1042' },
        attributes: { plan: 'pro', orders: 3 },
      }),
    })
  ).json()) as { visitorToken: string };
  await fetch(`${server.url}/v1/conversations`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${session.visitorToken}` },
    body: JSON.stringify({ clientId, message: { clientId: `m_${clientId}`, text } }),
  });
  return session.visitorToken;
}

async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  // The widget preview is the widget's own markup, checked by its tests.
  const result = await new AxeBuilder({ page })
    .exclude('.widget-host')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found, `axe violations in ${view}`).toEqual([]);
}

test('the help-center editor previews markdown safely and publishes an article in two locales', async ({
  page,
}) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByLabel('Title').fill('Caring for your tent');
  await expect(page.getByLabel('Slug')).toHaveValue('caring-for-your-tent');
  await page
    .getByLabel('Markdown')
    .fill(
      'Dry it **fully**.\n\n<img src=x onerror="window.hacked=1"> [trick](javascript:alert(1))\n\n- Fold it\n- Store it',
    );
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('fully');
  await expect(preview.getByText('<img src=x onerror="window.hacked=1">')).toBeVisible();
  await expect(preview.locator('img')).toHaveCount(0);
  await expect(preview.getByRole('link')).toHaveCount(0);
  await expect(preview.getByRole('listitem')).toHaveText(['Fold it', 'Store it']);
  expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();

  // A new category, chosen for the article.
  await page.getByLabel('New category').fill('Camping gear');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('combobox', { name: /Category/ }).selectOption({ label: 'Camping gear' });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Saved (draft).')).toBeVisible();
  const camping = page
    .getByRole('complementary', { name: 'Articles' })
    .locator('section')
    .filter({
      has: page.getByRole('heading', { name: 'Camping gear' }),
    });
  await expect(camping.getByRole('button', { name: /Caring for your tent/ })).toContainText('draft');

  // Typing on while a (slow) save is answered: the answer does not take the new text away.
  await page.route('**/v1/admin/articles/*', async (route) => {
    if (route.request().method() === 'PUT') await new Promise((resolve) => setTimeout(resolve, 400));
    await route.fallback();
  });
  // After applying the answer, the editor reloads the article list: then the answer has been applied.
  const reloaded = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/v1/admin/articles',
  );
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByLabel('Markdown').press('End');
  await page.getByLabel('Markdown').pressSequentially('\n- Air it');
  await reloaded;
  await expect(page.getByLabel('Markdown')).toHaveValue(/- Store it\n- Air it$/);

  await page.getByRole('textbox', { name: 'Add a locale' }).fill('cs');
  await page.getByRole('button', { name: 'Add translation' }).click();
  await expect(page.getByRole('tab', { name: 'cs' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Title').fill('Péče o stan');
  await page.getByLabel('Markdown').fill('Stan **vysušte**.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Saved (published).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Péče o stan' })).toBeVisible();
  await page.getByRole('tab', { name: 'en' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Caring for your tent');
  await expectNoAxeViolations(page, 'help editor');

  // Visitors find it in the help center.
  const search = await fetch(`${server.url}/v1/help/search?q=tent&locale=en`, {
    headers: { 'x-frontdesk-site': server.siteKey },
  });
  expect(JSON.stringify(await search.json())).toContain('Caring for your tent');
});

test('tickets from forms arrive live and take a status and outcome', async ({ page }) => {
  await signIn(page, server, server.agent);
  await page.getByRole('link', { name: 'Tickets' }).click();
  const token = await visitorWrites('About my order', 'c_ticket_0001');
  const response = await fetch(`${server.url}/v1/forms/question/submissions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-frontdesk-site': server.siteKey,
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      clientId: 'c_form_00001',
      formId: 'question',
      values: { email: 'jana@example.com', topic: 'order', message: 'The zip of my tent broke' },
    }),
  });
  expect(response.status).toBeLessThan(300);
  const row = page.getByRole('row').filter({ hasText: 'The zip of my tent broke' });
  await expect(row).toBeVisible();
  // Each change is saved at once; the reload comes after both saves are answered.
  const saved = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok());
  await Promise.all([saved(), row.getByRole('combobox', { name: /Outcome of/ }).selectOption('repair')]);
  await Promise.all([saved(), row.getByRole('combobox', { name: /Status of/ }).selectOption('resolved')]);
  await page.reload();
  await page.getByRole('link', { name: 'Tickets' }).click();
  const again = page.getByRole('row').filter({ hasText: 'The zip of my tent broke' });
  await expect(again.getByRole('combobox', { name: /Outcome of/ })).toHaveValue('repair');
  await expect(again.getByRole('combobox', { name: /Status of/ })).toHaveValue('resolved');
  await expectNoAxeViolations(page, 'tickets');
});

test('the inbox shows the visitor context and attachments, and passes axe', async ({ page }) => {
  const token = await visitorWrites('Can I change my delivery address?', 'c_context_01');
  // The visitor adds a photo in a second message.
  const headers = { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${token}` };
  const form = new FormData();
  const png = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );
  form.set('file', new Blob([png], { type: 'image/png' }), 'label.png');
  const upload = (await (
    await fetch(`${server.url}/v1/uploads`, { method: 'POST', headers, body: form })
  ).json()) as {
    id: string;
  };
  const list = (await (await fetch(`${server.url}/v1/conversations`, { headers })).json()) as {
    id: string;
  }[];
  const conversationId = (
    Array.isArray(list) ? list : (list as { conversations: { id: string }[] }).conversations
  )[0]?.id;
  await fetch(`${server.url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'm_context_02', text: 'Here is the label', attachmentIds: [upload.id] }),
  });
  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: 'Here is the label' }).click();
  const context = page.getByRole('complementary', { name: 'Visitor' });
  await expect(context).toContainText('Jana Dvořák');
  await expect(context).toContainText('jana@example.com');
  await expect(context.getByRole('link', { name: 'Order 1042' })).toHaveAttribute(
    'href',
    'https://shop.example.com/orders/1042',
  );
  await expect(context).toContainText('plan');
  const file = page.getByRole('link', { name: /label\.png/ });
  await expect(file).toBeVisible();
  // Fetched with the agent token in the header and shown through a blob: URL (no token in any URL).
  await expect(file).toHaveAttribute('href', /^blob:/);
  const saving = page.waitForEvent('download');
  await file.click();
  expect((await saving).suggestedFilename()).toBe('label.png');

  // The agent attaches a file to a reply; the visitor receives it with the message.
  await page
    .getByLabel('Attach a file')
    .setInputFiles({ name: 'return-label.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByRole('list', { name: 'Attached files' })).toContainText('return-label.png');
  const reply = page.getByRole('textbox', { name: 'Reply to the visitor' });
  await reply.fill('Print this label, please');
  await reply.press('Enter');
  const sent = page.locator('.message.agent').filter({ hasText: 'Print this label, please' });
  await expect(sent.getByRole('link', { name: /return-label\.png/ })).toBeVisible();
  await expect(sent).not.toHaveClass(/pending/);
  const messages = (await (
    await fetch(`${server.url}/v1/conversations/${conversationId}/messages`, { headers })
  ).json()) as
    | { text: string; attachments: { name: string }[] }[]
    | { messages: { text: string; attachments: { name: string }[] }[] };
  const list2 = Array.isArray(messages) ? messages : messages.messages;
  expect(list2.find((m) => m.text === 'Print this label, please')?.attachments.map((a) => a.name)).toEqual([
    'return-label.png',
  ]);
  await expectNoAxeViolations(page, 'inbox');
});

test('on a tablet the list and the conversation take turns', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
  const page = await context.newPage();
  await visitorWrites('Tablet question', 'c_tablet_001');
  await signIn(page, server, server.agent);
  const row = page.locator('.conversation-row').filter({ hasText: 'Tablet question' });
  await row.click();
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('Tablet question')).toBeVisible();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await expect(row).toBeVisible();
  await context.close();
});

test('the config editor passes axe', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Config' }).click();
  await expect(page.getByText('The config is valid.')).toBeVisible();
  await page.getByRole('checkbox', { name: /Answer only during business hours/ }).check();
  await expect(page.getByRole('textbox', { name: /^Monday/ })).toHaveValue('09:00-17:00');
  await expectNoAxeViolations(page, 'config editor');
});

test('the quality page shows the figures of the period', async ({ page }) => {
  await visitorWrites('How are we doing?', 'c_quality_01');
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Quality' }).click();
  const kpi = (label: string) =>
    page
      .locator('.kpi')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd');
  await expect(kpi('Conversations')).toHaveText(/^[1-9]\d*$/);
  await expect(kpi('First response (median)')).toBeVisible();
  await expect(page.getByRole('region', { name: 'By channel' })).toContainText(/chat: [1-9]/);
  const hours = page.getByRole('region', { name: 'Conversations by hour (UTC)' }).getByRole('listitem');
  await expect(hours).toHaveCount(24);
  await expectNoAxeViolations(page, 'quality');
});

test('agents keep the team canned responses', async ({ page }) => {
  await signIn(page, server, server.agent);
  await page.getByRole('link', { name: 'Canned' }).click();
  await expect(page.getByRole('cell', { name: '/hello', exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'New canned response' });
  await form.getByLabel('Shortcut').fill('Bad Shortcut');
  await form.getByLabel('Title').fill('Refund');
  await form.getByLabel('Text').fill('Your refund is on its way.');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'shortcut: expected a shortcut of lowercase letters, digits and "-", found "Bad Shortcut"',
  );
  await form.getByLabel('Shortcut').fill('refund');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('status')).toHaveText('Added /refund.');
  await expect(page.getByRole('cell', { name: '/refund', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'canned responses');
  await page.getByRole('button', { name: 'Delete /refund' }).click();
  await expect(page.getByRole('cell', { name: '/refund', exact: true })).toHaveCount(0);
  await page.reload();
  await page.getByRole('link', { name: 'Canned' }).click();
  await expect(page.getByRole('cell', { name: '/hello', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '/refund', exact: true })).toHaveCount(0);
});
