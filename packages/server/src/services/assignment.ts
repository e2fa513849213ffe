import type { TeamSummary } from '@frontdesk/protocol';
import { type Row, toAgentConversation, toConversation } from '../db/rows';
import type { AppContext } from './context';
import { siteStream, visitorStream, withEvents } from './events';
import type { Site } from './sites';

// Automatic assignment within a team. It runs on the events that can change who may take what: a new conversation
// or ticket, a team change, a bot hand-off, an agent coming online, a conversation resolved or unassigned. Each
// run is one transaction that locks the team members' agent rows first (always in id order): two nodes, or two
// requests of one node, take turns, and each counts loads from the database, never from memory.

interface Candidate {
  id: string;
  email: string;
  load: number;
  capacity: number;
  /** Milliseconds of the last automatic assignment (0: never), for round-robin. */
  last: number;
}

const WAITING_BATCH = 200;

/** Capacity of one agent on this site: `routing.agentCapacity[email]`, else `routing.capacity`. */
function capacityOf(site: Site, email: string): number {
  return site.config.routing.agentCapacity[email] ?? site.config.routing.capacity;
}

/** The candidate to assign next: least recently assigned (round-robin), or least loaded first (least-busy). */
function pick(site: Site, candidates: Candidate[], order: string[]): Candidate | undefined {
  const byTurn = (a: Candidate, b: Candidate) =>
    a.last - b.last || order.indexOf(a.email) - order.indexOf(b.email);
  const sorted = [...candidates].sort((a, b) =>
    site.config.routing.assignment === 'least-busy' ? a.load - b.load || byTurn(a, b) : byTurn(a, b),
  );
  return sorted[0];
}

/**
 * Assign the site's waiting conversations (open, unassigned, with a team) to online team members with spare
 * capacity, oldest first. Returns how many were assigned.
 */
export async function assignWaiting(ctx: AppContext, site: Site): Promise<number> {
  const { routing, teams } = site.config;
  const staffed = teams.filter((t) => t.agents.length > 0);
  if (routing.assignment === 'manual' || staffed.length === 0) return 0;
  const emails = [...new Set(staffed.flatMap((t) => t.agents))];
  return withEvents(ctx.db, ctx.hub, async (tx, events) => {
    const agents = await tx.query<Row>(
      `select id, email, status, last_assigned_at from agents
       where email = any($1) and not disabled order by id for update`,
      [emails],
    );
    const online = agents.filter((a) => a.status === 'online');
    if (online.length === 0) return 0;
    // An agent's load counts their open conversations on every site: one person, one capacity.
    const loads = await tx.query<{ assignee_id: string; n: number }>(
      `select assignee_id, count(*)::int as n from conversations
       where assignee_id = any($1) and status <> 'resolved' group by assignee_id`,
      [online.map((a) => a.id)],
    );
    const candidates: Candidate[] = online.map((a) => ({
      id: a.id as string,
      email: a.email as string,
      load: loads.find((l) => l.assignee_id === a.id)?.n ?? 0,
      capacity: capacityOf(site, a.email as string),
      last: a.last_assigned_at ? new Date(a.last_assigned_at as string).getTime() : 0,
    }));
    // Nobody with room: lock no conversation (they keep waiting for the next event).
    if (!candidates.some((c) => c.load < c.capacity)) return 0;
    // All in one statement, before any event is appended: no lock is held that a message writer waits for.
    const waiting = await tx.query<Row>(
      `select id, team_id from conversations
       where site_id = $1 and assignee_id is null and status = 'open' and team_id = any($2)
       order by created_at, id limit ${WAITING_BATCH} for update`,
      [site.id, staffed.map((t) => t.id)],
    );
    let assigned = 0;
    for (const conv of waiting) {
      const team = staffed.find((t) => t.id === conv.team_id);
      if (!team) continue;
      const free = candidates.filter((c) => team.agents.includes(c.email) && c.load < c.capacity);
      const agent = pick(site, free, team.agents);
      if (!agent) continue;
      const rows = await tx.query<Row>(
        'update conversations set assignee_id = $2, updated_at = now() where id = $1 returning *',
        [conv.id, agent.id],
      );
      // clock_timestamp, not now(): several assignments in one transaction keep their order.
      const stamp = await tx.query<{ at: string }>(
        'update agents set last_assigned_at = clock_timestamp() where id = $1 returning last_assigned_at as at',
        [agent.id],
      );
      agent.load++;
      agent.last = new Date(stamp[0]!.at).getTime();
      assigned++;
      const row = rows[0]!;
      await events.append(siteStream(site.id), {
        type: 'conversation.updated',
        conversation: toAgentConversation(row),
      });
      await events.append(visitorStream(row.visitor_id as string), {
        type: 'conversation.updated',
        conversation: toConversation(row),
      });
    }
    return assigned;
  });
}

/** Run {@link assignWaiting} after a change; a failure is logged, never the caller's (the next event retries). */
export async function assignAfter(ctx: AppContext, site: Site): Promise<void> {
  await assignWaiting(ctx, site).catch((error: unknown) => {
    ctx.log.error({ err: error, siteId: site.id }, 'automatic assignment failed');
  });
}

/** An agent came online or has capacity again: assign on every site where a team counts them. */
export async function assignForAgent(ctx: AppContext, agentId: string): Promise<void> {
  const rows = await ctx.db.query<{ email: string }>('select email from agents where id = $1', [agentId]);
  const email = rows[0]?.email;
  if (!email) return;
  for (const site of await ctx.sites.list())
    if (site.config.teams.some((t) => t.agents.includes(email))) await assignAfter(ctx, site);
}

/** The site's teams with their members' presence, load and capacity (`GET /v1/agent/teams`). */
export async function teamSummaries(ctx: AppContext, site: Site): Promise<TeamSummary[]> {
  const emails = [...new Set(site.config.teams.flatMap((t) => t.agents))];
  const agents = await ctx.db.query<Row>(
    `select a.id, a.email, a.name, a.status,
       (select count(*)::int from conversations c where c.assignee_id = a.id and c.status <> 'resolved') as open
     from agents a where a.email = any($1) and not a.disabled`,
    [emails],
  );
  const waiting = await ctx.db.query<{ team_id: string; n: number }>(
    `select team_id, count(*)::int as n from conversations
     where site_id = $1 and assignee_id is null and status = 'open' and team_id is not null group by team_id`,
    [site.id],
  );
  return site.config.teams.map((team) => ({
    id: team.id,
    name: team.name,
    members: team.agents.flatMap((email) => {
      const a = agents.find((x) => x.email === email);
      if (!a) return [];
      return [
        {
          id: a.id as string,
          email,
          name: a.name as string,
          status: a.status as TeamSummary['members'][number]['status'],
          open: a.open as number,
          capacity: capacityOf(site, email),
        },
      ];
    }),
    waiting: waiting.find((w) => w.team_id === team.id)?.n ?? 0,
  }));
}
