// Serves this example on http://127.0.0.1:4320 (the Frontdesk server runs on :4310 with `pnpm start`).
// The demo site allows its own origin only: add http://127.0.0.1:4320 to `allowedOrigins` in your config to
// chat from this page (see docs/embedding.md).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const html = readFileSync(new URL('./index.html', import.meta.url));
const port = Number(process.env.PORT ?? 4320);
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}).listen(port, '127.0.0.1', () => console.log(`script-tag example: http://127.0.0.1:${port}`));
