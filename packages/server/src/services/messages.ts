import type { Attachment, Author, BotAnswer, Message } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Sql } from '../db/database';
import { type Row, toConversation, toMessage, toReaders } from '../db/rows';
import { ApiError } from '../http/errors';
import { type EventBatch, siteStream, visitorStream } from './events';
import type { Site } from './sites';

/** What a new message is made of. */
export interface MessageInput {
  clientId: string;
  text: string;
  attachmentIds?: string[];
  /** An internal note: agents only. */
  internal?: boolean;
  /** Bot messages: the article the text was taken from. */
  answer?: BotAnswer;
}

/** Replace matches of the site's redact patterns with `[redacted]` before anything is stored. */
export function redact(site: Site, text: string): string {
  let out = text;
  for (const pattern of site.config.privacy.redactPatterns) {
    try {
      out = out.replace(new RegExp(pattern, 'g'), '[redacted]');
    } catch {
      // Patterns are validated on push; an invalid one is skipped rather than failing the message.
    }
  }
  return out;
}

/**
 * Lock a conversation row for the rest of the transaction (orders concurrent writers). With `messageClientId`,
 * the row also carries `existing_message`: the message already stored under that client id, if any.
 */
export async function lockConversation(tx: Sql, id: string, messageClientId?: string): Promise<Row | null> {
  const rows = await tx.query<Row>(
    `select c.*, v.name as visitor_name,
       (select row_to_json(m) from messages m where m.conversation_id = c.id and m.client_id = $2) as existing_message
     from conversations c join visitors v on v.id = c.visitor_id
     where c.id = $1 for update of c`,
    [id, messageClientId ?? null],
  );
  const row = rows[0];
  if (row && messageClientId === undefined) delete row.existing_message;
  return row ?? null;
}

/**
 * The uploads a message attaches, checked against who sends it: a visitor only their own uploads, an agent only
 * agents' uploads made for this conversation (never a visitor's file into another conversation). Each is marked
 * attached to the conversation, so it no longer expires.
 */
async function loadAttachments(
  tx: Sql,
  site: Site,
  ids: string[],
  author: Author['kind'],
  conversation: { id: string; visitorId: string },
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const [index, id] of ids.entries()) {
    const rows = await tx.query<Row>('select * from uploads where id = $1 and site_id = $2', [id, site.id]);
    const row = rows[0];
    const usable =
      row &&
      (row.conversation_id === null || row.conversation_id === conversation.id) &&
      (author === 'visitor'
        ? row.agent_id === null && row.visitor_id === conversation.visitorId
        : author === 'agent' && row.agent_id !== null);
    if (!row || !usable) {
      const path = `body.attachmentIds[${index}]`;
      throw new ApiError('validation_failed', `${path}: no such upload of yours`, [
        {
          path,
          expected: 'the id of one of your uploads',
          received: JSON.stringify(id),
          message: `${path}: expected the id of one of your uploads, found ${JSON.stringify(id)}`,
        },
      ]);
    }
    await tx.query(
      'update uploads set conversation_id = $2, attached_at = coalesce(attached_at, now()) where id = $1',
      [id, conversation.id],
    );
    out.push({
      id,
      name: row.name as string,
      type: row.type as string,
      size: row.size as number,
      url: `/v1/uploads/${id}`,
    });
  }
  return out;
}

/**
 * Store a message in a locked conversation, idempotent by clientId: a repeat returns the first message and
 * `created: false`. Appends `message.created` to the site stream and, unless internal, the visitor's stream.
 */
export async function insertMessage(
  tx: Sql,
  events: EventBatch,
  site: Site,
  conversation: Row,
  author: Author,
  input: MessageInput,
): Promise<{ message: Message; created: boolean }> {
  // The lock query may have looked the client id up already; otherwise look now.
  const existing =
    'existing_message' in conversation
      ? (conversation.existing_message as Row | null)
      : ((
          await tx.query<Row>('select * from messages where conversation_id = $1 and client_id = $2', [
            conversation.id,
            input.clientId,
          ])
        )[0] ?? null);
  if (existing) {
    // A repeat is the same side's same command. A clientId already used by the other side's message (an agent's
    // note, say) is a conflict, never a way to read that message.
    if (existing.author_kind !== author.kind)
      throw new ApiError('conflict', 'This clientId belongs to another message: send with a new clientId.');
    return { message: toMessage(existing, toReaders(conversation)), created: false };
  }
  const attachments = await loadAttachments(tx, site, input.attachmentIds ?? [], author.kind, {
    id: conversation.id as string,
    visitorId: conversation.visitor_id as string,
  });
  const internal = input.internal === true;
  const firstResponse = author.kind === 'agent' && !internal;
  const reopen = author.kind === 'visitor' && conversation.status === 'resolved';
  // One round trip: take the next message seq and store the message with it.
  const [stored] = await tx.query<{ conv: Row; msg: Row }>(
    `with c as (
       update conversations set last_seq = last_seq + 1, last_message_at = now(), updated_at = now(),
         first_response_at = case when $2 then coalesce(first_response_at, now()) else first_response_at end,
         status = case when $3 then 'open' else status end,
         resolved_at = case when $3 then null else resolved_at end,
         reopen_count = reopen_count + case when $3 then 1 else 0 end
       where id = $1 returning *),
     m as (
       insert into messages (id, conversation_id, client_id, seq, author_kind, author_id, author_name, text, attachments, internal, answer)
       select $4, c.id, $5, c.last_seq, $6, $7, $8, $9, $10, $11, $12 from c returning *)
     select row_to_json(c) as conv, row_to_json(m) as msg from c, m`,
    [
      conversation.id,
      firstResponse,
      reopen,
      newId('msg'),
      input.clientId,
      author.kind,
      author.id,
      author.name,
      redact(site, input.text),
      JSON.stringify(attachments),
      internal,
      input.answer ? JSON.stringify(input.answer) : null,
    ],
  );
  const conv = stored!.conv;
  const message = toMessage(stored!.msg, toReaders(conv));
  const visitor = visitorStream(conv.visitor_id as string);
  const site_ = siteStream(site.id);
  if (reopen) {
    const snapshot = toConversation(conv);
    // Site stream first, then the visitor's: the one counter lock order.
    await events.appendEach([
      [site_, { type: 'conversation.updated', conversation: snapshot }],
      [visitor, { type: 'conversation.updated', conversation: snapshot }],
    ]);
  }
  const created = { type: 'message.created' as const, message };
  await events.appendEach(
    internal
      ? [[site_, created]]
      : [
          [site_, created],
          [visitor, created],
        ],
  );
  return { message, created: true };
}
