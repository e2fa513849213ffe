import { createHmac } from 'node:crypto';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

let server: TestServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

/** A visitor (signed identity, or anonymous with attributes) who writes `text`; answers the conversation id. */
async function visitorWrites(body: unknown, text: string): Promise<string> {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: JSON.stringify(body) })
  ).json()) as { visitorToken: string };
  const id = Math.random().toString(36).slice(2, 10);
  const created = (await (
    await fetch(`${server.url}/v1/conversations`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${session.visitorToken}` },
      body: JSON.stringify({ clientId: `c_${id}_0001`, message: { clientId: `m_${id}_0001`, text } }),
    })
  ).json()) as { conversation: { id: string } };
  return created.conversation.id;
}

// On the desktop the admin opens the identified visitor's conversation (the person is their user id: one record);
// on the phone the anonymous one that only gave an email (the person is that email: both records carry it).
for (const device of [
  { name: 'desktop', viewport: { width: 1366, height: 860 }, by: 'userId' },
  { name: 'phone', viewport: { width: 390, height: 844 }, by: 'email' },
] as const) {
  test(`an admin exports and deletes a person's data from the visitor panel by ${device.by} (${device.name})`, async ({
    browser,
  }) => {
    const email = `dora-${device.name}@example.com`;
    const userId = `u-dora-${device.name}`;
    const hash = createHmac('sha256', server.siteSecret).update(userId).digest('hex');
    const first = await visitorWrites(
      { identity: { userId, email, userHash: hash } },
      `Laptop question ${device.name}`,
    );
    const second = await visitorWrites(
      { attributes: { email: email.toUpperCase() } },
      `Phone question ${device.name}`,
    );
    const [open, label, texts, records] =
      device.by === 'userId'
        ? [first, `user id ${userId}`, [`Laptop question ${device.name}`], 1]
        : [
            second,
            email.toUpperCase(),
            [`Laptop question ${device.name}`, `Phone question ${device.name}`],
            2,
          ];

    const context = await browser.newContext({ viewport: device.viewport, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server, server.admin);
    await page.goto(`${server.url}/console/#/inbox/${open}`);
    await expect(page.getByRole('list', { name: 'Messages' }).getByText(texts.at(-1)!)).toBeVisible();
    if (device.name === 'phone') await page.getByRole('button', { name: 'Visitor', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Data request' });
    await expect(panel.getByText(`For ${label}, every visitor record of theirs.`)).toBeVisible();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export data' }).click(),
    ]);
    const exported = JSON.parse(
      await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')),
    ) as {
      visitors: { conversations: { messages: { text: string }[] }[] }[];
    };
    expect(
      exported.visitors.flatMap((v) => v.conversations.flatMap((c) => c.messages.map((m) => m.text))),
    ).toEqual(texts);
    await expect(panel.getByRole('status')).toHaveText(`Exported the data of ${label}.`);

    await panel.getByRole('button', { name: 'Delete data…' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete all data of ${label}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(
      `${records} visitor record${records === 1 ? '' : 's'} with their conversations`,
    );
    await page.screenshot({ path: `/tmp/shots-newuser-b/gdpr-confirm-${device.name}.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await panel.getByRole('button', { name: 'Delete data…' }).click();
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveCount(0); // the view left
    await expect(
      page.locator('.conversation-row').filter({ hasText: `Laptop question ${device.name}` }),
    ).toHaveCount(0);
    await expect(
      page.locator('.conversation-row').filter({ hasText: `Phone question ${device.name}` }),
    ).toHaveCount(records === 1 ? 1 : 0);

    // Gone on the server. By user id, the anonymous record that only carries the email stays (the email alone does
    // not prove it is the same person) until deleted by email.
    const login = (await (
      await fetch(`${server.url}/v1/agent/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(server.admin),
      })
    ).json()) as { token: string };
    const found = async (query: string) =>
      (
        (await (
          await fetch(`${server.url}/v1/admin/visitors?${query}`, {
            headers: { authorization: `Bearer ${login.token}` },
          })
        ).json()) as { visitors: unknown[] }
      ).visitors.length;
    expect(await found(`userId=${userId}`)).toBe(0);
    expect(await found(`email=${email}`)).toBe(records === 1 ? 1 : 0);
    await context.close();
  });
}

test('an agent without the admin role sees no data-request buttons', async ({ browser }) => {
  const id = await visitorWrites({ attributes: { email: 'eve@example.com' } }, 'Agent view question');
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  await signIn(page, server, server.agent);
  await page.goto(`${server.url}/console/#/inbox/${id}`);
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('Agent view question')).toBeVisible();
  await expect(
    page.getByRole('complementary', { name: 'Visitor' }).getByText('eve@example.com'),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Data request' })).toHaveCount(0);
});
