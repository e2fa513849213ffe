import type { VisitorMatch } from '@frontdesk/protocol';
import { type Row, toConversation, toMessage, toRating, toTicket, toVisitor } from '../db/rows';
import { forgetVisitor } from '../http/middleware';
import type { AppContext } from './context';
import { eraseVisitor } from './erase';
import { TICKET_SELECT } from './tickets';

/**
 * The visitor records of a site that belong to one person, for data requests (GDPR export and erasure): by the
 * internal id, the site's own user id, or the email (the profile's, one the visitor gave in a form or pre-chat, or
 * a lead's unverified one; any case). One person can be several records: a visitor per browser until they are identified.
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
       and (lower(email) = lower($2) or lower(attributes->>'email') = lower($2) or lower(lead->>'email') = lower($2))
       order by created_at`,
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

/**
 * Erase one visitor record everywhere (the same path as retention: rows removed, stream events and webhook payloads
 * anonymised, files deleted; see services/erase.ts); false when there is no such visitor.
 */
export async function deleteVisitor(ctx: AppContext, siteId: string, id: string): Promise<boolean> {
  if (!(await eraseVisitor(ctx.db, ctx.uploads, siteId, id))) return false;
  forgetVisitor(id);
  ctx.hub.visitorForgotten(id);
  return true;
}
