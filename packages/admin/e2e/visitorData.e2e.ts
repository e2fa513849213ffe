import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

// #17 part A in the console: the lead (unverified), the company, the conversation's fields and tags, live.
let server: TestServer;
test.beforeAll(async () => {
  test.setTimeout(180_000); // builds the console first
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

const json = { 'content-type': 'application/json' };

/** A visitor session over the API, with a helper for its requests. */
async function visitor() {
  const headers = { ...json, 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: '{}' })
  ).json()) as { visitorToken: string };
  const auth = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  return (method: string, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method, headers: auth, body: JSON.stringify(body) }).then(async (r) => {
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return r.status === 204 ? null : r.json();
    });
}

test('the visitor panel shows the lead as unverified, the company, fields and tags; agents edit tags', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.agent);
  const call = await visitor();
  await call('PATCH', '/v1/visitor', {
    lead: { name: 'Lea Lead', email: 'lea@example.com' },
    company: { id: 'acme', name: 'Acme Outdoor', attributes: { tier: 'gold' } },
    conversation: { fields: { orderId: 'A-123' }, addTags: ['pre-sale'] },
  });
  await call('POST', '/v1/conversations', {
    clientId: 'c_data_000001',
    message: { clientId: 'm_data_000001', text: 'Is the tent waterproof?' },
  });
  await page.locator('.conversation-row').filter({ hasText: 'Is the tent waterproof?' }).click();
  const panel = page.getByRole('complementary', { name: 'Visitor' });

  const lead = panel.getByRole('region', { name: /Lead/ });
  await expect(lead.getByText('unverified')).toBeVisible();
  await expect(lead.getByText('Lea Lead')).toBeVisible();
  await expect(lead.getByText('lea@example.com')).toBeVisible();
  await expect(lead.getByText('Phone')).toHaveCount(0); // not given, not shown
  // The verified profile stays empty: the lead is not who the visitor is, only what they said.
  await expect(panel.getByText('Verified user id')).toBeVisible();
  const company = panel.getByRole('region', { name: 'Company' });
  await expect(company.getByText('Acme Outdoor')).toBeVisible();
  await expect(company.getByText('gold')).toBeVisible();
  const conversation = panel.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByText('orderId')).toBeVisible();
  await expect(conversation.getByText('A-123')).toBeVisible();
  const tags = conversation.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('listitem')).toHaveText(['pre-sale×']);

  // The site's code changes them: the open panel follows live.
  await call('PATCH', '/v1/visitor', {
    company: { id: 'acme', name: 'Acme Outdoor Ltd' },
    conversation: { fields: { carrier: 'DHL' }, addTags: ['vip'] },
  });
  await expect(company.getByText('Acme Outdoor Ltd')).toBeVisible();
  await expect(conversation.getByText('DHL')).toBeVisible();
  await expect(tags.getByRole('listitem')).toHaveCount(2);

  // The agent adds a tag and removes one.
  await conversation.getByLabel('Add a tag').fill('Refund');
  await conversation.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(tags.getByRole('listitem')).toHaveText(['pre-sale×', 'vip×', 'refund×']);
  await conversation.getByRole('button', { name: 'Remove tag pre-sale' }).click();
  await expect(tags.getByRole('listitem')).toHaveText(['vip×', 'refund×']);
  // A tag the protocol refuses: the error says why.
  await conversation.getByLabel('Add a tag').fill('no/slashes');
  await conversation.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(conversation.getByRole('alert')).toContainText('tag of 1–40');

  await page.screenshot({ path: 'test-results/visitor-data-panel.png', fullPage: true });
  const result = await new AxeBuilder({ page }).include('#visitor-context').analyze();
  expect(result.violations).toEqual([]);
});
