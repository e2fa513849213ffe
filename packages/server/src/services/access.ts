import type { SiteRole } from '@frontdesk/protocol';
import { ApiError } from '../http/errors';
import type { AgentInfo } from '../http/types';
import type { AppContext } from './context';
import { memberRoles } from './members';

/**
 * Who may do what on a site. Every agent and admin route asks `requireRole` (or `can`) with the roles the
 * middleware resolved for the request's site; nothing else decides access.
 *
 * Roles come from the agent's membership of the site (`site_members`); an account that is not a member has no
 * role there, and the middleware answers 403. The account-wide `agents.role` grants nothing on a site.
 */
export async function siteRolesOf(ctx: AppContext, agent: AgentInfo, siteId: string): Promise<SiteRole[]> {
  return memberRoles(ctx.db, siteId, agent.id);
}

/** What each role also grants: admin grants everything, a manager may review. */
const IMPLIES: Record<SiteRole, readonly SiteRole[]> = {
  admin: ['admin', 'manager', 'reviewer', 'agent'],
  manager: ['manager', 'reviewer'],
  reviewer: ['reviewer'],
  agent: ['agent'],
};

/** True when one of `roles` grants `need`. */
export function can(roles: readonly SiteRole[], need: SiteRole): boolean {
  return roles.some((role) => IMPLIES[role].includes(need));
}

/** Throw 403 unless one of `roles` grants `need`; the message names the role that is missing. */
export function requireRole(roles: readonly SiteRole[], need: SiteRole): void {
  if (!can(roles, need)) throw new ApiError('forbidden', `This needs the ${need} role on this site.`);
}
