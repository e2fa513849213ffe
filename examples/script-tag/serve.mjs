// Serves this example's page on http://127.0.0.1:4320, another origin than the Frontdesk server (`pnpm start`,
// http://127.0.0.1:4310), as a real site would be. The demo site's config allows this origin out of the box.
// FRONTDESK_URL points the page at another server (its config must allow this page's origin).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 4320);
const server = (process.env.FRONTDESK_URL ?? 'http://127.0.0.1:4310').replace(/\/$/, '');
const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8').replaceAll(
  'http://127.0.0.1:4310',
  server,
);
createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/') {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}).listen(port, '127.0.0.1', () =>
  console.log(`script-tag example: http://127.0.0.1:${port} (widget from ${server})`),
);
