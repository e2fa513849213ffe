// Per request: an id (the caller's `X-Request-Id` when it is a plain token, else a new one, echoed back), a
// child logger carrying it, and the request's latency in the metrics under its route pattern (bounded labels).
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppContext } from '../services/context';
import type { AppEnv } from './types';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The route pattern that answered (`/v1/conversations/:id/messages`), never the raw path. */
function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const routes = matchedRoutes(c);
  const handler = routes.findLast((route) => route.method !== 'ALL');
  if (handler) return handler.path;
  return c.res.status === 404 ? 'unmatched' : (routes.at(-1)?.path ?? 'unmatched');
}

/** Request ids, request logs (level debug; errors at error) and HTTP metrics. */
export function observability(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const log = ctx.log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.header('x-request-id', requestId);
    const started = performance.now();
    ctx.metrics.httpInFlight.inc();
    try {
      await next();
    } finally {
      ctx.metrics.httpInFlight.dec();
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(c);
      const status = c.res.status;
      ctx.metrics.httpDuration.observe({ method: c.req.method, route, status: String(status) }, seconds);
      if (route.endsWith('/help/search')) ctx.metrics.searchDuration.observe(seconds);
      log.debug(
        { method: c.req.method, path: c.req.path, route, status, ms: Math.round(seconds * 1000) },
        'request',
      );
    }
  };
}
