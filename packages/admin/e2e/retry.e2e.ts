import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

test('a reply whose answer was lost is stored once when the agent sends it again', async ({ page }) => {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: '{}' })
  ).json()) as { visitorToken: string };
  const visitor = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  const created = (await (
    await fetch(`${server.url}/v1/conversations`, {
      method: 'POST',
      headers: visitor,
      body: JSON.stringify({
        clientId: 'c_retry_0001',
        message: { clientId: 'm_retry_0001', text: 'Where is it?' },
      }),
    })
  ).json()) as { conversation: { id: string } };

  // The first reply reaches the server and is stored, but its answer never comes back.
  let lost = false;
  await page.route('**/v1/agent/conversations/*/messages', async (route) => {
    if (route.request().method() !== 'POST' || lost) return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: 'Where is it?' }).click();
  const reply = page.getByRole('textbox', { name: 'Reply to the visitor' });
  await reply.fill('It ships today');
  await reply.press('Enter');
  await expect(page.getByText(/^Not sent/)).toBeVisible();
  await expect(reply).toHaveValue('It ships today');
  // The agent presses Enter again: the same reply, not a second one.
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  const list = page.getByRole('list', { name: 'Messages' });
  await expect(list.getByText('It ships today')).toHaveCount(1);
  const stored = (await (
    await fetch(`${server.url}/v1/conversations/${created.conversation.id}/messages`, { headers: visitor })
  ).json()) as Array<{ text: string }>;
  expect(stored.filter((m) => m.text === 'It ships today')).toHaveLength(1);
});
