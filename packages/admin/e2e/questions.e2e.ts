import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

const headers = () => ({ 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey });
async function visitorToken(): Promise<string> {
  const session = await fetch(`${server.url}/v1/session`, { method: 'POST', headers: headers(), body: '{}' });
  return ((await session.json()) as { visitorToken: string }).visitorToken;
}
async function searchSlugs(q: string, token?: string): Promise<string[]> {
  const reply = await fetch(`${server.url}/v1/help/search?q=${encodeURIComponent(q)}&locale=en`, {
    headers: { ...headers(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return ((await reply.json()) as Array<{ slug: string }>).map((h) => h.slug);
}

test("an agent adds a visitor's message to an article in one click, and search then finds the article by it", async ({
  page,
}) => {
  const token = await visitorToken();
  const text = 'Could a spare tent pole travel separately?';
  const created = await fetch(`${server.url}/v1/conversations`, {
    method: 'POST',
    headers: { ...headers(), authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: 'conv-pole-1', message: { clientId: 'msg-pole-1', text } }),
  });
  expect(created.status).toBe(201);
  expect(await searchSlugs('spare pole travel separately')).not.toContain('delivery-times');

  await signIn(page, server, server.agent);
  await page.locator('.conversation-row').filter({ hasText: text }).click();
  const message = page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ hasText: text });
  await message.getByRole('button', { name: 'Add as alternative question to article…' }).click();
  await message
    .getByRole('combobox', { name: 'Article' })
    .selectOption({ label: 'How long does delivery take?' });
  await message.getByRole('button', { name: 'Add question' }).click();
  await expect(message.getByRole('status')).toHaveText('Added to “How long does delivery take?” (en).');
  expect((await searchSlugs('spare pole travel separately'))[0]).toBe('delivery-times');
});

test('a question a visitor confirmed is proposed in the help editor, and accepting it adds it to the article', async ({
  page,
}) => {
  const token = await visitorToken();
  const question = 'I paid by card, when is my refund back';
  expect(await searchSlugs(question, token)).toContain('returns');
  const yes = await fetch(`${server.url}/v1/help/articles/art-returns/feedback`, {
    method: 'POST',
    headers: { ...headers(), authorization: `Bearer ${token}` },
    body: JSON.stringify({ helpful: true }),
  });
  expect(yes.status).toBe(204);

  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('button', { name: /Returning an item/ }).click();
  const proposals = page.getByRole('region', { name: 'Proposed questions' });
  await expect(proposals.getByText(question)).toBeVisible();
  await proposals.getByRole('button', { name: 'Accept' }).click();
  await expect(proposals.getByRole('status')).toHaveText(`Added “${question}”.`);
  await expect(page.getByLabel(/Alternative questions/)).toHaveValue(question);
  // Saving the article keeps it (the editor's copy has it too).
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Saved (published).')).toBeVisible();
  const article = await fetch(`${server.url}/v1/help/articles/art-returns`, { headers: headers() });
  expect(
    ((await article.json()) as { translations: { en: { questions: string[] } } }).translations.en.questions,
  ).toEqual([question]);
});
