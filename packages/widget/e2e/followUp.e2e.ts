import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, expectNoAxeViolations, openHost, openPanel, startWidgetServer } from './support';

// After a resolution the widget asks "Is your problem solved?": No reopens the conversation for the team, Yes is
// recorded and the rating follows. The question lives in the lazy rating chunk.
let server: TestServer;
let agent: Agent;

test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

const statusOf = async (id: string) =>
  (await agent.call<{ conversation: { status: string } }>('GET', `/conversations/${id}`)).conversation.status;

test('"Is your problem solved?": No reopens the conversation, Yes is recorded before the stars', async ({
  page,
}) => {
  await openHost(page, server, 'follow-up');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('My parcel never came');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('My parcel never came');
  await agent.resolve(conversation.id);

  const question = p.getByRole('group', { name: 'Is your problem solved?' });
  await expect(question).toBeVisible();
  await expectNoAxeViolations(page, 'solved question');
  if (process.env.FRONTDESK_SHOTS)
    await page.screenshot({ path: `${process.env.FRONTDESK_SHOTS}/follow-up-question.png` });
  await question.getByRole('button', { name: 'No, I still need help' }).click();
  // The team sees it open again; the visitor can go on writing.
  await expect.poll(() => statusOf(conversation.id)).toBe('open');
  await expect(question).toHaveCount(0);
  expect(await agent.rating(conversation.id)).toMatchObject({ solved: false });
  await p.getByRole('textbox', { name: 'Message' }).fill('Still nothing in my mailbox');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(() => agent.messages(conversation.id)).toContain('Still nothing in my mailbox');

  // Resolved again: asked again; Yes is stored at once, then the stars.
  await agent.resolve(conversation.id);
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect.poll(async () => (await agent.rating(conversation.id))?.solved).toBe(true);
  await expect(p.getByText('How would you rate our help?')).toBeVisible();
  await p.getByRole('radio', { name: '4 stars' }).check({ force: true });
  await p.getByRole('button', { name: 'Send rating' }).click();
  await expect(p.getByText('Thanks for your rating!')).toBeVisible();
  await expect.poll(async () => (await agent.rating(conversation.id))?.csat).toBe(4);
  // The stars did not erase the answer.
  expect(await agent.rating(conversation.id)).toMatchObject({ solved: true, csat: 4 });
  expect(await statusOf(conversation.id)).toBe('resolved');
});
