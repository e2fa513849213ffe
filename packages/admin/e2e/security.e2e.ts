import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

// The console under its strict Content-Security-Policy, and signing out for real.
let server: TestServer;
test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

test('the console runs under its strict CSP without a violation, and signing out revokes the token', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const response = await page.goto(`${server.url}/console/`);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await signIn(page, server, server.admin);
  for (const section of ['Inbox', 'Config', 'Help center'])
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('frontdesk.console.token'));
  expect(token).toBeTruthy();
  // The live link opened with a short-lived ticket: the agent token is in no URL.
  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  for (const url of sockets) {
    expect(url).toContain('ticket=');
    expect(url).not.toContain(token!);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  // The token is revoked on the server, not only forgotten by the page.
  await expect
    .poll(
      async () =>
        (await fetch(`${server.url}/v1/agent/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    )
    .toBe(401);
  expect(violations).toEqual([]);
});

test('another site cannot frame the console', async ({ page }) => {
  await page.route('http://frame.example/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe src="${server.url}/console/"></iframe>` }),
  );
  await page.goto('http://frame.example/');
  // Chromium refuses to render it (frame-ancestors 'none', X-Frame-Options DENY): the frame shows its error page.
  await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe').getByLabel('Email')).toHaveCount(0);
});

test('an admin shows and rotates the site secrets in the settings view', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  const identity = page.getByRole('region', { name: 'Identity secret' });
  await expect(identity.getByText('current')).toBeVisible();
  // Hidden until asked for.
  await expect(identity.getByText(server.siteSecret)).toHaveCount(0);
  await identity.getByRole('button', { name: 'Show' }).click();
  await expect(identity.getByText(server.siteSecret)).toBeVisible();
  await page.getByLabel('Overlap when rotating (hours)').fill('2');
  await identity.getByRole('button', { name: 'Rotate' }).click();
  await expect(page.getByRole('status')).toHaveText(
    /Rotated the identity secret\. The old one is accepted for 2 more hours\./,
  );
  await expect(identity.getByRole('listitem')).toHaveCount(2);
  await expect(identity.getByRole('listitem').nth(1)).toContainText(server.siteSecret);
  await expect(identity.getByRole('listitem').nth(1)).toContainText('previous, accepted until');
  // The rotation is real: the server lists the new secret first.
  const token = await page.evaluate(() => sessionStorage.getItem('frontdesk.console.token'));
  const listed = await (
    await fetch(`${server.url}/v1/admin/secrets`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  expect(listed.identity[0].secret).not.toBe(server.siteSecret);
  await expect(identity.getByRole('listitem').first()).toContainText(listed.identity[0].secret);
});
