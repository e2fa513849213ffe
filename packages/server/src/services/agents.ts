import type { Agent, AgentRole } from '@frontdesk/protocol';
import { hashPassword, newId, SCRYPT_COST, verifyPassword } from '../auth/crypto';
import { normalizeEmail } from '../auth/loginGuard';
import type { Sql } from '../db/database';
import { ApiError } from '../http/errors';
import { assignForAgent } from './assignment';
import { availability } from './availability';
import type { AppContext } from './context';
import { siteStream, siteVisitorsChannel } from './events';
import { agentSites } from './members';

/** Input of {@link createAgent}. */
export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: AgentRole;
}

/** Create an agent account with an scrypt-hashed password; 409 when the email is taken. */
export async function createAgent(db: Sql, input: NewAgent): Promise<Agent> {
  const email = normalizeEmail(input.email);
  const taken = await db.query('select 1 from agents where email = $1', [email]);
  if (taken.length > 0) throw new ApiError('conflict', `An agent with the email ${email} already exists.`);
  const rows = await db.query<Agent>(
    'insert into agents (id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning id, email, name, role, status',
    [newId('ag'), email, input.name, input.role, await hashPassword(input.password)],
  );
  return rows[0]!;
}

// Checked for unknown emails too, at the current cost, so timing does not reveal which accounts exist.
const DUMMY_HASH = `scrypt$ln=${SCRYPT_COST.logN},r=${SCRYPT_COST.r},p=${SCRYPT_COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAA`;

/**
 * Check credentials; the agent, or a 401 that does not say which part was wrong. A hash of an older, cheaper
 * cost is replaced by one at the current cost (the password is known only now).
 */
export async function login(db: Sql, email: string, password: string): Promise<Agent> {
  const rows = await db.query<Agent & { password_hash: string; disabled: boolean }>(
    'select id, email, name, role, status, password_hash, disabled from agents where email = $1',
    [normalizeEmail(email)],
  );
  const row = rows[0];
  const result = await verifyPassword(password, row ? row.password_hash : DUMMY_HASH);
  if (!row || !result.ok) throw new ApiError('unauthorized', 'The email or password is wrong.');
  if (result.needsRehash)
    await db.query('update agents set password_hash = $2 where id = $1 and password_hash = $3', [
      row.id,
      await hashPassword(password),
      row.password_hash,
    ]);
  if (row.disabled) throw new ApiError('forbidden', 'This account is disabled: ask an admin.');
  const { password_hash: _hash, disabled: _disabled, ...agent } = row;
  return agent;
}

/** The agents of one site (its members), oldest account first. */
export async function listAgents(db: Sql, siteId: string): Promise<Agent[]> {
  return db.query<Agent>(
    `select a.id, a.email, a.name, a.role, a.status from agents a
     join site_members m on m.agent_id = a.id and m.site_id = $1 order by a.created_at, a.id`,
    [siteId],
  );
}

/** Set an agent's presence and tell agents and visitors of the agent's sites (availability may change). */
export async function setPresence(ctx: AppContext, agentId: string, status: Agent['status']): Promise<void> {
  await ctx.db.query('update agents set status = $2 where id = $1', [agentId, status]);
  for (const { id } of await agentSites(ctx.db, agentId)) {
    const site = await ctx.sites.byId(id);
    if (!site) continue;
    ctx.hub.publishEphemeral(siteStream(site.id), { type: 'presence', agentId, status });
    const now = await availability(ctx.db, site);
    ctx.hub.publishEphemeral(siteStream(site.id), { type: 'availability', availability: now });
    ctx.hub.publishEphemeral(siteVisitorsChannel(site.id), { type: 'availability', availability: now });
  }
  // Someone is there to take what waits in their teams.
  if (status === 'online') await assignForAgent(ctx, agentId);
}
