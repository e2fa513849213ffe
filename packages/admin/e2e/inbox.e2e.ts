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

test('an agent sees a conversation arrive live, answers with a canned response, adds a note and resolves', async ({
  browser,
}) => {
  const agentContext = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, server, server.agent);
  await expect(agentPage.getByText('Live', { exact: true })).toBeVisible();
  await expect(agentPage.getByText('No open conversations.')).toBeVisible();

  // A visitor writes from the widget in another browser.
  const visitorContext = await browser.newContext();
  const shop = await visitorContext.newPage();
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  // The agent's console is open, so the team shows as online.
  await expect(panel.getByText('We are online')).toBeVisible();
  await panel.getByRole('button', { name: 'Send us a message' }).click();
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello, my tent arrived torn');
  await box.press('Enter');

  // It appears in the inbox without a reload, marked unread.
  const row = agentPage.locator('.conversation-row').filter({ hasText: 'Hello, my tent arrived torn' });
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/unread/);
  await row.click();
  await expect(row).not.toHaveClass(/unread/);
  const messages = agentPage.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('Hello, my tent arrived torn')).toBeVisible();

  // Typing shows on the agent's side while the visitor types.
  await box.pressSequentially('One more thing', { delay: 20 });
  await expect(agentPage.getByText(/is typing…/)).toBeVisible();
  // A further message arrives in the open conversation without a reload.
  await box.press('Enter');
  await expect(messages.getByText('One more thing')).toBeVisible();
  await expect(agentPage.getByText(/is typing…/)).toHaveCount(0);

  // Reply with a canned response through the `/` shortcut.
  const reply = agentPage.getByRole('textbox', { name: 'Reply to the visitor' });
  // ...and the other way round.
  await reply.pressSequentially('Let me check', { delay: 20 });
  await expect(panel.getByText(/is typing…/)).toBeVisible();
  await reply.fill('/hel');
  const options = agentPage.getByRole('listbox', { name: 'Canned responses' });
  await expect(options.getByRole('option')).toHaveCount(1);
  await reply.press('Enter');
  await expect(reply).toHaveValue('Hi! Thanks for reaching out — how can I help?');
  await reply.press('Enter');
  await expect(
    messages.locator('.message.agent').filter({ hasText: 'Thanks for reaching out' }),
  ).not.toHaveClass(/pending/);
  await expect(panel.getByText('Hi! Thanks for reaching out — how can I help?')).toBeVisible();

  // An internal note: the team sees it, the visitor never does.
  await agentPage.getByRole('tab', { name: 'Internal note' }).click();
  const note = agentPage.getByRole('textbox', { name: 'Internal note (only agents see it)' });
  await note.fill('Customer sent photos by email, check the warranty');
  await note.press('Enter');
  await expect(messages.locator('.message.note')).toContainText('check the warranty');
  await expect(panel.getByText('check the warranty')).toHaveCount(0);

  // Resolve: it leaves the open list and shows under Resolved.
  await agentPage.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(agentPage.locator('.conversation-head .badge')).toHaveText('resolved');
  // It was the only open conversation (the row's preview has changed since, so count every row).
  await expect(agentPage.locator('.conversation-row')).toHaveCount(0);
  await agentPage.getByRole('button', { name: 'Resolved', exact: true }).click();
  await expect(agentPage.locator('.conversation-row').filter({ hasText: 'check the warranty' })).toHaveCount(
    0,
  );
  await expect(agentPage.locator('.conversation-row')).toHaveCount(1);

  // The widget asks the visitor whether it is solved (the follow-up, then the rating).
  await expect(panel.getByText('Is your problem solved?')).toBeVisible();
  // By now the resolve, sent after the note, has reached the widget: the note never did.
  await expect(panel.getByText('check the warranty')).toHaveCount(0);

  await agentContext.close();
  await visitorContext.close();
});

/** A visitor starts a conversation through the visitor HTTP API; returns what they can go on with. */
async function visitorWrites(
  text: string,
  clientId: string,
): Promise<{ headers: Record<string, string>; conversationId: string }> {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: '{}' })
  ).json()) as { visitorToken: string };
  const visitor = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  const created = (await (
    await fetch(`${server.url}/v1/conversations`, {
      method: 'POST',
      headers: visitor,
      body: JSON.stringify({ clientId, message: { clientId: `m_${clientId}`, text } }),
    })
  ).json()) as { conversation: { id: string } };
  return { headers: visitor, conversationId: created.conversation.id };
}

