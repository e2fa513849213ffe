import type { TestServer } from '@frontdesk/server/testing';
import { devices, expect, test } from '@playwright/test';
import {
  Agent,
  expectNoAxeViolations,
  launcher,
  openHost,
  openPanel,
  panel,
  startWidgetServer,
  widget,
} from './support';

// The journey on a phone: the panel fills the screen, inputs are 16px (no iOS zoom), the host page does not jump.
let server: TestServer;
let agent: Agent;
test.use({ ...devices['Pixel 7'], defaultBrowserType: undefined } as never);
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

test('on a phone the panel is full screen, inputs are 16px and the page keeps its scroll position', async ({
  page,
}) => {
  const tall = `<main><h1>Acme</h1>${'<p>Long host page text.</p>'.repeat(120)}</main>`;
  await openHost(page, server, 'phone', { body: tall });
  await page.evaluate(() => window.scrollTo(0, 1500));
  await expect(launcher(page)).toBeVisible({ timeout: 15_000 });
  const viewport = page.viewportSize()!;
  const p = await openPanel(page);
  const box = (await p.boundingBox())!;
  expect(Math.round(box.x)).toBe(0);
  expect(Math.round(box.y)).toBe(0);
  expect(Math.round(box.width)).toBe(viewport.width);
  expect(Math.round(box.height)).toBeGreaterThanOrEqual(viewport.height - 1);
  expect(await page.evaluate(() => window.scrollY)).toBe(1500);
  await expectNoAxeViolations(page, 'home on a phone');

  // Chat from the phone; the agent answers.
  await p.getByRole('button', { name: 'Send us a message' }).click();
  const box2 = p.getByRole('textbox', { name: 'Message' });
  expect(await box2.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  await box2.fill('Hello from my phone');
  await p.getByRole('button', { name: 'Send' }).tap();
  const conversation = await agent.conversationWith('Hello from my phone');
  await agent.reply(conversation.id, 'Hi! Happy to help.');
  await expect(p.getByText('Hi! Happy to help.')).toBeVisible();
  await expectNoAxeViolations(page, 'chat on a phone');

  // Closing returns to the same place on the host page.
  await p.getByRole('button', { name: 'Close', exact: true }).tap();
  await expect(panel(page)).toBeHidden();
  expect(await page.evaluate(() => window.scrollY)).toBe(1500);
  await expect(widget(page).locator('button.la')).toBeVisible();
});
