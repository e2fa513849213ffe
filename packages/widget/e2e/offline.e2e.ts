import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, openHost, openPanel, startWidgetServer } from './support';

// The network drops mid-conversation: the visitor keeps writing, nothing is lost or doubled when it returns.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

test('messages written offline wait as "sending" and arrive once when the network returns', async ({
  page,
  context,
}) => {
  await openHost(page, server, 'offline');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('First, while online');
  await box.press('Enter');
  const first = p.locator('li.m.v').filter({ hasText: 'First, while online' });
  await expect(first.locator('[data-status]')).toHaveAttribute('data-status', 'sent');
  const conversation = await agent.conversationWith('First, while online');

  await context.setOffline(true);
  await expect(p.getByText('Offline, reconnecting…')).toBeVisible();
  await box.fill('Second, while offline');
  await box.press('Enter');
  const second = p.locator('li.m.v').filter({ hasText: 'Second, while offline' });
  await expect(second.locator('[data-status]')).toHaveAttribute('data-status', 'sending');
  await agent.reply(conversation.id, 'Reply sent while you were away');

  await context.setOffline(false);
  await expect(second.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/, {
    timeout: 20_000,
  });
  await expect(p.getByText('Reply sent while you were away')).toBeVisible({ timeout: 20_000 });
  await expect(p.getByText('Offline, reconnecting…')).toBeHidden();
  // Exactly once on the server, and once on screen.
  const texts = await agent.messages(conversation.id);
  expect(texts.filter((t) => t === 'Second, while offline')).toHaveLength(1);
  await expect(p.locator('li.m').filter({ hasText: 'Second, while offline' })).toHaveCount(1);
  await expect(p.locator('li.m').filter({ hasText: 'Reply sent while you were away' })).toHaveCount(1);
});
