import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

const json = { 'content-type': 'application/json' };

/** A visitor session over the API: its token and a helper for its requests. */
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

test('ratings, visitor attribute changes and ticket updates arrive live in the console, without a reload', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.agent);

  const call = await visitor();
  const created = (await call('POST', '/v1/conversations', {
    clientId: 'c_live_000001',
    message: { clientId: 'm_live_000001', text: 'Where is my parcel?' },
  })) as { conversation: { id: string } };
  const id = created.conversation.id;
  await page.locator('.conversation-row').filter({ hasText: 'Where is my parcel?' }).click();
  const visitorPanel = page.getByRole('complementary', { name: 'Visitor' });
  await expect(visitorPanel.getByRole('heading', { name: 'Previous conversations' })).toBeVisible();
  await expect(visitorPanel.getByText('gold')).toHaveCount(0);

  // The site sets an attribute (Frontdesk('set', …) in the widget): it shows in the open visitor panel.
  await call('PATCH', '/v1/visitor', { attributes: { plan: 'gold' } });
  await expect(visitorPanel.getByText('plan', { exact: true })).toBeVisible();
  await expect(visitorPanel.getByText('gold', { exact: true })).toBeVisible();

  // The visitor rates the conversation: the rating shows in the open conversation.
  await call('POST', `/v1/conversations/${id}/rating`, {
    clientId: 'r_live_000001',
    csat: 4,
    comment: 'Quick help',
  });
  await expect(visitorPanel.getByRole('heading', { name: 'Rating' })).toBeVisible();
  await expect(visitorPanel.getByText('★★★★ 4/5')).toBeVisible();
  await expect(visitorPanel.getByText('Quick help')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots-newuser-b/live-rating-attributes-desktop.png' });

  // A ticket from a form, then another agent changes its status: the tickets view follows both.
  await call('POST', '/v1/forms/question/submissions', {
    clientId: 't_live_000001',
    formId: 'question',
    values: { email: 'ana@example.com', topic: 'order', message: 'Parcel number 42' },
  });
  await page.getByRole('link', { name: 'Tickets' }).click();
  const status = page.getByRole('combobox', { name: /^Status of / });
  await expect(status).toHaveValue('open');
  const login = (await (
    await fetch(`${server.url}/v1/agent/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(server.admin),
    })
  ).json()) as { token: string };
  const list = (await (
    await fetch(`${server.url}/v1/agent/tickets`, { headers: { authorization: `Bearer ${login.token}` } })
  ).json()) as { id: string }[] | { tickets: { id: string }[] };
  const ticketId = (Array.isArray(list) ? list : list.tickets)[0]!.id;
  const patched = await fetch(`${server.url}/v1/agent/tickets/${ticketId}`, {
    method: 'PATCH',
    headers: { ...json, authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ status: 'resolved', outcome: 'refund' }),
  });
  expect(patched.ok).toBe(true);
  await expect(status).toHaveValue('resolved');
  await expect(page.getByRole('combobox', { name: /^Outcome of / })).toHaveValue('refund');
});
