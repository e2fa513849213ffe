import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, launcher, panel, startWidgetServer } from './support';

// A site owner embeds the documented snippet on a page whose origin is not in the site's allowedOrigins (here
// 127.0.0.2, while the allowed host pages are on 127.0.0.1): the widget says so, stops, and explains on a click.
let server: TestServer;
let pageUrl: string;
let origin: string;
test.beforeAll(async () => {
  server = await startWidgetServer();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Not allowed yet</title>
<script>
  window.errors = [];
  (function (w, d, u, k) {
    if (w.Frontdesk) return;
    var f = function () { f.q.push(arguments); };
    w.Frontdesk = f; f.q = [];
    var s = d.createElement('script'); s.async = true; s.src = u; s.dataset.siteKey = k; d.head.appendChild(s);
  })(window, document, '${server.url}/widget/frontdesk.js', 'demo');
  Frontdesk('on', 'error', function (e) { window.errors.push(e); });
</script></head><body><main><h1>A new shop</h1></main></body></html>`;
  // The plain tag of a site with its own consent banner (consent given): the session is the first request there.
  const consented = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consented</title></head>
<body><main><h1>A new shop</h1></main>
<script async src="${server.url}/widget/frontdesk.js" data-site-key="demo" data-consent="true"></script></body></html>`;
  const other = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/consented.html' ? consented : html);
  });
  other.unref();
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
  origin = `http://127.0.0.2:${(other.address() as AddressInfo).port}`;
  pageUrl = `${origin}/shop.html`;
});
test.afterAll(async () => server?.stop());

test('on an origin the site does not allow: a console warning, an error event, no blind retries, and a panel that says why', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/v1/') && requests.push(new URL(r.url()).pathname));
  await page.goto(pageUrl);
  // Intent loads the widget at once (as a visitor's first click would).
  await page.evaluate(() => (window as unknown as { Frontdesk: (m: string) => void }).Frontdesk('open'));

  await expect.poll(() => warnings.find((w) => w.includes(origin)) ?? '').toContain('allowedOrigins');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { errors: { code: string }[] }).errors))
    .toContainEqual(expect.objectContaining({ code: 'origin_not_allowed' }));

  // The panel the visitor opened says support is not available here, and tells the owner what to change.
  const p = panel(page);
  await expect(p.getByRole('alert')).toContainText('Support is not available on this page right now.');
  await expect(p.getByRole('alert')).toContainText(`add ${origin} to allowedOrigins`);
  await p.getByRole('button', { name: 'Close' }).click();
  await expect(p).toHaveCount(0);
  await launcher(page).click();
  await expect(panel(page).getByRole('alert')).toBeVisible();

  // One refused request, then nothing more (the client's retries would come within a few seconds).
  await page.waitForTimeout(3000);
  expect(requests.filter((r) => r === '/v1/config')).toHaveLength(1);
  expect(requests.filter((r) => r === '/v1/session')).toHaveLength(0);

  // The site's admins see the origin, to allow it with one click in the console.
  const admin = await new Agent(server, server.admin).login();
  const { origins } = await admin.call<{ origins: { origin: string }[] }>(
    'GET',
    '/admin/config/refused-origins',
  );
  expect(origins.map((o) => o.origin)).toContain(origin);
});

test('with consent given by the tag (data-consent), the refusal is found the same way, not retried as a network error', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/v1/') && requests.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/consented.html`);
  await launcher(page).click({ timeout: 15_000 });
  await expect(panel(page).getByRole('alert')).toContainText(
    'Support is not available on this page right now.',
  );
  expect(warnings.some((w) => w.includes(origin) && w.includes('allowedOrigins'))).toBe(true);
  await page.waitForTimeout(3000);
  expect(requests.filter((r) => r === '/v1/config')).toHaveLength(1);
  expect(requests.filter((r) => r === '/v1/session')).toHaveLength(0);
});
