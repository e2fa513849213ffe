import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adminRoutes } from '../routes/admin';
import { agentRoutes } from '../routes/agent';
import { formRoutes, uploadDownloadRoute } from '../routes/files';
import { helpRoutes } from '../routes/help';
import { visitorRoutes } from '../routes/visitor';
import type { AppContext } from '../services/context';
import { ApiError, isApiError } from './errors';
import { siteMiddleware, visitorMiddleware } from './middleware';
import {
  baseSecurityHeaders,
  consoleOriginAllowed,
  consoleOriginOnly,
  consoleSecurityHeaders,
} from './securityHeaders';
import type { AppEnv } from './types';

const ALLOW_HEADERS = 'Authorization, Content-Type, X-Frontdesk-Site, If-None-Match';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** Build the HTTP application: the `/v1` API, `/healthz` and the static files. */
export function createApp(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (isApiError(error)) {
      if (error.retryAfter !== undefined) c.header('retry-after', String(error.retryAfter));
      // An oversized body not read to its end leaves the connection unusable: say so, so clients do not reuse it.
      if (error.code === 'payload_too_large' && !c.get('drained')) c.header('connection', 'close');
      return c.json(error.toBody(), error.status as 400);
    }
    // Backstop for NUL characters the boundary checks did not see (PostgreSQL refuses them in text and JSON).
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '22021' || pgCode === '22P05')
      return c.json(
        {
          error: {
            code: 'validation_failed',
            message: 'The request contains a NUL character, which cannot be stored.',
          },
        },
        400,
      );
    // A row the request refers to vanished meanwhile (e.g. its visitor was deleted on another node).
    if ((error as { code?: unknown }).code === '23503')
      return c.json(
        { error: { code: 'unauthorized', message: 'This visitor no longer exists: start a new session.' } },
        401,
      );
    console.error('[frontdesk] unexpected error', c.req.method, c.req.path, error);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server.' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.use('*', baseSecurityHeaders());

  app.get('/healthz', async (c) => {
    await ctx.db.query('select 1');
    return c.json({ ok: true, database: ctx.db.kind });
  });

  // CORS preflights carry no site key: allow an origin that some site allows (the real request is checked
  // against its own site); on the agent and admin API only the console's origins.
  app.options('/v1/*', async (c) => {
    const origin = c.req.header('origin');
    const agentApi = c.req.path.startsWith('/v1/agent/') || c.req.path.startsWith('/v1/admin/');
    const allowed = origin
      ? agentApi
        ? consoleOriginAllowed(ctx, origin)
        : await ctx.sites.anyAllows(origin)
      : false;
    if (!origin || !allowed)
      throw new ApiError('origin_not_allowed', `The origin ${origin ?? '(none)'} is not allowed.`);
    c.header('access-control-allow-origin', origin);
    c.header('access-control-allow-headers', ALLOW_HEADERS);
    c.header('access-control-allow-methods', ALLOW_METHODS);
    c.header('access-control-max-age', '600');
    c.header('vary', 'Origin');
    return c.body(null, 204);
  });

  const tooLarge = async (c: Context<AppEnv>): Promise<Response> => {
    // Read (and drop) a moderately oversized body so the client sees the 413 rather than a reset connection.
    c.set('drained', await drain(c.req.raw.body, DRAIN_MAX_BYTES));
    throw new ApiError('payload_too_large', `The body is larger than ${ctx.settings.bodyMaxBytes} bytes.`);
  };
  // A body the route answered without reading (a refusal before parsing) is read to its end, within a bound,
  // so the client gets the answer rather than a connection reset while it is still sending.
  app.use('/v1/*', async (c, next) => {
    await next();
    const raw = c.req.raw;
    if (raw.body && !raw.bodyUsed && !c.get('drained')) await drain(raw.body, DRAIN_MAX_BYTES);
  });
  const uploadLimit = bodyLimit({ maxSize: ctx.settings.uploadMaxBytes + 64 * 1024, onError: tooLarge });
  app.use('/v1/uploads', uploadLimit);
  app.use('/v1/agent/uploads', uploadLimit);
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/uploads' || c.req.path === '/v1/agent/uploads') return next();
    return bodyLimit({ maxSize: ctx.settings.bodyMaxBytes, onError: tooLarge })(c, next);
  });

  // A NUL character (%00) in a path or query cannot name anything that exists, nor be stored.
  app.use('/v1/*', async (c, next) => {
    if (/%00/.test(c.req.url))
      throw new ApiError('validation_failed', 'The URL contains a NUL character (%00).', [
        {
          path: 'url',
          expected: 'a URL without NUL characters',
          received: '%00',
          message: 'url: expected a URL without NUL characters, found %00',
        },
      ]);
    return next();
  });

  app.use('/v1/agent/*', consoleOriginOnly(ctx));
  app.use('/v1/admin/*', consoleOriginOnly(ctx));
  app.route('/v1/agent', agentRoutes(ctx));
  app.route('/v1/admin', adminRoutes(ctx));
  app.route('/v1', uploadDownloadRoute(ctx));

  const site = siteMiddleware(ctx);
  const visitor = visitorMiddleware(ctx);
  const visitorApi = new Hono<AppEnv>();
  visitorApi.use('*', site);
  visitorApi.route('/help', helpRoutes(ctx));
  visitorApi.use('/forms/*', visitor);
  visitorApi.use('/uploads', visitor);
  visitorApi.route('/', formRoutes(ctx));
  visitorApi.route('/', visitorRoutes(ctx));
  app.route('/v1', visitorApi);

  mountStatic(app, ctx);
  return app;
}

// Bodies up to this size are read to their end before a 413; larger ones close the connection.
const DRAIN_MAX_BYTES = 4 * 1024 * 1024;

/** Read and drop a body up to `max` bytes; true when it ended within that. */
async function drain(body: ReadableStream<Uint8Array> | null, max: number): Promise<boolean> {
  if (!body) return true;
  if (body.locked) return false; // being read elsewhere (a size-limited wrapper): leave it
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      total += value.byteLength;
      if (total > max) return false;
    }
  } catch {
    return false;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function mountStatic(app: Hono<AppEnv>, ctx: AppContext): void {
  const { widgetDir, consoleDir, demoDir } = ctx.settings;
  if (widgetDir) {
    app.use('/widget/*', async (c, next) => {
      c.header('access-control-allow-origin', '*');
      c.header('cache-control', 'public, max-age=300');
      await next();
    });
    app.use(
      '/widget/*',
      serveStatic({ root: widgetDir, rewriteRequestPath: (p) => p.replace(/^\/widget/, '') }),
    );
  }
  if (consoleDir) {
    app.use('/console', consoleSecurityHeaders());
    app.use('/console/*', consoleSecurityHeaders());
    app.get('/console', (c) => c.redirect('/console/'));
    app.use(
      '/console/*',
      serveStatic({ root: consoleDir, rewriteRequestPath: (p) => p.replace(/^\/console/, '') }),
    );
    // Single-page app: unknown console paths get its index.html.
    app.get('/console/*', serveStatic({ root: consoleDir, path: 'index.html' }));
  }
  if (demoDir) app.use('/*', serveStatic({ root: demoDir }));
}
