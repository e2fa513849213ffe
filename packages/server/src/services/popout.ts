import { hmacHex, newSecret } from '../auth/crypto';
import { unauthorized } from '../http/errors';
import type { AppContext } from './context';
import type { Site } from './sites';
import { visitorToken } from './visitors';

/** How long a popout code can be exchanged: long enough to open a window, too short to be worth stealing. */
export const POPOUT_CODE_SECONDS = 60;

/**
 * A one-time code that opens this visitor's chat in the popout page. The visitor's long-lived token never goes in
 * a URL: the page gets this code (in the URL fragment) and exchanges it once for a token of its own.
 */
export async function createPopoutCode(ctx: AppContext, site: Site, visitorId: string): Promise<string> {
  const code = newSecret(24);
  await ctx.db.query('delete from popout_codes where expires_at < now()');
  await ctx.db.query(
    `insert into popout_codes (code_hash, site_id, visitor_id, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hmacHex(ctx.secret, code), site.id, visitorId, POPOUT_CODE_SECONDS],
  );
  return code;
}

/** Exchange a popout code (once, before it expires) for a visitor token of the same visitor. */
export async function exchangePopoutCode(ctx: AppContext, site: Site, code: string): Promise<string> {
  const rows = await ctx.db.query<{ visitor_id: string }>(
    `delete from popout_codes where code_hash = $1 and site_id = $2 and expires_at > now() returning visitor_id`,
    [hmacHex(ctx.secret, code), site.id],
  );
  const visitorId = rows[0]?.visitor_id;
  if (!visitorId) throw unauthorized('This popout link has expired or was already used: open it again.');
  return visitorToken(ctx.secret, site.id, visitorId, ctx.settings.visitorTokenDays);
}
