// Set-up of the console's browser tests: the real server (`@frontdesk/server/testing`) serving the freshly built
// console and widget, and widget host pages served on the server's own origin through Playwright routes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { expect, type Locator, type Page } from '@playwright/test';

const adminDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const widgetDir = join(adminDir, '../widget');

/**
 * Build the console (always: it is this package) and the widget (when not built yet), then start the server,
 * serving a shop page with the widget's script tag at `/shop.html`. The page comes from the server itself: a page
 * Playwright fulfils counts as public to Chromium, whose local-network checks then block its WebSocket.
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<TestServer> {
  execFileSync('pnpm', ['run', 'build'], { cwd: adminDir, stdio: 'pipe' });
  if (!existsSync(join(widgetDir, 'dist/frontdesk.js')))
    execFileSync('pnpm', ['run', 'build'], { cwd: widgetDir, stdio: 'pipe' });
  const site = mkdtempSync(join(tmpdir(), 'frontdesk-shop-'));
  writeFileSync(
    join(site, 'shop.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor</title></head>
<body><main><h1>Acme Outdoor</h1></main>
<script async src="/widget/frontdesk.js" data-site-key="test-site"></script></body></html>`,
  );
  return startServer({
    env: {
      STATIC_CONSOLE_DIR: join(adminDir, 'dist/console'),
      STATIC_WIDGET_DIR: join(widgetDir, 'dist'),
      STATIC_DEMO_DIR: site,
      ...env,
    },
  });
}

/** Sign in to the console. */
export async function signIn(
  page: Page,
  server: TestServer,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A sign-in hashes the password with scrypt at N=2^17: about a second, several on a busy machine.
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible({ timeout: 20_000 });
}

/** Open the shop page with the widget's script tag (served by the server, see {@link startConsoleServer}). */
export async function openWidgetPage(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/shop.html`);
}

/** Open the widget's panel from its launcher and return the panel. */
export async function openPanel(page: Page): Promise<Locator> {
  const launcher = page.locator('frontdesk-widget button.la');
  await expect(launcher).toBeVisible({ timeout: 15_000 });
  await launcher.click();
  const panel = page.locator('frontdesk-widget').getByRole('dialog');
  await expect(panel).toBeVisible();
  return panel;
}

/** The computed background colour of an element, e.g. `rgb(170, 51, 0)`. */
export function background(locator: Locator): Promise<string> {
  return locator.evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** See test/e2e/ownContexts.ts: each test file that opens its own browser contexts calls it once. */
export { closeOwnContexts } from '../../../test/e2e/ownContexts';
