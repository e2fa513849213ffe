import type { SiteRole } from '@frontdesk/protocol';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { signToken, verifyToken } from '../auth/crypto';
import { can, siteRolesOf } from '../services/access';
import type { AppContext } from '../services/context';
import { agentSites } from '../services/members';
import { readVisitorToken } from '../services/visitors';
import { ApiError, unauthorized } from './errors';
import type { AgentInfo, AppEnv } from './types';

/**
 * The caller's address. Behind `trustProxy` proxies it is the `X-Forwarded-For` entry that many hops from the
 * right: each proxy appends the address it saw, so entries left of that were written by the client and are
 * never trusted. With fewer entries than hops, the leftmost one (the furthest any proxy saw).
 */
export function clientIp(c: Context<AppEnv>, trustProxy = 0): string {
  if (trustProxy > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const forwarded = entries[Math.max(0, entries.length - trustProxy)];
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The bearer token of the `Authorization` header only (never from the URL). */
export function headerBearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/** The bearer token of the request (header, or `token` query parameter for links and sockets). */
export function bearer(c: Context<AppEnv>): string | null {
  return headerBearer(c) ?? (c.req.query('token') || null);
}

/**
 * Resolve the site from `X-Frontdesk-Site` (or `?siteKey=`), refuse browser origins the site does not allow,
 * answer CORS for allowed ones, and count the request against the per-IP rate limit.
 */
export function siteMiddleware(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('x-frontdesk-site') ?? c.req.query('siteKey');
    if (!key) {
      const expected = 'the site key';
      throw new ApiError('validation_failed', 'Name the site with the X-Frontdesk-Site header.', [
        {
          path: 'headers.x-frontdesk-site',
          expected,
          received: 'nothing',
          message: `headers.x-frontdesk-site: expected ${expected}, found nothing`,
        },
      ]);
    }
    const site = await ctx.sites.byPublicKey(key);
    if (!site) throw new ApiError('not_found', 'No site has this key: check X-Frontdesk-Site.');
    const origin = c.req.header('origin');
    if (origin) {
      c.header('access-control-allow-origin', origin);
      if (!ctx.sites.allows(site, origin)) {
        // Readable by that page (CORS headers above; the answer holds nothing of the site), so the widget can
        // tell the site owner what to change instead of failing like a network error. Kept for the console.
        ctx.sites.recordRefused(site.id, origin);
        c.header('vary', 'Origin');
        throw new ApiError(
          'origin_not_allowed',
          `The origin ${origin} is not allowed for this site: add it to allowedOrigins in the site config.`,
        );
      }
      c.header('vary', 'Origin');
      c.header('access-control-expose-headers', 'ETag, Retry-After');
    }
    // Counted after the CORS headers are set, so a browser can read the 429 and its Retry-After.
    await ctx.ipLimiter.hit(clientIp(c, ctx.settings.trustProxy));
    c.set('site', site);
    await next();
  };
}

/** Require a visitor token of the resolved site; counts writes against the per-visitor rate limit. */
export function visitorMiddleware(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const site = c.get('site');
    const token = bearer(c);
    const visitorId = token ? readVisitorToken(ctx.secret, site.id, token) : null;
    if (!visitorId) throw unauthorized('Start a session first: the visitor token is missing or invalid.');
    if (!(await visitorExists(ctx, visitorId)))
      throw unauthorized('This visitor no longer exists: start a new session.');
    if (c.req.method !== 'GET') await ctx.visitorLimiter.hit(visitorId);
    c.set('visitorId', visitorId);
    await next();
  };
}

const KNOWN_TTL_MS = 300_000;
const known = new Map<string, number>();

/**
 * Does the visitor still exist? Remembered for 5 minutes per node to save a query per request (a chat's visitor
 * sends every few seconds or minutes). An erased visitor is forgotten at once on this node and through the bus on
 * the others (a bus interruption forgets every one); retention erases only visitors idle for days. Anything else
 * would fail later on a foreign key, a 401 as well.
 */
export async function visitorExists(ctx: AppContext, visitorId: string): Promise<boolean> {
  const until = known.get(visitorId);
  if (until !== undefined && until > Date.now()) return true;
  const rows = await ctx.db.query('select 1 from visitors where id = $1', [visitorId]);
  if (rows.length === 0) return false;
  if (known.size > 50_000) known.clear();
  known.set(visitorId, Date.now() + KNOWN_TTL_MS);
  return true;
}

/** Forget a deleted visitor at once on this node (`null`: every visitor, after a bus interruption). */
export function forgetVisitor(visitorId: string | null): void {
  if (visitorId === null) known.clear();
  else known.delete(visitorId);
}

