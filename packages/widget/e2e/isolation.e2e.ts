import { readFileSync } from 'node:fs';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import {
  Agent,
  expectNoAxeViolations,
  openHost,
  openPanel,
  panel,
  pixelDifference,
  servePage,
  startWidgetServer,
  widget,
} from './support';

// Host pages cannot break the widget: framework resets, global `!important` rules, rem sizing, transformed
// bodies, overlays; and a strict Content-Security-Policy page runs it without `unsafe-inline` or `unsafe-eval`.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
  await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

const css = (name: string) => readFileSync(new URL(`./hostile/${name}.css`, import.meta.url), 'utf8');
const hostile = {
  bootstrap: css('bootstrapLike'),
  tailwind: css('tailwindPreflightLike'),
  normalize: css('normalizeLike'),
  important: css('importantEverywhere'),
};
const body =
  '<div class="overlay"></div><main class="container"><h1>Acme</h1><p>Host text</p><button>Buy</button></main>';

async function panelShot(page: import('@playwright/test').Page, name: string, styles?: string) {
  await page.setViewportSize({ width: 1024, height: 760 });
  await openHost(page, server, name, {
    body,
    ...(styles
      ? {
          head: '<link rel="stylesheet" href="/host/host.css">',
          files: { 'host.css': { type: 'text/css', body: styles } },
        }
      : {}),
    data: { locale: 'en' },
  });
  const p = await openPanel(page);
  await expect(p.getByText('We usually reply in 5 minutes')).toBeVisible();
  await page.mouse.move(0, 0);
  return p.screenshot({ animations: 'disabled', caret: 'hide' });
}

test('the panel looks the same on Bootstrap-, Tailwind-, normalize-styled and !important-everywhere pages', async ({
  page,
}) => {
  const plain = await panelShot(page, 'plain');
  for (const [name, styles] of Object.entries(hostile)) {
    const shot = await panelShot(page, `hostile-${name}`, styles);
    const diff = await pixelDifference(page, plain, shot);
    expect(diff, `${name}: share of pixels that differ from the plain page`).toBeLessThan(0.01);
    // Inputs stay at 16px (no iOS zoom) whatever the host's root font size.
    const fontSize = await widget(page)
      .locator('#fd-home-q')
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe('16px');
  }
});

test('with html{font-size:62.5%}, a transformed body and an overlay, the launcher sits in the viewport corner and works', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 760 });
  await openHost(page, server, 'corner', {
    body,
    head: '<link rel="stylesheet" href="/host/host.css">',
    files: { 'host.css': { type: 'text/css', body: hostile.important } },
  });
  const launcher = widget(page).locator('button.la');
  await expect(launcher).toBeVisible({ timeout: 15_000 });
  const box = (await launcher.boundingBox())!;
  expect(Math.round(box.width)).toBe(56);
  expect(Math.round(1024 - box.x - box.width)).toBe(20);
  expect(Math.round(760 - box.y - box.height)).toBe(20);
  // Nothing of the widget's styles leaks out: the host's own elements keep the host's styles.
  const hostColor = await page.locator('main p').evaluate((el) => getComputedStyle(el).color);
  expect(hostColor).toBe('rgb(192, 0, 0)');
  await launcher.click();
  await expect(panel(page)).toBeVisible();
});

test('works on a strict-CSP page (nonce, no unsafe-inline, no unsafe-eval) without a violation', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const nonce = 'r4nd0mN0nce';
  await openHost(page, server, 'csp', {
    nonce,
    csp: `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'; connect-src ${server.url} ${server.url.replace('http', 'ws')}; img-src ${server.url} data:; base-uri 'none'; object-src 'none'`,
  });
  const p = await openPanel(page);
  await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
  await p.getByRole('button', { name: 'Help', exact: true }).click();
  await p.getByRole('searchbox').fill('password');
  await expect(p.getByRole('button', { name: /Resetting your password/ })).toBeVisible();
  await p.getByRole('button', { name: /Resetting your password/ }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Resetting your password' })).toBeVisible();
  expect(violations).toEqual([]);
  await expectNoAxeViolations(page, 'article on a CSP page');
});

test('only one global (Frontdesk) and one element reach the host page', async ({ page }) => {
  await page.goto(await servePage('/host/empty.html', '<!doctype html><title>empty</title>'));
  const before = await page.evaluate(() => Object.keys(window));
  await openHost(page, server, 'globals');
  await openPanel(page);
  const added = await page.evaluate((keys) => Object.keys(window).filter((k) => !keys.includes(k)), before);
  expect(added).toEqual(['Frontdesk']);
  expect(await page.locator('body > *:not(main):not(script)').count()).toBe(0);
  expect(await page.locator('html > frontdesk-widget').count()).toBe(1);
  expect(await page.locator('style, link[rel=stylesheet]').count()).toBe(0);
});
