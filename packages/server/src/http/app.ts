import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adminRoutes } from '../routes/admin';
import { agentRoutes } from '../routes/agent';
import { emailRoutes, transcriptRoutes } from '../routes/email';
import { formRoutes, uploadDownloadRoute } from '../routes/files';
import { helpRoutes } from '../routes/help';
import { visitorRoutes } from '../routes/visitor';
import { visitorActionRoutes } from '../routes/visitorActions';
import type { AppContext } from '../services/context';
import { INBOUND_MAX_BYTES } from '../services/email/inbound';
import { compression } from './compression';
import { ApiError, isApiError } from './errors';
import { metricsAllowed } from './metrics';
import { siteMiddleware, visitorMiddleware } from './middleware';
import { observability } from './observability';
import {
  baseSecurityHeaders,
  consoleOriginAllowed,
  consoleOriginOnly,
  consoleSecurityHeaders,
} from './securityHeaders';
import { staticCache } from './staticCache';
import type { AppEnv } from './types';

const ALLOW_HEADERS = 'Authorization, Content-Type, X-Frontdesk-Site, If-None-Match';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** Build the HTTP application: the `/v1` API and the static files (`/healthz` and `/readyz` are served in front of it, see `health.ts`). */
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
    (c.get('log') ?? ctx.log).error(
      { err: error, method: c.req.method, path: c.req.path },
      'unexpected error',
    );
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server.' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.use('*', baseSecurityHeaders());
  app.use('*', observability(ctx));
  app.use('*', compression());

  app.get('/metrics', async (c) => {
    if (!metricsAllowed(c, ctx.settings.metricsToken))
      throw new ApiError(
        'forbidden',
        ctx.settings.metricsToken
          ? '/metrics needs "Authorization: Bearer <METRICS_TOKEN>".'
          : '/metrics answers only on loopback; set METRICS_TOKEN to read it from elsewhere.',
      );
    c.header('content-type', ctx.metrics.registry.contentType);
    return c.body(await ctx.metrics.registry.metrics());
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
  app.use('/v1/email/inbound', bodyLimit({ maxSize: INBOUND_MAX_BYTES, onError: tooLarge }));
  app.use('/v1/*', async (c, next) => {
    if (
      c.req.path === '/v1/uploads' ||
      c.req.path === '/v1/agent/uploads' ||
      c.req.path === '/v1/email/inbound'
    )
      return next();
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
  app.route('/v1/email', emailRoutes(ctx));

  const site = siteMiddleware(ctx);
  const visitor = visitorMiddleware(ctx);
  const visitorApi = new Hono<AppEnv>();
  visitorApi.use('*', site);
  visitorApi.route('/help', helpRoutes(ctx));
  visitorApi.use('/forms/*', visitor);
  visitorApi.use('/uploads', visitor);
  visitorApi.route('/', formRoutes(ctx));
  visitorApi.route('/', transcriptRoutes(ctx));
  visitorApi.route('/', visitorRoutes(ctx));
  visitorApi.route('/', visitorActionRoutes(ctx));
  app.route('/v1', visitorApi);

  mountStatic(app, ctx);
  return app;
}

/** The popout page: its script reads the one-time code from the URL fragment and shows the chat full-window. */
const POPOUT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Chat</title></head>
<body><script type="module" src="/widget/popout.js"></script></body></html>`;

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
      await next();
    });
    // The loader (`frontdesk.js`) is the one unversioned name pages load: short-lived, so releases reach them.
    app.use('/widget/*', staticCache('public, max-age=300'));
    // The popout window (`Frontdesk('popout')`): a page of this server that shows the visitor's chat.
    app.get('/popout', (c) => {
      c.header('referrer-policy', 'no-referrer');
      c.header('cache-control', 'no-store');
      c.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: https:; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
      );
      return c.html(POPOUT_PAGE);
    });
    app.use(
      '/widget/*',
      serveStatic({
        root: widgetDir,
        precompressed: true,
        rewriteRequestPath: (p) => p.replace(/^\/widget/, ''),
      }),
    );
  }
  if (consoleDir) {
    app.use('/console', consoleSecurityHeaders());
    app.use('/console/*', consoleSecurityHeaders());
    app.get('/console', (c) => c.redirect('/console/'));
    app.use('/console/*', staticCache('no-cache'));
    app.use(
      '/console/*',
      serveStatic({
        root: consoleDir,
        precompressed: true,
        rewriteRequestPath: (p) => p.replace(/^\/console/, ''),
      }),
    );
    // Single-page app: unknown console paths get its index.html.
    app.get('/console/*', serveStatic({ root: consoleDir, path: 'index.html', precompressed: true }));
  }
  if (demoDir) {
    app.use('/*', staticCache('no-cache'));
    app.use('/*', serveStatic({ root: demoDir, precompressed: true }));
  }
}
