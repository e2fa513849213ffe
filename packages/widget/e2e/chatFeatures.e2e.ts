import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import {
  Agent,
  changeConfig,
  expectNoAxeViolations,
  openHost,
  openPanel,
  startWidgetServer,
} from './support';

// Chat features that depend on the site's config: away mode, the pre-chat form; and attachments.
let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

test('attachments: an image is uploaded, sent, previewed, and reaches the agent', async ({ page }) => {
  await openHost(page, server, 'attach');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  // A 1×1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  await p
    .getByLabel(/Attach a file/)
    .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
  await expect(p.getByRole('button', { name: 'Remove receipt.png' })).toBeVisible();
  await p.getByRole('textbox', { name: 'Message' }).fill('Here is my receipt');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const mine = p.locator('li.m.v').filter({ hasText: 'Here is my receipt' });
  await expect(mine.getByRole('img', { name: 'receipt.png' })).toBeVisible();
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
  await agent.conversationWith('Here is my receipt');
  await expectNoAxeViolations(page, 'chat with an attachment');
});

test('a file over the limit is refused with the limit shown', async ({ page }) => {
  await openHost(page, server, 'too-big');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByLabel(/Attach a file/).setInputFiles({
    name: 'huge.zip',
    mimeType: 'application/zip',
    buffer: Buffer.alloc(11 * 1024 * 1024),
  });
  await expect(p.getByRole('alert')).toHaveText('huge.zip is larger than 10 MB');
});

test('outside business hours the chat says when the team is back and asks for an email', async ({ page }) => {
  const today = new Date().toISOString().slice(0, 10);
  const allDay: [string, string][] = [['00:00', '23:59']];
  await changeConfig(server, (config) => ({
    ...config,
    businessHours: {
      timeZone: 'UTC',
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      holidays: [today],
    },
    away: { message: { en: 'We are closed today.' }, askEmail: true },
  }));
  await openHost(page, server, 'away');
  const p = await openPanel(page);
  await expect(p.getByText('We are offline')).toBeVisible();
  await expect(p.getByText(/^We are back /)).toBeVisible();
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await expect(p.getByText('We are closed today.')).toBeVisible();
  await p.getByRole('textbox', { name: /Leave your email/ }).fill('ana@example.com');
  await p.getByRole('button', { name: 'Save' }).click();
  await expect(p.getByText('Thanks, we will reply to ana@example.com.')).toBeVisible();
  await expectNoAxeViolations(page, 'away mode');
  await changeConfig(server, ({ businessHours: _h, away: _a, ...config }) => config);
});

