// Compress what the server sends like a CDN would: brotli or gzip, whichever the client accepts, for every
// compressible response. Static files come precompressed from the build (`scripts/precompress.mjs`, served as
// they are by serveStatic); this compresses the rest (API JSON, files without a precompressed copy) on the fly.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 1024;
/** Responses larger than this (exports, big downloads) are sent as they are rather than buffered. */
const MAX_BYTES = 8 * 1024 * 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Pick the encoding to send: brotli first, then gzip, honouring `q=0`. */
export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  const allowed = new Set<string>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    allowed.add(name.trim());
  }
  if (allowed.has('br')) return 'br';
  if (allowed.has('gzip')) return 'gzip';
  return null;
}

/**
 * The encoding {@link compression} will apply to a response not encoded yet (so a validator computed before it
 * can name the bytes that will be sent), or null when it will be sent as it is.
 */
export function encodingFor(type: string, length: number, accept: string | undefined): 'br' | 'gzip' | null {
  if (!COMPRESSIBLE.test(type) || length < MIN_BYTES || length > MAX_BYTES) return null;
  return chooseEncoding(accept);
}

/** Does an `If-None-Match` header match `etag`? Weak comparison (RFC 9110 13.1.2): `W/` is ignored. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

function replace(c: Context, response: Response): void {
  // Hono's setter copies the old response's headers over the new one's (content-length included): clear it first.
  c.res = undefined as unknown as Response;
  c.res = response;
}

/** Middleware: brotli or gzip for compressible responses the handlers did not encode themselves. */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('content-encoding') ||
      !COMPRESSIBLE.test(type) ||
      Number(res.headers.get('content-length') ?? 0) > MAX_BYTES
    )
      return;
    const vary = res.headers.get('vary');
    if (!vary?.toLowerCase().includes('accept-encoding'))
      res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let out: Buffer = body;
    if (body.length >= MIN_BYTES) {
      out =
        encoding === 'br'
          ? await brotli(body, {
              // Quality 5: most of brotli's gain at a fraction of its best quality's CPU (precompressed files use 11).
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 5,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : await gzipAsync(body, { level: 6 });
      headers.set('content-encoding', encoding);
      // A strong validator names exact bytes, and the encoded body is other bytes: weaken it (as nginx does).
      // If-None-Match compares weakly, so the handler still recognises it (see `etagMatches`).
      const etag = headers.get('etag');
      if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    }
    headers.set('content-length', String(out.length));
    replace(
      c,
      new Response(new Uint8Array(out), {
        status: res.status,
        statusText: res.statusText,
        headers,
      }),
    );
  };
}
