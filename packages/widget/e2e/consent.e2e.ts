import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import {
  Agent,
  changeConfig,
  expectNoAxeViolations,
  openHost,
  openPanel,
  startWidgetServer,
} from './support';

// A site that requires consent: the chat asks for it, and a message written before the answer waits for it
// (never "Sending…" for something that cannot be sent), then goes out the moment consent is given.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
  await changeConfig(server, (config) => ({ ...config, privacy: { consentRequired: true } }));
});
test.afterAll(async () => server?.stop());

async function writeBeforeConsent(page: Page, name: string, text: string) {
  await openHost(page, server, name);
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  const mine = p.locator('li.m.v').filter({ hasText: text });
  await expect(mine.locator('[data-status]')).toHaveText('Waiting for your consent');
  await expect(p.getByText('Sending…')).toHaveCount(0);
  return { p, mine };
}

test('the chat asks for consent; a message written first waits, then is sent when the visitor agrees', async ({
  page,
}) => {
  const { p, mine } = await writeBeforeConsent(page, 'consent-prompt', 'Written before consent');
  const prompt = p.getByRole('region', { name: /we store this conversation/ });
  await expect(prompt).toBeVisible();
  await expectNoAxeViolations(page, 'consent prompt');
  // Nothing reached the server yet.
  const before = await agent.call<{ preview: string | null }[]>('GET', '/conversations');
  expect(before.some((c) => c.preview?.includes('Written before consent'))).toBe(false);
  await prompt.getByRole('button', { name: 'I agree' }).click();
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
  await expect(prompt).toHaveCount(0);
  await agent.conversationWith('Written before consent');
});

test("the site's own banner (Frontdesk('consent', true)) sends the waiting message the same way", async ({
  page,
}) => {
  const { mine } = await writeBeforeConsent(page, 'consent-banner', 'Waiting for the banner');
  await page.evaluate(() =>
    (window as unknown as { Frontdesk: (...a: unknown[]) => void }).Frontdesk('consent', true),
  );
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
  await agent.conversationWith('Waiting for the banner');
});

test('declining says what it means and keeps the message; leaving the page with it waiting asks first', async ({
  page,
}) => {
  const { p, mine } = await writeBeforeConsent(page, 'consent-decline', 'Maybe later');
  await p.getByRole('button', { name: 'Not now' }).click();
  await expect(
    p.getByText('Without your consent we cannot send your messages.', { exact: false }),
  ).toBeVisible();
  await expect(mine.locator('[data-status]')).toHaveText('Waiting for your consent');
  // Kept in this page only (nothing may be stored): the browser asks before the page is left.
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(mine).toBeVisible();
  await p.getByRole('button', { name: 'I agree' }).click();
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
});

test('the prompt texts and a privacy link come from the config', async ({ page }) => {
  await changeConfig(server, (config) => ({
    ...config,
    privacy: {
      consentRequired: true,
      consentPrompt: {
        text: { en: 'We keep chats for 30 days.' },
        accept: { en: 'Fine, chat' },
        policyUrl: 'https://shop.example.com/privacy',
      },
    },
  }));
  const { p } = await writeBeforeConsent(page, 'consent-config', 'Custom prompt');
  const prompt = p.getByRole('region', { name: /We keep chats for 30 days/ });
  await expect(prompt.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute(
    'href',
    'https://shop.example.com/privacy',
  );
  await expect(prompt.getByRole('button', { name: 'Fine, chat' })).toBeVisible();
  await changeConfig(server, (config) => ({ ...config, privacy: { consentRequired: true } }));
});
