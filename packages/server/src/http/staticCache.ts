// Cache headers for static files, as a CDN serves them: fingerprinted files (a content hash in the name, as
// Vite writes them) never change, so browsers keep them a year without asking; everything else carries an
// ETag and is revalidated (the widget loader every 5 minutes, so a new release reaches pages quickly).
import type { MiddlewareHandler } from 'hono';
import { encodingFor, etagMatches } from './compression';

/** `fd-main-BqI4KoZU.js`, `assets/index-C0ffee12.css`: a hash of 8+ characters before the extension. */
const FINGERPRINTED = /-[A-Za-z0-9_-]{8,}\.(?:js|mjs|css|woff2?|svg|png|jpe?g|webp|avif)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Middleware around serveStatic: sets `Cache-Control` (immutable for fingerprinted paths, `revalidate` for the
 * rest) and a weak ETag from the file's size and modification time (per encoding), and answers a matching
 * `If-None-Match` with 304.
 */
export function staticCache(revalidate: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status !== 200) return;
    const modified = Date.parse(res.headers.get('last-modified') ?? '');
    const length = res.headers.get('content-length');
    if (!Number.isFinite(modified) || length === null) return; // not a file from serveStatic
    // Precompressed (serveStatic set the encoding) or about to be compressed by the compression middleware.
    const encoding =
      res.headers.get('content-encoding') ??
      encodingFor(res.headers.get('content-type') ?? '', Number(length), c.req.header('accept-encoding'));
    const etag = `W/"${Number(length).toString(16)}-${modified.toString(16)}${encoding ? `-${encoding}` : ''}"`;
    res.headers.set('etag', etag);
    res.headers.set('cache-control', FINGERPRINTED.test(c.req.path) ? IMMUTABLE : revalidate);
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      await res.body?.cancel();
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      c.res = undefined as unknown as Response;
      c.res = new Response(null, { status: 304, headers });
    }
  };
}
