import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

const json = { 'content-type': 'application/json' };

async function adminToken(): Promise<string> {
  const reply = await fetch(`${server.url}/v1/agent/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(server.admin),
  });
  return ((await reply.json()) as { token: string }).token;
}

/** Publish the seeded config with two teams: billing pages go to Billing, the rest to Complaints. */
async function publishTeams(token: string): Promise<void> {
  const auth = { ...json, authorization: `Bearer ${token}` };
  const current = (await (await fetch(`${server.url}/v1/admin/config`, { headers: auth })).json()) as {
    config: object;
  };
  const reply = await fetch(`${server.url}/v1/admin/config`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      config: {
        ...current.config,
        teams: [
          { id: 'billing', name: 'Billing', agents: [server.agent.email] },
          { id: 'complaints', name: 'Complaints', agents: [server.admin.email] },
        ],
        routing: {
          assignment: 'manual',
          rules: [{ page: ['https://shop.example.com/billing/*'], team: 'billing' }],
          defaultTeam: 'complaints',
        },
      },
    }),
  });
  expect(reply.status).toBe(201);
}

/** A visitor on `url` writes `text` through the visitor HTTP API. */
async function visitorWrites(url: string, name: string, text: string): Promise<void> {
  const headers = { ...json, 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ identity: { userId: `u-${name}`, name }, page: { url } }),
    })
  ).json()) as { visitorToken: string };
  const clientId = `c_${name.replace(/\W/g, '')}_${Date.now()}`;
  const reply = await fetch(`${server.url}/v1/conversations`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${session.visitorToken}` },
    body: JSON.stringify({ clientId, message: { clientId: `m_${clientId}`, text } }),
  });
  expect(reply.status).toBe(201);
}

test('the inbox filters by team, shows each conversation’s team and moves one to another team', async ({
  page,
}) => {
  await publishTeams(await adminToken());
  await visitorWrites('https://shop.example.com/billing/invoices', 'Petra Nováková', 'I was charged twice');
  await visitorWrites('https://shop.example.com/orders/7', 'Tomáš Svoboda', 'My tent arrived torn');

  await page.setViewportSize({ width: 1366, height: 860 });
  await signIn(page, server, server.admin);
  const rows = page.locator('.conversation-row');
  const charged = rows.filter({ hasText: 'I was charged twice' });
  const torn = rows.filter({ hasText: 'My tent arrived torn' });
  await expect(charged).toContainText('Billing');
  await expect(torn).toContainText('Complaints');

  const filter = page.getByRole('combobox', { name: 'Filter by team' });
  await filter.selectOption({ label: 'Billing' });
  await expect(charged).toBeVisible();
  await expect(torn).toHaveCount(0);
  await filter.selectOption({ label: 'Complaints' });
  await expect(torn).toBeVisible();
  await expect(charged).toHaveCount(0);

  // Open it and move it to Billing by hand: it leaves the Complaints list and shows under Billing.
  await torn.click();
  const conversation = page.getByRole('region', { name: /Conversation with Tomáš Svoboda/ });
  const picker = conversation.getByRole('combobox', { name: 'Team' });
  await expect(picker).toHaveValue('complaints');

  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found, 'axe violations in the inbox with teams').toEqual([]);
  await page.screenshot({ path: 'test-results/teams-inbox.png' });

  await picker.selectOption({ label: 'Billing' });
  await expect(torn).toHaveCount(0);
  await filter.selectOption({ label: 'Billing' });
  await expect(torn).toContainText('Billing');
  await expect(charged).toBeVisible();
  await filter.selectOption({ label: 'All teams' });
  await expect(rows).toHaveCount(2);
});