test('inbox shortcuts move between conversations, reply, resolve and open the help', async ({ page }) => {
  await visitorWrites('First question', 'c_keys_0001');
  await visitorWrites('Second question', 'c_keys_0002');
  await signIn(page, server, server.agent);
  const rows = page.locator('.conversation-row');
  await expect(rows.filter({ hasText: 'Second question' })).toBeVisible();
  const current = page.locator('.conversation-row[aria-current="true"]');
  // Keys pressed in quick succession each act on the conversation the one before opened.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(current).toContainText('First question');
  await page.keyboard.press('k');
  await expect(current).toContainText('Second question');
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('a');
  await expect(current).toContainText('Second question');
  await expect(page.getByRole('combobox', { name: 'Assignee' })).toHaveValue(/.+/);
  await page.keyboard.press('r');
  await expect(page.getByRole('textbox', { name: 'Reply to the visitor' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Internal note (only agents see it)' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  await expect(page.locator('.conversation-head .badge')).toHaveText('resolved');
  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.locator('.conversation-head .badge')).toHaveText('open');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
});

test('a reply being written stays with its conversation when the agent switches to another', async ({
  page,
}) => {
  await visitorWrites('Where is parcel A?', 'c_draft_0001');
  await visitorWrites('Where is parcel B?', 'c_draft_0002');
  await signIn(page, server, server.agent);
  const row = (text: string) => page.locator('.conversation-row').filter({ hasText: text });
  const thread = page.getByRole('list', { name: 'Messages' });
  const reply = page.getByRole('textbox', { name: 'Reply to the visitor' });
  await row('parcel A').click();
  await expect(thread.getByText('Where is parcel A?')).toBeVisible();
  await reply.fill('Parcel A left the warehouse today');
  // Another conversation: its own empty box, never the reply meant for A.
  await row('parcel B').click();
  await expect(thread.getByText('Where is parcel B?')).toBeVisible();
  await expect(thread.getByText('Where is parcel A?')).toHaveCount(0);
  await expect(reply).toHaveValue('');
  // Back to A: the draft is still there.
  await row('parcel A').click();
  await expect(reply).toHaveValue('Parcel A left the warehouse today');
});

test('a visitor who leaves while typing stops showing as typing after a while', async ({ page }) => {
  await page.clock.install();
  const visitor = await visitorWrites('Let me type something', 'c_typing_0001');
  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: 'Let me type something' }).click();
  // "typing" and then nothing: the tab was closed before it could say it stopped.
  await fetch(`${server.url}/v1/conversations/${visitor.conversationId}/typing`, {
    method: 'POST',
    headers: visitor.headers,
    body: JSON.stringify({ typing: true }),
  });
  const typing = page.getByText(/is typing…/);
  await expect(typing).toBeVisible();
  await page.clock.runFor(4000);
  await expect(typing).toBeVisible();
  await page.clock.runFor(5000);
  await expect(typing).toHaveCount(0);
});

test("the visitor's rating shows beside the conversation", async ({ page }) => {
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
        clientId: 'c_rating_001',
        message: { clientId: 'm_rating_001', text: 'Rate me' },
      }),
    })
  ).json()) as { conversation: { id: string } };
  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: 'Rate me' }).click();
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(page.locator('.conversation-head .badge')).toHaveText('resolved');
  const rated = await fetch(`${server.url}/v1/conversations/${created.conversation.id}/rating`, {
    method: 'POST',
    headers: visitor,
    body: JSON.stringify({ clientId: 'r_rating_001', csat: 5, nps: 9, comment: 'Quick and kind' }),
  });
  expect(rated.status).toBeLessThan(300);
  await page.reload();
  const rating = page.getByRole('complementary', { name: 'Visitor' }).locator('.rating');
  await expect(rating).toContainText('5/5');
  await expect(rating).toContainText('NPS 9');
  await expect(rating).toContainText('Quick and kind');
});

test('the status dot is green while online and stops being green when the agent switches to Away', async ({
  page,
}) => {
  await signIn(page, server, server.agent);
  const dot = page.locator('.rail .me .presence');
  const status = page.getByRole('combobox', { name: 'Your status' });
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await expect.poll(() => background(dot)).toBe('rgb(60, 207, 110)');
  await status.selectOption('away');
  await expect.poll(() => background(dot)).not.toBe('rgb(60, 207, 110)');
  await expect(dot).toHaveClass(/\baway\b/);
  await status.selectOption('online');
  await expect.poll(() => background(dot)).toBe('rgb(60, 207, 110)');
});

test('after the server restarts, the inbox reconnects and stays live', async ({ page }) => {
  await signIn(page, server, server.agent);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await server.kill();
  await expect(page.getByText('Offline, reconnecting…')).toBeVisible();
  await server.restart();
  await expect(page.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 });
  // A new conversation after the restart still arrives live.
  await visitorWrites('Are you back?', 'c_restart_01');
  await expect(page.locator('.conversation-row').filter({ hasText: 'Are you back?' })).toBeVisible();
});
