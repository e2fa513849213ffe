import type { VisitorMatch } from '@frontdesk/protocol';
import { type Row, toConversation, toMessage, toRating, toTicket, toVisitor } from '../db/rows';
import { forgetVisitor } from '../http/middleware';
import type { AppContext } from './context';
import { visitorStream } from './events';
import { TICKET_SELECT } from './tickets';

/**
 * The visitor records of a site that belong to one person, for data requests (GDPR export and erasure): by the
 * internal id, the site's own user id, or the email (the profile's, or one the visitor gave in a form or pre-chat,
 * any case). One person can be several records: a visitor per browser until they are identified.
 */
export async function findVisitors(ctx: AppContext, siteId: string, match: VisitorMatch): Promise<Row[]> {
  if (match.visitorId)
    return ctx.db.query<Row>('select * from visitors where site_id = $1 and id = $2', [
      siteId,
      match.visitorId,
    ]);
  if (match.userId)
    return ctx.db.query<Row>(
      'select * from visitors where site_id = $1 and user_id = $2 order by created_at',
      [siteId, match.userId],
    );
  return ctx.db.query<Row>(
    `select * from visitors where site_id = $1
       and (lower(email) = lower($2) or lower(attributes->>'email') = lower($2)) order by created_at`,
    [siteId, match.email ?? ''],
  );
}

/** Everything stored about one visitor record, as the visitor would see it (no internal notes). */
export async function exportVisitor(ctx: AppContext, visitor: Row): Promise<Record<string, unknown>> {
  const convs = await ctx.db.query<Row>(
    'select * from conversations where visitor_id = $1 order by created_at',
    [visitor.id],
  );
  const conversations = [];
  for (const conv of convs) {
    const messages = await ctx.db.query<Row>(
      'select * from messages where conversation_id = $1 and not internal order by seq',
      [conv.id],
    );
    const rating = (
      await ctx.db.query<Row>('select * from ratings where conversation_id = $1', [conv.id])
    )[0];
    conversations.push({
      ...toConversation(conv),
      messages: messages.map((m) => toMessage(m)),
      rating: rating ? toRating(rating) : null,
    });
  }
  const tickets = await ctx.db.query<Row>(`${TICKET_SELECT} where t.visitor_id = $1`, [visitor.id]);
  const uploads = await ctx.db.query(
    // The visitor's own files; files agents shared are listed with the messages that carry them.
    'select id, name, type, size, created_at from uploads where visitor_id = $1 and agent_id is null',
    [visitor.id],
  );
  return {
    visitor: { ...toVisitor(visitor), page: visitor.page ?? null, locale: visitor.locale ?? null },
    conversations,
    tickets: tickets.map(toTicket),
    uploads,
  };
}

/** Delete one visitor record and everything of theirs for good; false when there is no such visitor. */
export async function deleteVisitor(ctx: AppContext, siteId: string, id: string): Promise<boolean> {
  const uploads = await ctx.db.query<{ id: string }>(
    'select id from uploads where visitor_id = $1 and site_id = $2',
    [id, siteId],
  );
  const deleted = await ctx.db.transaction(async (tx) => {
    const convs = await tx.query<{ id: string }>(
      'select id from conversations where visitor_id = $1 and site_id = $2',
      [id, siteId],
    );
    // The site stream must stay gap-free for agents: blank the visitor's message texts there instead of deleting.
    await tx.query(
      `update events set data = jsonb_set(data, '{message,text}', '"[deleted]"')
       where stream_id = $1 and type = 'message.created' and data->'message'->>'conversationId' = any($2::text[])`,
      [`s:${siteId}`, convs.map((r) => r.id)],
    );
    const rows = await tx.query('delete from visitors where id = $1 and site_id = $2 returning id', [
      id,
      siteId,
    ]);
    if (rows.length === 0) return false;
    await tx.query('delete from events where stream_id = $1', [visitorStream(id)]);
    return true;
  });
  if (!deleted) return false;
  forgetVisitor(id);
  for (const upload of uploads) await ctx.uploads.delete(upload.id);
  return true;
}
