import type { TestServer } from '@frontdesk/server/testing';
import { type Browser, expect, type Locator, test } from '@playwright/test';
import { closeOwnContexts, openPanel, openWidgetPage, signIn, startConsoleServer } from './support';

closeOwnContexts();

// The demo site with its answer bot on, answering from the demo help center (packages/server/src/seedData.ts).
let server: TestServer;
test.beforeAll(async () => {
  server = await startConsoleServer({ FRONTDESK_SEED_BOT: '1' });
});
test.afterAll(async () => server?.stop());

/** A visitor in their own browser context asks `question` in a new chat; returns the widget panel. */
async function ask(browser: Browser, question: string): Promise<Locator> {
  const shop = await (await browser.newContext()).newPage();
  await openWidgetPage(shop, server);
  const panel = await openPanel(shop);
  await panel.getByRole('button', { name: 'Send us a message' }).click();
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
  return panel;
}

test('the bot answers from an article, the visitor confirms, and it counts as deflected', async ({
  browser,
}) => {
  const panel = await ask(browser, 'How long does delivery take?');
  // The answer is the article's own passage, with a link to the article and the question.
  await expect(panel.getByText('Delivery takes 2–4 days in the EU.', { exact: false })).toBeVisible();
  await expect(panel.getByText('Frontdesk Assistant').first()).toBeVisible();
  const question = panel.getByRole('group', { name: 'Did that answer your question?' });
  await expect(question).toBeVisible();
  await expect(panel.getByRole('button', { name: 'How long does delivery take?' })).toBeVisible();
  await question.getByRole('button', { name: 'Yes, that answered it' }).click();
  await expect(panel.getByText('Glad that helped! Write again any time.')).toBeVisible();
  await expect(panel.getByText('This conversation was resolved.')).toBeVisible();
  await expect(question).toHaveCount(0);

  // The quality page counts it: one bot conversation, answered, confirmed and deflected.
  const admin = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(admin, server, server.admin);
  await admin.getByRole('link', { name: 'Quality' }).click();
  const kpi = (label: string) =>
    admin.locator('.kpi').filter({ has: admin.getByText(label, { exact: true }) });
  await expect(kpi('Deflected conversations').locator('dd')).toHaveText('1');
  await expect(kpi('Confirmed answers').locator('dd')).toHaveText('1');
  await expect(kpi('Hand-offs').locator('dd')).toHaveText('0');
  await expect(kpi('Bot deflection rate').locator('dd')).toHaveText('100 %');
});

test('a question no article answers goes straight to the team, who see the bot exchange', async ({
  browser,
}) => {
  const agent = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(agent, server, server.agent);
  await expect(agent.getByText('Live', { exact: true })).toBeVisible();

  const panel = await ask(browser, 'My tent arrived torn');
  // The agent is online: the visitor is told when to expect a reply, and is never offered a bot answer.
  await expect(
    panel.getByText('I am passing your question to our team. They usually reply within 5 minutes.'),
  ).toBeVisible();
  await expect(panel.getByRole('group', { name: 'Did that answer your question?' })).toHaveCount(0);

  const row = agent.locator('.conversation-row').filter({ hasText: 'passing your question' });
  await expect(row).toBeVisible();
  await row.click();
  const messages = agent.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('My tent arrived torn')).toBeVisible();
  await expect(messages.locator('.message.bot')).toContainText('Bot · Frontdesk Assistant');
  await expect(messages.locator('.message.bot')).toContainText('I am passing your question to our team.');
});

test('"Talk to a person" after a bot answer hands the chat to the team', async ({ browser }) => {
  const agent = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(agent, server, server.agent);
  await expect(agent.getByText('Live', { exact: true })).toBeVisible();

  const rows = agent.locator('.conversation-row');
  // The open inbox as it is before this chat (loaded: a row or the empty notice shows).
  await expect(agent.getByText('No open conversations.').or(rows.first())).toBeVisible();
  const before = await rows.count();
  const panel = await ask(browser, 'Can I return an item?');
  const question = panel.getByRole('group', { name: 'Did that answer your question?' });
  await expect(panel.getByText('30 days', { exact: false })).toBeVisible();
  // While the bot holds the chat it is not waiting for an agent: not in the open inbox.
  await expect(rows).toHaveCount(before);
  await question.getByRole('button', { name: 'Talk to a person' }).click();
  await expect(panel.getByText('They usually reply within 5 minutes.', { exact: false })).toBeVisible();
  await expect(question).toHaveCount(0);

  // Now it is in the open inbox, newest first.
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.first()).toContainText('passing your question');
  await rows.first().click();
  const messages = agent.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('Can I return an item?')).toBeVisible();
  await expect(messages.getByText('Talk to a person')).toBeVisible();
  await expect(messages.getByText('From the article “Returning an item”')).toBeVisible();
});
