import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, openHost, openPanel, startWidgetServer } from './support';

// The realtime link's code is a lazy chunk loaded when the first link opens. If that load fails once (a flaky
// network, a deploy that replaced the chunk), the visitor must still get the agent's replies live.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

/** The built chunk holding the realtime link (named by hash only): the one that sends the socket's ping frame. */
function realtimeChunk(): string {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const found = readdirSync(dist).filter(
    (f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes('{"frame":"ping"}'),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

test('a realtime chunk that failed to load once is loaded again, and agent replies arrive live', async ({
  page,
}) => {
  const chunk = realtimeChunk();
  let requests = 0;
  await page.route(`${server.url}/widget/${chunk}`, (route) => {
    requests++;
    return requests === 1 ? route.abort('connectionreset') : route.continue();
  });
  await openHost(page, server, 'realtime-chunk');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('Is the realtime link back?');
  await box.press('Enter');
  await expect(
    p.locator('li.m.v').filter({ hasText: 'Is the realtime link back?' }).locator('[data-status]'),
  ).toHaveAttribute('data-status', 'sent');
  const conversation = await agent.conversationWith('Is the realtime link back?');
  // Live: nothing the visitor does fetches it (no reload, no new message, no tab switch).
  await expect.poll(() => requests, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await agent.reply(conversation.id, 'Yes, replies come live');
  await expect(p.getByText('Yes, replies come live')).toBeVisible({ timeout: 15_000 });
});

test('when the realtime chunk is gone (a deploy replaced it), replies still arrive by long polling', async ({
  page,
}) => {
  // The page runs the old main bundle; its realtime chunk now answers 404, for good. (Browsers that cache a failed
  // dynamic import see the same after one failure: whatwg/html#10327 changed that only recently.)
  const chunk = realtimeChunk();
  let requests = 0;
  await page.route(`${server.url}/widget/${chunk}`, (route) => {
    requests++;
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
  await openHost(page, server, 'realtime-chunk-gone');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('Anyone there without the chunk?');
  await box.press('Enter');
  await expect(
    p.locator('li.m.v').filter({ hasText: 'Anyone there without the chunk?' }).locator('[data-status]'),
  ).toHaveAttribute('data-status', 'sent');
  const conversation = await agent.conversationWith('Anyone there without the chunk?');
  expect(requests).toBeGreaterThanOrEqual(1);
  await agent.reply(conversation.id, 'Yes, by long polling');
  await expect(p.getByText('Yes, by long polling')).toBeVisible({ timeout: 15_000 });
  await agent.reply(conversation.id, 'And a second reply');
  await expect(p.getByText('And a second reply')).toBeVisible({ timeout: 15_000 });
});
