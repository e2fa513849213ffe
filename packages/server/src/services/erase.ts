import type { Database, Sql } from '../db/database';
import { siteStream, visitorStream } from './events';
import type { UploadStore } from './uploads';

/**
 * The one erase path, used by visitor deletion (`DELETE /v1/admin/visitors/:id`) and by retention. It removes
 * rows (conversations with their messages and ratings, tickets, uploads, activity and search logs, the visitor)
 * and anonymises what must stay for cursor integrity or audit: stored stream events keep their seq and type but
 * lose texts, names, subjects, conversation fields and tags, leads, companies, ticket values and attachments; webhook deliveries keep status but lose the payload.
 * Upload bytes are removed from the store after the transaction commits.
 */

/** What an erase found, to finish after commit. */
export interface Erased {
  conversations: number;
  /** Upload ids whose bytes must be removed from the store. */
  uploadIds: string[];
}

/** Blank the personal parts of a stored stream event (the event keeps its seq and type). */
export function anonymiseEvent(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  const message = out.message as Record<string, unknown> | undefined;
  if (message) {
    const author = message.author as Record<string, unknown> | undefined;
    out.message = { ...message, text: '[deleted]', attachments: [] };
    if (author?.kind === 'visitor')
      (out.message as Record<string, unknown>).author = { ...author, name: null, avatarUrl: null };
  }
  const conversation = out.conversation as Record<string, unknown> | undefined;
  // Fields the site set may hold personal values (an order number, an address); tags go with them.
  if (conversation) out.conversation = { ...conversation, subject: null, fields: {}, tags: [] };
  const ticket = out.ticket as Record<string, unknown> | undefined;
  if (ticket) out.ticket = { ...ticket, values: {}, attachments: [] };
  const rating = out.rating as Record<string, unknown> | undefined;
  if (rating) out.rating = { ...rating, comment: null };
  // visitor.updated: the shape stays (readers validate it), every personal value goes.
  const visitor = out.visitor as Record<string, unknown> | undefined;
  if (visitor)
    out.visitor = {
      ...visitor,
      userId: null,
      email: null,
      name: null,
      attributes: {},
      page: null,
      locale: null,
      lead: null,
      company: null,
    };
  return out;
}

/**
 * Erase conversations of a site (and, when `visitorId` is given, everything else of that visitor) inside `tx`.
 * Returns the upload ids whose bytes the caller removes after commit (see {@link finishErase}).
 */
export async function eraseInTx(
  tx: Sql,
  siteId: string,
  conversationIds: string[],
  visitorId: string | null = null,
): Promise<Erased> {
  const convs = conversationIds;
  const tickets = (
    await tx.query<{ id: string }>(
      'select id from tickets where site_id = $1 and (conversation_id = any($2::text[]) or visitor_id = $3)',
      [siteId, convs, visitorId],
    )
  ).map((r) => r.id);
  // Uploads: the visitor's, those attached in these conversations (agents' too), and any a message there names.
  const uploads = (
    await tx.query<{ id: string }>(
      `select id from uploads where site_id = $1 and (visitor_id = $2 or conversation_id = any($3::text[]))
       union select a->>'id' from messages m, jsonb_array_elements(m.attachments) a
         where m.conversation_id = any($3::text[])
       union select kv.value from tickets t, jsonb_each_text(t.values) kv where t.id = any($4::text[])`,
      [siteId, visitorId, convs, tickets],
    )
  ).map((r) => r.id);

  // Stored events in every stream that name these conversations, tickets or the visitor: anonymised in place.
  const events = await tx.query<{ stream_id: string; seq: number; data: Record<string, unknown> }>(
    `select stream_id, seq, data from events
      where (stream_id = $1 or stream_id like 'v:%') and (
        data->'message'->>'conversationId' = any($2::text[]) or data->'conversation'->>'id' = any($2::text[])
        or data->>'conversationId' = any($2::text[]) or data->'ticket'->>'id' = any($3::text[])
        or data->'conversation'->>'visitorId' = $4 or data->'ticket'->>'visitorId' = $4
        or data->'visitor'->>'id' = $4)`,
    [siteStream(siteId), convs, tickets, visitorId ?? ''],
  );
  for (const event of events)
    await tx.query('update events set data = $3 where stream_id = $1 and seq = $2', [
      event.stream_id,
      event.seq,
      JSON.stringify(anonymiseEvent(event.data)),
    ]);

  // Webhook payloads: keep the log line (status, attempts), drop the data; never send what was erased.
  await tx.query(
    `update webhook_deliveries set payload = jsonb_set(payload, '{data}', '{"erased":true}'),
       status = case when status = 'pending' then 'failed' else status end,
       error = case when status = 'pending' then 'not sent: its data was erased' else error end
     where site_id = $1 and (
       payload->'data'->'conversation'->>'id' = any($2::text[])
       or payload->'data'->'message'->>'conversationId' = any($2::text[])
       or payload->'data'->'rating'->>'conversationId' = any($2::text[])
       or payload->'data'->'ticket'->>'id' = any($3::text[])
       or payload->'data'->'conversation'->>'visitorId' = $4)`,
    [siteId, convs, tickets, visitorId ?? ''],
  );

  await tx.query('delete from uploads where id = any($1::text[]) and site_id = $2', [uploads, siteId]);
  await tx.query('delete from tickets where id = any($1::text[])', [tickets]);
  // Messages and ratings go with their conversations (on delete cascade).
  await tx.query('delete from conversations where id = any($1::text[]) and site_id = $2', [convs, siteId]);
  if (visitorId) {
    // Help searches, tracked events and page views go with the visitor (activity: on delete cascade).
    await tx.query('delete from events where stream_id = $1', [visitorStream(visitorId)]);
    await tx.query('delete from counters where id = $1', [`stream:${visitorStream(visitorId)}`]);
    await tx.query('delete from visitors where id = $1 and site_id = $2', [visitorId, siteId]);
  }
  return { conversations: convs.length, uploadIds: uploads };
}

/** Remove the bytes of erased uploads (after the erase committed; a missing file is fine). */
export async function finishErase(store: UploadStore, erased: Erased): Promise<void> {
  for (const id of erased.uploadIds) await store.delete(id);
}

/** Erase a visitor of a site everywhere; false when there is no such visitor. */
export async function eraseVisitor(
  db: Database,
  store: UploadStore,
  siteId: string,
  visitorId: string,
): Promise<boolean> {
  const erased = await db.transaction(async (tx) => {
    const found = await tx.query('select id from visitors where id = $1 and site_id = $2 for update', [
      visitorId,
      siteId,
    ]);
    if (found.length === 0) return null;
    // Locked, so a message sent concurrently waits and then finds no conversation, rather than adding an event
    // after the anonymisation below.
    const convs = await tx.query<{ id: string }>(
      'select id from conversations where visitor_id = $1 and site_id = $2 for update',
      [visitorId, siteId],
    );
    return eraseInTx(
      tx,
      siteId,
      convs.map((r) => r.id),
      visitorId,
    );
  });
  if (!erased) return false;
  await finishErase(store, erased);
  return true;
}