test('a pre-chat form is asked before the first message when the config wants one', async ({ page }) => {
  await changeConfig(server, (config) => ({ ...config, preChatFormId: 'question' }));
  await openHost(page, server, 'prechat');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await expect(p.getByText('Before we start')).toBeVisible();
  await expectNoAxeViolations(page, 'pre-chat form');
  await p.getByRole('textbox', { name: /Your email/ }).fill('ana@example.com');
  await p.getByRole('combobox', { name: /Topic/ }).selectOption('billing');
  await p.getByRole('textbox', { name: /Your question/ }).fill('Invoice please');
  await p.getByRole('button', { name: 'Send' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('After the pre-chat form');
  await box.press('Enter');
  await agent.conversationWith('After the pre-chat form');
  await changeConfig(server, ({ preChatFormId: _p, ...config }) => config);
});

test('pre-chat name, email and phone fill the visitor profile: the agent sees who is writing', async ({
  page,
}) => {
  type Form = { id: string };
  const contact = {
    id: 'contact',
    module: 'question',
    title: { en: 'Contact' },
    fields: [
      { name: 'name', type: 'text', label: { en: 'Your name' }, required: true },
      { name: 'mail', type: 'email', label: { en: 'Your email' }, required: true },
      { name: 'phone', type: 'phone', label: { en: 'Your phone' } },
      { name: 'plan', type: 'text', label: { en: 'Your plan' } },
    ],
  };
  await changeConfig(server, (config) => ({
    ...config,
    forms: [...(config.forms as Form[]), contact],
    preChatFormId: 'contact',
  }));
  await openHost(page, server, 'prechat-profile');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: /Your name/ }).fill('Ana Nováková');
  await p.getByRole('textbox', { name: /Your email/ }).fill('ana@example.com');
  await p.getByRole('textbox', { name: /Your phone/ }).fill('+420 123 456 789');
  await p.getByRole('textbox', { name: /Your plan/ }).fill('Pro');
  await p.getByRole('button', { name: 'Send' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('Who is asking?');
  await box.press('Enter');
  const conversation = await agent.conversationWith('Who is asking?');
  const detail = await agent.call<{
    visitor: { name: string | null; email: string | null; attributes: Record<string, unknown> };
  }>('GET', `/conversations/${conversation.id}`);
  expect(detail.visitor).toMatchObject({ name: 'Ana Nováková', email: 'ana@example.com' });
  expect(detail.visitor.attributes).toEqual({ phone: '+420 123 456 789', plan: 'Pro' });
  await changeConfig(server, ({ preChatFormId: _p, ...config }) => ({
    ...config,
    forms: (config.forms as Form[]).filter((f) => f.id !== 'contact'),
  }));
});

test('with NPS on, a resolved conversation asks CSAT and NPS, and both reach the server', async ({
  page,
}) => {
  await changeConfig(server, (config) => ({ ...config, rating: { csat: true, nps: true } }));
  await openHost(page, server, 'nps');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('Rate me twice');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('Rate me twice');
  await agent.resolve(conversation.id);
  await p.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(p.getByText('How likely are you to recommend us to a friend?')).toBeVisible();
  // Nothing to send before an answer; any answer is enough.
  await expect(p.getByRole('button', { name: 'Send rating' })).toHaveCount(0);
  await p.getByRole('radio', { name: '4 stars' }).check({ force: true });
  await p.getByRole('radio', { name: '9', exact: true }).locator('..').click();
  await expectNoAxeViolations(page, 'rating with NPS');
  await p.getByRole('button', { name: 'Send rating' }).click();
  await expect(p.getByText('Thanks for your rating!')).toBeVisible();
  await expect.poll(async () => (await agent.rating(conversation.id))?.csat).toBe(4);
  expect(await agent.rating(conversation.id)).toMatchObject({ nps: 9 });
  await changeConfig(server, ({ rating: _r, ...config }) => config);
});

test('with NPS on, stars alone can be sent: the visitor sends what they gave', async ({ page }) => {
  await changeConfig(server, (config) => ({ ...config, rating: { csat: true, nps: true } }));
  await openHost(page, server, 'stars-only');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('Stars only please');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('Stars only please');
  await agent.resolve(conversation.id);
  await p.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(p.getByText('How likely are you to recommend us to a friend?')).toBeVisible();
  await p.getByRole('radio', { name: '5 stars' }).check({ force: true });
  await p.getByRole('button', { name: 'Send rating' }).click();
  await expect(p.getByText('Thanks for your rating!')).toBeVisible();
  await expect.poll(async () => (await agent.rating(conversation.id))?.csat).toBe(5);
  expect(await agent.rating(conversation.id)).toMatchObject({ nps: null });
  await changeConfig(server, ({ rating: _r, ...config }) => config);
});

test('while a new question is typed, help articles that may answer it are suggested', async ({ page }) => {
  await openHost(page, server, 'suggest');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('how long does delivery take to Prague');
  await expect(p.getByText('These articles might answer it:')).toBeVisible();
  await expectNoAxeViolations(page, 'chat with suggestions');
  await p.getByRole('button', { name: 'How long does delivery take?' }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'How long does delivery take?' })).toBeVisible();
});

test('the agent typing is shown, then their message', async ({ page }) => {
  await openHost(page, server, 'typing');
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Send us a message' }).click();
  await p.getByRole('textbox', { name: 'Message' }).fill('Anyone there?');
  await p.getByRole('textbox', { name: 'Message' }).press('Enter');
  const conversation = await agent.conversationWith('Anyone there?');
  await agent.call('POST', `/conversations/${conversation.id}/typing`, { typing: true });
  await expect(p.getByText('Demo Agent is typing…')).toBeVisible();
  await agent.reply(conversation.id, 'Yes, here!');
  await expect(p.getByText('Yes, here!')).toBeVisible();
});

test('theme and channels from the config: a light brand colour stays readable, launcher on the left, phone and social links', async ({
  page,
}) => {
  await changeConfig(server, (config) => ({
    ...config,
    theme: { brandColor: '#ffd400', position: 'left', offsetX: 32, mode: 'light' },
    channels: {
      chat: { enabled: true },
      email: { enabled: true, formId: 'question' },
      phone: { enabled: true, number: '+420 123 456 789', callbackFormId: 'return' },
      social: [{ network: 'whatsapp', url: 'https://wa.me/420123456789' }],
    },
  }));
  await page.setViewportSize({ width: 1024, height: 760 });
  await openHost(page, server, 'theme');
  const p = await openPanel(page);
  const left = await page.locator('frontdesk-widget button.la').evaluate((el) => getComputedStyle(el).left);
  expect(left).toBe('32px');
  // Dark text on the yellow header (the contrast correction picked it).
  const headerText = await p.locator('header h2').evaluate((el) => getComputedStyle(el).color);
  expect(headerText).toBe('rgb(17, 17, 17)');
  await expect(p.getByRole('link', { name: /Call us/ })).toHaveAttribute('href', 'tel:+420123456789');
  await expect(p.getByRole('button', { name: 'Ask for a call back' })).toBeVisible();
  await expect(p.getByRole('link', { name: 'WhatsApp' })).toHaveAttribute(
    'href',
    'https://wa.me/420123456789',
  );
  await expectNoAxeViolations(page, 'home with a yellow brand colour');
  await changeConfig(server, ({ theme: _t, channels: _c, ...config }) => config);
});
