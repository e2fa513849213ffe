import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

// Proves the browser chain end to end: Debian's Chromium, launched by Playwright, loads a page over loopback.
let server: Server;
let origin = '';

test.beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="en"><title>Smoke</title><button id="b">Click</button><output id="o"></output>' +
        '<script>b.onclick = () => { o.textContent = navigator.userAgent.includes("Chrome") ? "chromium" : "other"; }</script>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a page served on loopback runs in real Chromium', async ({ page }) => {
  await page.goto(origin);
  await page.getByRole('button', { name: 'Click' }).click();
  await expect(page.locator('#o')).toHaveText('chromium');
});
