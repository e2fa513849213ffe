import type { Agent, AgentRole } from '@frontdesk/protocol';
import { hashPassword, newId, verifyPassword } from '../auth/crypto';
import type { Sql } from '../db/database';
import { ApiError } from '../http/errors';
import { availability } from './availability';
import type { AppContext } from './context';
import { siteStream, siteVisitorsChannel } from './events';

/** Input of {@link createAgent}. */
export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: AgentRole;
}

/** Create an agent account with an scrypt-hashed password; 409 when the email is taken. */
export async function createAgent(db: Sql, input: NewAgent): Promise<Agent> {
  const email = input.email.trim().toLowerCase();
  const taken = await db.query('select 1 from agents where email = $1', [email]);
  if (taken.length > 0) throw new ApiError('conflict', `An agent with the email ${email} already exists.`);
  const rows = await db.query<Agent>(
    'insert into agents (id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning id, email, name, role, status',
    [newId('ag'), email, input.name, input.role, await hashPassword(input.password)],
  );
  return rows[0]!;
}

/** Check credentials; the agent, or a 401 that does not say which part was wrong. */
export async function login(db: Sql, email: string, password: string): Promise<Agent> {
  const rows = await db.query<Agent & { password_hash: string }>(
    'select id, email, name, role, status, password_hash from agents where email = $1',
    [email.trim().toLowerCase()],
  );
  const row = rows[0];
  // Hash even for unknown emails so timing does not reveal which accounts exist.
  const ok = row
    ? await verifyPassword(password, row.password_hash)
    : await verifyPassword(password, 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAA').then(() => false);
  if (!row || !ok) throw new ApiError('unauthorized', 'The email or password is wrong.');
  const { password_hash: _hash, ...agent } = row;
  return agent;
}

/** Every agent account. */
export async function listAgents(db: Sql): Promise<Agent[]> {
  return db.query<Agent>('select id, email, name, role, status from agents order by created_at, id');
}

/** Set an agent's presence and tell agents and visitors of every site (availability may change). */
export async function setPresence(ctx: AppContext, agentId: string, status: Agent['status']): Promise<void> {
  await ctx.db.query('update agents set status = $2 where id = $1', [agentId, status]);
  for (const site of await ctx.sites.list()) {
    ctx.hub.publishEphemeral(siteStream(site.id), { type: 'presence', agentId, status });
    const now = await availability(ctx.db, site);
    ctx.hub.publishEphemeral(siteStream(site.id), { type: 'availability', availability: now });
    ctx.hub.publishEphemeral(siteVisitorsChannel(site.id), { type: 'availability', availability: now });
  }
}
