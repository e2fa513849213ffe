import type { VoiceItem, VoicePage, VoiceQuery } from '@frontdesk/protocol';
import type { Sql } from '../../db/database';
import { iso } from '../../db/rows';

type Row = Record<string, unknown>;

/**
 * The voice of the customer: ratings with a comment and "not solved" answers, newest first, filtered in SQL.
 * `q` matches the comment as a plain substring (case-insensitive; % and _ are literal).
 */
export async function listVoice(db: Sql, siteId: string, query: VoiceQuery): Promise<VoicePage> {
  const params: unknown[] = [siteId];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [
    'c.site_id = $1',
    "((r.comment is not null and btrim(r.comment) <> '') or r.solved = false)",
  ];
  if (query.q) where.push(`r.comment ilike ${add(`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`);
  if (query.rating === 'low') where.push('r.csat <= 2');
  else if (query.rating) where.push(`r.csat = ${add(Number(query.rating))}`);
  if (query.solved) where.push(query.solved === 'yes' ? 'r.solved = true' : 'r.solved = false');
  if (query.from) where.push(`r.created_at >= ${add(query.from)}`);
  if (query.to) where.push(`r.created_at < ${add(query.to)}`);
  if (query.agent) where.push(`c.assignee_id = ${add(query.agent)}`);
  if (query.channel) where.push(`c.channel = ${add(query.channel)}`);
  const limit = add(query.pageSize);
  const offset = add((query.page - 1) * query.pageSize);
  // The page and the count as two queries: a window count over the page query would join every match.
  const rows = await db.query<Row>(
    `select r.conversation_id, r.created_at, r.csat, r.nps, r.solved, r.comment, c.channel, c.assignee_id,
       a.name as agent_name, vi.name as visitor_name
     from ratings r join conversations c on c.id = r.conversation_id
       left join agents a on a.id = c.assignee_id left join visitors vi on vi.id = c.visitor_id
     where ${where.join(' and ')}
     order by r.created_at desc, r.conversation_id limit ${limit} offset ${offset}`,
    params,
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int as n from ratings r join conversations c on c.id = r.conversation_id where ${where.join(' and ')}`,
    params.slice(0, -2),
  );
  const total = count?.n ?? 0;
  return { items: rows.map(toItem), total, page: query.page, pageSize: query.pageSize };
}

function toItem(r: Row): VoiceItem {
  return {
    conversationId: r.conversation_id as string,
    createdAt: iso(r.created_at),
    csat: (r.csat as number | null) ?? null,
    nps: (r.nps as number | null) ?? null,
    solved: (r.solved as boolean | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    channel: r.channel as string,
    agentId: (r.assignee_id as string | null) ?? null,
    agentName: (r.agent_name as string | null) ?? null,
    visitorName: (r.visitor_name as string | null) ?? null,
  };
}
