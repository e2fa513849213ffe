import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../services/context';
import { ApiError } from './errors';
import type { AppEnv } from './types';

/**
 * The console's Content Security Policy: scripts and styles only from the server itself (no inline script, no
 * eval), API calls and sockets only to it, never framed. Images may come from https (avatars, article images).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `nosniff` and `Referrer-Policy` on every answer (API, console, widget files). */
export function baseSecurityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    if (!c.res.headers.has('referrer-policy')) c.header('referrer-policy', 'no-referrer');
  };
}

/** The console's headers: strict CSP, no framing. */
export function consoleSecurityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header('content-security-policy', CONSOLE_CSP);
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
  };
}

/**
 * May a page on `origin` call the agent and admin API or open the agent socket? Only the console's origins:
 * `CONSOLE_ORIGINS` when set, else the server's own origin (where the console is served).
 */
export function consoleOriginAllowed(ctx: AppContext, origin: string): boolean {
  const listed = ctx.settings.consoleOrigins;
  return listed.length > 0 ? listed.includes(origin) : ctx.sites.selfOrigins.has(origin);
}

/** Refuse agent and admin API calls from pages on other origins; answer CORS for the console's. */
export function consoleOriginOnly(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin) {
      if (!consoleOriginAllowed(ctx, origin))
        throw new ApiError(
          'origin_not_allowed',
          `The origin ${origin} may not call the agent API: add it to CONSOLE_ORIGINS on the server.`,
        );
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin');
    }
    await next();
  };
}
