import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { buildWidget, launcher, panel } from './support';

// examples/script-tag works out of the box: its own static server on :4320 (another origin than the Frontdesk
// server), which the demo site's seeded config allows without any change.
const example = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/script-tag');
let server: TestServer;
let page: ChildProcess;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  buildWidget();
  server = await startServer({
    env: {
      FRONTDESK_SEED_SITE_KEY: 'demo',
      STATIC_WIDGET_DIR: join(example, '../../packages/widget/dist'),
    },
  });
  page = spawn(process.execPath, ['serve.mjs'], {
    cwd: example,
    env: { ...process.env, PORT: '4320', FRONTDESK_URL: server.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    page.stdout!.once('data', () => resolve());
    page.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code} (is port 4320 taken?)`)));
  });
});
test.afterAll(async () => {
  page?.kill();
  await server?.stop();
});

test('the script-tag example page chats from its own port, with the demo config as seeded', async ({
  page: browser,
}) => {
  const refused: string[] = [];
  browser.on('console', (m) => {
    if (m.text().includes('allowedOrigins')) refused.push(m.text());
  });
  await browser.goto('http://127.0.0.1:4320/');
  await expect(launcher(browser)).toBeVisible({ timeout: 15_000 });
  // The getter queued before the widget loaded resolved (nobody is signed in as an agent: offline).
  await expect(browser.locator('#status')).toHaveText('Support: offline');
  await browser.getByRole('button', { name: 'Talk to us' }).click();
  await expect(panel(browser).getByText('Suggested articles')).toBeVisible();
  expect(refused).toEqual([]);
});
