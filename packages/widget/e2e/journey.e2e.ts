import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, expectNoAxeViolations, openHost, openPanel, panel, startWidgetServer } from './support';

// The customer journey against the real server: help first, then a person, then a rating.
let server: TestServer;
let agent: Agent;

test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

test('a customer searches help, reads an article, chats with an agent and rates the conversation', async ({
  page,
}) => {
  await openHost(page, server, 'journey');
  const p = await openPanel(page);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Hi! How can we help?');
  await expect(p.getByText('We usually reply in 5 minutes')).toBeVisible();
  await expectNoAxeViolations(page, 'home');

  // Help: search as you type, matches highlighted.
  await p.getByRole('button', { name: 'Help', exact: true }).click();
  const search = p.getByRole('searchbox', { name: 'Search help articles' });
  // A search typed and cleared at once leaves nothing loading.
  await search.fill('ret');
  await search.fill('');
  await expect(p.locator('output')).toHaveText('');
  await search.fill('deliver');
  const result = p.getByRole('button', { name: /How long does delivery take/ });
  await expect(result).toBeVisible();
  await expect(result.locator('mark').first()).toBeVisible();
  await expect(p.getByText(/articles? found/)).toBeVisible();
  await expectNoAxeViolations(page, 'help search');

  // Article with feedback.
  await result.click();
  await expect(p.getByRole('heading', { level: 1, name: 'How long does delivery take?' })).toBeVisible();
  await p.getByRole('button', { name: 'Yes' }).click();
  await expect(p.getByText('Thanks for your feedback!')).toBeVisible();
  await expectNoAxeViolations(page, 'article');

  // Chat: the message is sent, the agent replies and reads it.
  await p.getByRole('button', { name: 'Still need help? Send us a message' }).click();
  const box = p.getByRole('textbox', { name: 'Message' });
  await box.fill('Where is my order FD-1042?');
  await box.press('Enter');
  const mine = p.locator('li.m.v').filter({ hasText: 'Where is my order FD-1042?' });
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', /sent|read/);
  const conversation = await agent.conversationWith('FD-1042');
  await agent.reply(conversation.id, 'It ships **today**, see https://example.com/track');
  const reply = p.locator('li.m').filter({ hasText: 'It ships today' });
  await expect(reply).toBeVisible();
  await expect(reply.locator('strong')).toHaveText('today');
  // Screen readers hear it through the polite live region.
  await expect(page.locator('frontdesk-widget [aria-live=polite]').first()).toContainText(
    'New message from Demo Agent: It ships today',
  );
  await expect(reply.getByRole('link', { name: 'https://example.com/track' })).toHaveAttribute(
    'rel',
    /noopener/,
  );
  await agent.read(conversation.id);
  await expect(mine.locator('[data-status]')).toHaveAttribute('data-status', 'read');
  await expect(mine.locator('[data-status]')).toHaveText('Read');
  await expectNoAxeViolations(page, 'chat');

  // Resolved: "Is your problem solved?", then the rating (the demo site asks CSAT and NPS); 5 stars, a 10 and a
  // comment reach the server with the "solved" answer.
  await agent.resolve(conversation.id);
  await expect(p.getByText('Is your problem solved?')).toBeVisible();
  await p.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(p.getByText('How would you rate our help?')).toBeVisible();
  await expectNoAxeViolations(page, 'rating');
  await p.getByRole('radio', { name: '5 stars' }).check({ force: true });
  // The label is what a person clicks (the radio inside is visually hidden).
  await p.getByRole('radio', { name: '10', exact: true }).locator('..').click();
  await p.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Quick and kind');
  await p.getByRole('button', { name: 'Send rating' }).click();
  await expect(p.getByText('Thanks for your rating!')).toBeVisible();
  await expect.poll(async () => (await agent.rating(conversation.id))?.csat).toBe(5);
  expect(await agent.rating(conversation.id)).toMatchObject({
    nps: 10,
    comment: 'Quick and kind',
    solved: true,
  });
});

test('showArticle while another article is open shows the new one with its own feedback', async ({
  page,
}) => {
  // The demo site the widget pages load (see openHost).
  const idOf = async (q: string) => {
    const found = await fetch(`${server.url}/v1/help/search?q=${q}&locale=en`, {
      headers: { 'x-frontdesk-site': 'demo' },
    });
    return ((await found.json()) as { articleId: string }[])[0]!.articleId;
  };
  const [delivery, returns] = [await idOf('delivery'), await idOf('returning')];
  expect(delivery).not.toBe(returns);
  await openHost(page, server, 'articles');
  const p = await openPanel(page);
  await page.evaluate(
    (id) => (window as unknown as { Frontdesk(...a: unknown[]): void }).Frontdesk('showArticle', id),
    delivery,
  );
  await expect(p.getByRole('heading', { level: 1, name: 'How long does delivery take?' })).toBeVisible();
  await p.getByRole('button', { name: 'Yes' }).click();
  await expect(p.getByText('Thanks for your feedback!')).toBeVisible();
  await page.evaluate(
    (id) => (window as unknown as { Frontdesk(...a: unknown[]): void }).Frontdesk('showArticle', id),
    returns,
  );
  await expect(p.getByRole('heading', { level: 1 })).not.toHaveText('How long does delivery take?');
  // Not yet answered for this article.
  await expect(p.getByRole('button', { name: 'Yes' })).toBeVisible();
  await expect(p.getByText('Thanks for your feedback!')).toHaveCount(0);
});

test('the panel closes with Escape and gives focus back to the launcher', async ({ page }) => {
  await openHost(page, server, 'focus');
  const p = await openPanel(page);
  await expect(p).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(page.locator('frontdesk-widget button.la')).toBeFocused();
});

test('everything works from the keyboard alone, with a visible focus ring', async ({ page }) => {
  await openHost(page, server, 'keyboard', { body: '<main><h1>Shop</h1><a href="#top">Top</a></main>' });
  await expect(page.locator('frontdesk-widget button.la')).toBeVisible({ timeout: 15_000 });
  const focused = () =>
    page.evaluate(() => {
      const host = document.querySelector('frontdesk-widget');
      const inner = host?.shadowRoot?.activeElement;
      return inner
        ? `${inner.tagName.toLowerCase()}:${inner.getAttribute('aria-label') ?? inner.textContent}`
        : '';
    });
  // Tab from the page into the launcher (bounded).
  for (let i = 0; i < 5 && !(await focused()).startsWith('button:Open support'); i++)
    await page.keyboard.press('Tab');
  expect(await focused()).toMatch(/^button:Open support/);
  const ring = await page
    .locator('frontdesk-widget button.la')
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe('solid');
  await page.keyboard.press('Enter');
  const p = panel(page);
  await expect(p).toBeFocused();
  // To the Help tab, then search and open the first result.
  for (let i = 0; i < 30 && (await focused()) !== 'button:Help'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(p.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('password');
  await expect(p.getByRole('button', { name: /Resetting your password/ })).toBeVisible();
  for (let i = 0; i < 10 && !(await focused()).includes('Resetting your password'); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(p.getByRole('heading', { level: 1, name: 'Resetting your password' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  expect(await focused()).toMatch(/^button:Open support/);
});
