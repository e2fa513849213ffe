import { AddMemberSchema, UpdateMemberSchema } from '@frontdesk/protocol';
import type { Hono } from 'hono';
import { ApiError, notFound } from '../http/errors';
import type { AppEnv } from '../http/types';
import { readBody } from '../http/validate';
import type { AppContext } from '../services/context';
import { addMember, listMembers, removeMember, setMemberRoles } from '../services/members';

/** The site's members and their roles, on the admin API (every route acts on the request's site only). */
export function memberRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/members', async (c) => c.json(await listMembers(ctx.db, c.get('site').id)));

  app.post('/members', async (c) => {
    const body = await readBody(c, AddMemberSchema);
    const added = await addMember(ctx.db, c.get('site').id, body);
    return c.json(added, 201);
  });

  app.put('/members/:id', async (c) => {
    const body = await readBody(c, UpdateMemberSchema);
    return c.json(await setMemberRoles(ctx.db, c.get('site').id, c.req.param('id'), body.roles));
  });

  app.delete('/members/:id', async (c) => {
    await removeMember(ctx.db, c.get('site').id, c.req.param('id'));
    return c.body(null, 204);
  });
}

/**
 * An account-wide change (disable, delete) by an admin of one site: only for a member of this site who belongs
 * to no other site, so one site's admin never locks someone out of another site.
 */
export async function ownAccountOnly(ctx: AppContext, siteId: string, agentId: string): Promise<void> {
  const rows = await ctx.db.query<{ site_id: string }>(
    'select site_id from site_members where agent_id = $1',
    [agentId],
  );
  if (!rows.some((r) => r.site_id === siteId)) throw notFound('The agent');
  if (rows.length > 1)
    throw new ApiError(
      'conflict',
      'This account is also a member of other sites: remove it from this site instead (DELETE /v1/admin/members/:id).',
    );
}