/**
 * Issue an agent token valid for 30 days. It carries the agent's token version: signing out, a password change
 * and an admin disabling the agent bump the version, which revokes every token issued before.
 */
export async function agentTokenFor(ctx: AppContext, agentId: string): Promise<string> {
  const rows = await ctx.db.query<{ token_version: number }>(
    'select token_version from agents where id = $1',
    [agentId],
  );
  const version = rows[0]?.token_version ?? 0;
  return signToken(ctx.secret, { k: 'a', a: agentId, v: version, exp: Date.now() + 30 * 86_400_000 });
}

const TICKET_MS = 60_000;

/** A ticket for the agent socket: valid one minute, revoked with the agent's tokens; never an API token. */
export async function agentTicketFor(ctx: AppContext, agentId: string): Promise<string> {
  const rows = await ctx.db.query<{ token_version: number }>(
    'select token_version from agents where id = $1',
    [agentId],
  );
  return signToken(ctx.secret, {
    k: 't',
    a: agentId,
    v: rows[0]?.token_version ?? 0,
    exp: Date.now() + TICKET_MS,
  });
}

/**
 * The agent named by a token (kind `a`, or `t` for a socket ticket), or null when forged, expired, revoked, or
 * the agent is disabled or gone.
 */
export async function agentFromToken(
  ctx: AppContext,
  token: string | null,
  kind: 'a' | 't' = 'a',
): Promise<AgentInfo | null> {
  if (!token) return null;
  const payload = verifyToken(ctx.secret, token);
  if (payload?.k !== kind || typeof payload.a !== 'string') return null;
  const rows = await ctx.db.query<AgentInfo>(
    'select id, email, name, role, status from agents where id = $1 and token_version = $2 and not disabled',
    [payload.a, typeof payload.v === 'number' ? payload.v : 0],
  );
  return rows[0] ?? null;
}

/** Require an agent token; with `admin`, require the admin role (403 for agents). */
export function agentMiddleware(ctx: AppContext, role: 'agent' | 'admin'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The origin was checked (and CORS answered) by `consoleOriginOnly` in front of the agent and admin API.
    const key = c.req.header('x-frontdesk-site') ?? c.req.query('siteKey');
    const named = key ? await ctx.sites.byPublicKey(key) : null;
    // One query for the agent and its roles on the named site (the usual case: the console names it).
    const found = await agentWithRoles(ctx, bearer(c), named?.id ?? null);
    if (!found) throw unauthorized('Sign in as an agent first: the token is missing, invalid or expired.');
    const { agent } = found;
    const site = named ?? (await pickSite(ctx, key, agent.id));
    const roles = named ? found.roles : await siteRolesOf(ctx, agent, site.id);
    if (roles.length === 0) throw new ApiError('forbidden', 'This account is not a member of this site.');
    if (role === 'admin' && !can(roles, 'admin'))
      throw new ApiError('forbidden', 'This needs an admin account.');
    c.set('agent', agent);
    c.set('site', site);
    c.set('roles', roles);
    await next();
  };
}

/** Like {@link agentFromToken}, with the agent's roles on `siteId` (its membership; none when not a member). */
async function agentWithRoles(
  ctx: AppContext,
  token: string | null,
  siteId: string | null,
): Promise<{ agent: AgentInfo; roles: SiteRole[] } | null> {
  if (!token) return null;
  const payload = verifyToken(ctx.secret, token);
  if (payload?.k !== 'a' || typeof payload.a !== 'string') return null;
  const rows = await ctx.db.query<AgentInfo & { roles: SiteRole[] | null }>(
    `select a.id, a.email, a.name, a.role, a.status, m.roles from agents a
     left join site_members m on m.agent_id = a.id and m.site_id = $3
     where a.id = $1 and a.token_version = $2 and not a.disabled`,
    [payload.a, typeof payload.v === 'number' ? payload.v : 0, siteId],
  );
  const row = rows[0];
  if (!row) return null;
  const { roles, ...agent } = row;
  return { agent, roles: roles ?? [] };
}

/**
 * The site an agent request is about: the named one, else the agent's first site (by creation), so a
 * single-site install needs no header and nobody lands on a site they are not a member of.
 */
export async function pickSite(ctx: AppContext, key: string | undefined, agentId: string) {
  if (key) {
    const site = await ctx.sites.byPublicKey(key);
    if (!site) throw new ApiError('not_found', 'No site has this key: check X-Frontdesk-Site.');
    return site;
  }
  const first = (await agentSites(ctx.db, agentId))[0];
  const site = first ? await ctx.sites.byId(first.id) : null;
  if (!site)
    throw new ApiError('forbidden', 'This account is not a member of any site yet: ask a site admin.');
  return site;
}
