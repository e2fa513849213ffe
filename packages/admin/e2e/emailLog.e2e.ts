import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { signIn, startConsoleServer } from './support';

// The email delivery log in the console's settings: an email the mail server did not take (nothing listens on the
// SMTP port) is shown pending, with the reason and its attempts.
let server: TestServer;

test.beforeAll(async ({ browserName: _ }, testInfo) => {
  // Builds the console and starts a server: slow on a busy machine.
  testInfo.setTimeout(180_000);
  server = await startConsoleServer({
    // Port 9 (discard) on loopback: nothing listens, every attempt is refused.
    SMTP_URL: 'smtp://127.0.0.1:9',
    SMTP_FROM: 'support@frontdesk.test',
    EMAIL_CHECK_MS: '200',
    EMAIL_RETRY_MS: '60000',
  });
});
test.afterAll(async () => server?.stop());

async function api(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      'x-frontdesk-site': server.siteKey,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

test('admins see email deliveries, with why a pending one is not sent yet', async ({ page }) => {
  const admin = (await api('/v1/agent/login', { method: 'POST', body: server.admin })).body.token as string;
  const current = (await api('/v1/admin/config', { token: admin })).body.config;
  const pushed = await api('/v1/admin/config', {
    method: 'POST',
    token: admin,
    body: { config: { ...current, email: { enabled: true } } },
  });
  expect(pushed.status).toBe(201);
  const visitor = (await api('/v1/session', { method: 'POST', body: {} })).body.visitorToken as string;
  await api('/v1/visitor', { method: 'PATCH', token: visitor, body: { email: 'ana@example.test' } });
  const conversation = await api('/v1/conversations', {
    method: 'POST',
    token: visitor,
    body: { clientId: 'conv-email-log', message: { clientId: 'msg-email-log', text: 'Send me this' } },
  });
  const asked = await api(`/v1/conversations/${conversation.body.conversation.id}/transcript`, {
    method: 'POST',
    token: visitor,
  });
  expect(asked.status).toBe(202);

  await signIn(page, server, server.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  const log = page.getByRole('region', { name: 'Email deliveries' });
  const row = log.getByRole('row').filter({ hasText: 'ana@example.test' });
  await expect(async () => {
    await log.getByRole('button', { name: 'Refresh' }).click();
    await expect(row).toContainText('connection refused', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText('Transcript');
  await expect(row).toContainText('pending');
  await expect(page.getByRole('region', { name: 'Email secret' })).toBeVisible();
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  if (process.env.FRONTDESK_SHOTS)
    await page.screenshot({ path: `${process.env.FRONTDESK_SHOTS}/console-email-log.png`, fullPage: true });
});
