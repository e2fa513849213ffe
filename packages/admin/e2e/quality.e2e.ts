import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

let server: TestServer;
const shots = process.env.QUALITY_SCREENSHOTS; // a folder to save screenshots in, when looking at the views

test.beforeAll(async () => {
  // Builds the console first: slow on a busy machine.
  test.setTimeout(240_000);
  server = await startConsoleServer();
  const admin = await api('POST', '/v1/agent/login', server.admin);
  const token = admin.token as string;
  // Three rated conversations, answered and resolved by the admin.
  const voices = [
    { name: 'Žofie Nováková', csat: 1, solved: false, comment: 'Refund still missing, "urgent"' },
    { name: 'Gergő Szabó', csat: 4, solved: true, comment: 'Quick and kind' },
    { name: '李华', csat: 2, solved: false, comment: '' },
  ];
  for (const [i, voice] of voices.entries()) {
    const session = await api('POST', '/v1/session', { identity: { userId: `q-${i}`, name: voice.name } });
    const visitor = session.visitorToken as string;
    const created = await api(
      'POST',
      '/v1/conversations',
      { clientId: `quality-conv-${i}`, message: { clientId: `quality-msg-${i}`, text: 'Hello' } },
      visitor,
    );
    const id = created.conversation.id as string;
    await api('POST', `/v1/agent/conversations/${id}/assign`, { assigneeId: admin.agent.id }, token);
    await api(
      'POST',
      `/v1/agent/conversations/${id}/messages`,
      { clientId: `quality-reply-${i}`, text: 'Hi!' },
      token,
    );
    await api('POST', `/v1/agent/conversations/${id}/status`, { status: 'resolved' }, token);
    await api(
      'POST',
      `/v1/conversations/${id}/rating`,
      {
        clientId: `quality-rate-${i}`,
        csat: voice.csat,
        solved: voice.solved,
        ...(voice.comment ? { comment: voice.comment } : {}),
      },
      visitor,
    );
  }
});
test.afterAll(() => server?.stop());

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
async function api(method: string, path: string, body: unknown, token?: string): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-frontdesk-site': server.siteKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found, `axe violations in ${view}`).toEqual([]);
}

async function look(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('analytics: a trend chart with its data table, figures per agent, CSV download', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Quality' }).click();
  await page.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'Analytics' }).click();
  const chart = page.getByRole('img', { name: /First response, median by day/ });
  await expect(chart).toBeVisible();
  await page.getByText('Data table').first().click();
  // A header row and 31 days: the last 30 days start part-way through a day.
  await expect(page.locator('.chart-data table').first().getByRole('row')).toHaveCount(32);
  await expectNoAxeViolations(page, 'analytics by day');
  await look(page, 'analytics-period');

  await page.getByLabel('Group by').selectOption('agent');
  await page.getByLabel('Chart').selectOption('csat');
  await expect(page.getByRole('img', { name: /CSAT \(1–5\) by agent/ })).toBeVisible();
  const row = page.locator('table.figures tbody tr').filter({ hasText: 'Demo Admin' });
  await expect(row.getByRole('cell').first()).toHaveText('3');
  // CSAT of 1, 4 and 2
  await expect(row.getByRole('cell').nth(5)).toHaveText('2.3');
  await expectNoAxeViolations(page, 'analytics by agent');
  await look(page, 'analytics-agent');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^analytics-agent-.*\.csv$/);
  const bytes = readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('Demo Admin');
  await expect(page.getByRole('status').first()).toHaveText(/Downloaded analytics-agent-/);

  // From a figure to an action plan: the form starts with that agent and figure.
  await page.getByRole('link', { name: 'Plan an action on CSAT (1–5) of Demo Admin' }).click();
  const form = page.getByRole('form', { name: 'New action plan item' });
  await expect(form.getByLabel('Scope')).toHaveValue('agent');
  await expect(form.getByLabel('Targeted figure')).toHaveValue('csat');
  await expect(form.getByLabel('Agent id, team id or channel')).toHaveValue(/^ag/);
});

test('voice of the customer: comments and "not solved" answers, searchable', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.goto(`${server.url}/console/#/stats/voice`);
  await expect(page.getByText('3 answers')).toBeVisible();
  await expect(page.getByText('Refund still missing, "urgent"')).toBeVisible();
  await expectNoAxeViolations(page, 'voice of the customer');
  await look(page, 'voice');
  await page.getByLabel('Words').fill('refund');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 answer', { exact: true })).toBeVisible();
  await page.getByLabel('Words').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Solved').selectOption('no');
  await expect(page.getByText('2 answers')).toBeVisible();
  await expect(page.locator('.voice li').filter({ hasText: '李华' })).toContainText('(no comment)');
});

test('action plans: created from the form with the figure before, listed on the team page', async ({
  page,
}) => {
  await signIn(page, server, server.admin);
  await page.goto(`${server.url}/console/#/stats/plans`);
  await expect(page.getByText('No action plans yet.')).toBeVisible();
  const form = page.getByRole('form', { name: 'New action plan item' });
  await form.getByLabel('Title').fill('Answer refunds within the hour');
  await form.getByLabel('Owner (agent email)').fill(server.admin.email);
  await form.getByLabel('Due date').fill('2026-12-31');
  await form.getByLabel('Targeted figure').selectOption('csat');
  await form.getByRole('button', { name: 'Add item' }).click();
  await expect(form.getByRole('status')).toHaveText(
    /Added “Answer refunds within the hour”: CSAT \(1–5\) is 2\.3 now\./,
  );
  const row = page.getByRole('row', { name: /Answer refunds within the hour/ });
  await expect(row.getByRole('cell').nth(3)).toHaveText('2.3');
  await row.getByRole('combobox', { name: /Status of/ }).selectOption('in_progress');
  await expect(page.getByRole('status').first()).toHaveText(
    '“Answer refunds within the hour” is now in progress.',
  );
  await expectNoAxeViolations(page, 'action plans');
  await look(page, 'plans');
});
