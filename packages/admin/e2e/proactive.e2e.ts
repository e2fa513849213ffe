import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

// Proactive messages in the console: the config editor previews a message's bubble live; the Quality page shows
// the counts the server recorded. The seeded demo config has one proactive message, `help-section`.
let server: TestServer;
test.beforeAll(async () => {
  // Builds and starts a server: slow on a busy machine.
  test.setTimeout(180_000);
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`,
  );
  expect(found, `axe violations in ${view}`).toEqual([]);
}

test('the config editor previews a proactive message live, as it is edited', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Config' }).click();
  await expect(page.getByText('The config is valid.')).toBeVisible();
  const preview = page.getByTestId('widget-preview');
  await page.getByRole('combobox', { name: 'Preview what' }).selectOption('help-section');
  const bubble = preview.getByRole('region', { name: 'Message from Dana' });
  await expect(bubble).toContainText('Looking for something? Ask us here');
  await expect(bubble.getByRole('button', { name: 'Where is my order?' })).toBeVisible();
  // The panel is closed while the bubble is previewed.
  await expect(preview.getByRole('dialog')).toHaveCount(0);
  await expectNoAxeViolations(page, 'config editor with a proactive preview');
  await preview.screenshot({ path: 'test-results/proactive-console-preview.png' });

  const raw = page.getByRole('textbox', { name: 'Raw config (JSON)' });
  const text = await raw.inputValue();
  await raw.fill(text.replace('Looking for something? Ask us here', 'Need a hand? Ask us here'));
  await expect(bubble).toContainText('Need a hand? Ask us here', { timeout: 15_000 });
  // A mistake in a proactive message is reported with its path, like every other key.
  await raw.fill(text.replace('"url": "*#help"', '"url": "*#help", "scrollDepth": 150'));
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    'proactive[0].trigger.scrollDepth',
  );
  await raw.fill(text);
  await page.getByRole('combobox', { name: 'Preview what' }).selectOption('panel');
  await expect(preview.getByRole('dialog')).toBeVisible();
  await expect(bubble).toHaveCount(0);
});

test('the quality page shows how often proactive messages were shown, clicked and replied to', async ({
  page,
}) => {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: '{}' })
  ).json()) as { visitorToken: string };
  const auth = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  for (const name of ['proactive.shown', 'proactive.shown', 'proactive.clicked'])
    await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name, data: { id: 'help-section' } }),
    });
  await fetch(`${server.url}/v1/conversations`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      clientId: 'c_proactive_01',
      message: { clientId: 'm_proactive_01', text: 'Where is my order?' },
      proactive: { id: 'help-section' },
    }),
  });
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Quality' }).click();
  const section = page.getByRole('region', { name: 'Proactive messages' });
  const kpi = (label: string) =>
    section
      .locator('.kpi')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd');
  await expect(kpi('Shown')).toHaveText('2');
  await expect(kpi('Clicked')).toHaveText('1');
  await expect(kpi('Replied')).toHaveText('1');
  await expect(kpi('Reply rate')).toHaveText('50 %');
  await expect(section.getByRole('row', { name: /help-section/ })).toContainText('2');
  await expectNoAxeViolations(page, 'quality with proactive messages');
  await section.screenshot({ path: 'test-results/proactive-quality.png' });
});
