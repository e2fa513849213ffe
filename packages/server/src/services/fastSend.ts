import type { Author, Message, StreamEvent } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Database } from '../db/database';
import type { Hub } from '../realtime/hub';
import { siteStream } from './events';
import { redact } from './messages';
import type { Site } from './sites';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The common send in one statement (one round trip, atomic on its own): a new text message in a conversation
 * that is not resolved. It takes the next message seq, stores the message and appends `message.created` to the
 * site stream and, unless internal, the visitor's stream. Anything else — a repeated clientId, someone else's or
 * a resolved conversation, attachments — matches no row and returns null: the caller then takes the full path.
 */
export async function fastSend(
  db: Database,
  hub: Hub,
  site: Site,
  conversationId: string,
  author: Author | { visitorId: string },
  input: { clientId: string; text: string; internal?: boolean },
): Promise<{ message: Message; botState: string | null } | null> {
  const visitorId = 'visitorId' in author ? author.visitorId : null;
  const internal = visitorId === null && input.internal === true;
  const agent = visitorId === null ? (author as Author) : null;
  const toVisitor = !internal;
  const rows = await db.query<{
    data: { message: Message };
    s1: number;
    s2: number | null;
    visitor_id: string;
    bot_state: string | null;
  }>(
    `with c as (
       update conversations set last_seq = last_seq + 1, last_message_at = now(), updated_at = now(),
         first_response_at = case when $11::boolean then coalesce(first_response_at, now()) else first_response_at end
       where id = $1 and site_id = $2
         and ($3::text is null or (visitor_id = $3 and status <> 'resolved'))
         and not exists (select 1 from messages where conversation_id = $1 and client_id = $4)
       returning *),
     m as (
       insert into messages (id, conversation_id, client_id, seq, author_kind, author_id, author_name, text, attachments, internal)
       select $5, c.id, $4, c.last_seq, $6, $7, coalesce($8, (select name from visitors where id = c.visitor_id)), $9, '[]', $10::boolean
       from c returning *),
     j as (
       select jsonb_build_object('type', 'message.created', 'message', jsonb_build_object(
         'id', m.id, 'clientId', m.client_id, 'conversationId', m.conversation_id, 'seq', m.seq,
         'author', jsonb_build_object('kind', m.author_kind, 'id', m.author_id, 'name', m.author_name, 'avatarUrl', null),
         'text', m.text, 'attachments', m.attachments, 'internal', m.internal,
         'createdAt', to_char(m.created_at at time zone 'UTC', ${ISO}),
         'deliveredAt', to_char(m.created_at at time zone 'UTC', ${ISO}),
         'readAt', null)) as data from m),
     n1 as (
       insert into counters (id, value) select $12, 1 from m
       on conflict (id) do update set value = counters.value + 1 returning value),
     e1 as (
       insert into events (stream_id, seq, type, data)
       select $13, n1.value, 'message.created', j.data || jsonb_build_object('seq', n1.value) from n1, j returning seq),
     n2 as (
       insert into counters (id, value) select 'stream:v:' || c.visitor_id, 1 from c, m where $14::boolean
       on conflict (id) do update set value = counters.value + 1 returning value),
     e2 as (
       insert into events (stream_id, seq, type, data)
       select 'v:' || c.visitor_id, n2.value, 'message.created', j.data || jsonb_build_object('seq', n2.value)
       from n2, j, c returning seq)
     select j.data, (select seq from e1) as s1, (select seq from e2) as s2, c.visitor_id, c.bot_state from j, c`,
    [
      conversationId,
      site.id,
      visitorId,
      input.clientId,
      newId('msg'),
      visitorId === null ? 'agent' : 'visitor',
      visitorId ?? agent?.id ?? null,
      agent?.name ?? null,
      redact(site, input.text),
      internal,
      agent !== null && !internal,
      `stream:${siteStream(site.id)}`,
      siteStream(site.id),
      toVisitor,
    ],
  );
  const row = rows[0];
  if (!row) return null;
  const message = row.data.message;
  hub.publish(siteStream(site.id), { seq: row.s1, ...row.data } as StreamEvent);
  if (toVisitor && row.s2 !== null)
    hub.publish(`v:${row.visitor_id}`, { seq: row.s2, ...row.data } as StreamEvent);
  return { message, botState: row.bot_state };
}
