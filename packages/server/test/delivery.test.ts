// Serving like a CDN: compression (precompressed static files, on-the-fly for the rest), immutable caching of
// fingerprinted files, ETags and 304s for everything else, and a short-lived loader.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'frontdesk-delivery-'));
const main = `export const panel = ${JSON.stringify('x'.repeat(4000))};\n`;
const loader = `(function(){${'window.Frontdesk=window.Frontdesk||[];'.repeat(60)}})();\n`;
const files: Record<string, string | Buffer> = {
  'widget/frontdesk.js': loader,
  'widget/fd-main-AbCd1234.js': main,
  // Precompressed copies with a marker, so the test can tell them from on-the-fly compression.
  'widget/fd-main-AbCd1234.js.br': brotliCompressSync(`${main}//precompressed`),
  'widget/fd-main-AbCd1234.js.gz': gzipSync(`${main}//precompressed`),
  'demo/index.html': `<!doctype html><title>Demo</title>${'<p>shop</p>'.repeat(200)}`,
};
for (const [file, body] of Object.entries(files)) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), body);
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly these headers and the raw bytes back (fetch would decompress and add its own). */
function raw(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: { STATIC_WIDGET_DIR: join(root, 'widget'), STATIC_DEMO_DIR: join(root, 'demo') },
  });
}, 120_000);
afterAll(() => server?.stop());

describe('serving like a CDN', () => {
  it('sends the precompressed brotli or gzip copy of a fingerprinted file, cached for a year as immutable', async () => {
    const br = await raw(server, '/widget/fd-main-AbCd1234.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(`${main}//precompressed`);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);

    const gz = await raw(server, '/widget/fd-main-AbCd1234.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(`${main}//precompressed`);

    const plain = await raw(server, '/widget/fd-main-AbCd1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(main);
  });

  it('keeps the loader short-lived with an ETag, answers 304 when unchanged, and compresses it on the fly', async () => {
    const first = await raw(server, '/widget/frontdesk.js', { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(first.body).toString()).toBe(loader);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);

    const again = await raw(server, '/widget/frontdesk.js', {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const other = await raw(server, '/widget/frontdesk.js', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.body.toString()).toBe(loader);
  });

  it('revalidates the demo page and compresses API JSON for clients that accept it', async () => {
    const page = await raw(server, '/', { 'accept-encoding': 'gzip' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toBeTruthy();
    expect(gunzipSync(page.body).toString()).toContain('<title>Demo</title>');

    const config = await raw(server, `/v1/config?siteKey=${server.siteKey}`, { 'accept-encoding': 'br' });
    expect(config.status).toBe(200);
    expect(config.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(config.body).toString()).version).toBe(1);

    const identity = await raw(server, `/v1/config?siteKey=${server.siteKey}`, {
      'accept-encoding': 'br;q=0',
    });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(identity.body.toString()).version).toBe(1);
  });
});
