import {
  type Conversation,
  type ConversationData,
  type ConversationFields,
  MAX_CONVERSATION_FIELDS,
  MAX_CONVERSATION_TAGS,
} from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { type Row, toConversation } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { type EventBatch, siteStream, visitorStream } from './events';
import { lockConversation } from './messages';

/** Fields and tags of a conversation (or those waiting on a visitor for their next conversation). */
export interface FieldsAndTags {
  fields: ConversationFields;
  tags: string[];
}

/**
 * Apply a change to stored fields and tags: fields merge (`null` removes one), tags are added then removed, in
 * the order first added. The totals are checked too: a 400 naming the path when one is over its limit.
 */
export function mergeConversationData(
  stored: Partial<FieldsAndTags> | null | undefined,
  change: Pick<ConversationData, 'fields' | 'addTags' | 'removeTags'>,
  path = 'body.conversation',
  tagsKey = 'addTags',
): FieldsAndTags {
  const fields: ConversationFields = { ...stored?.fields };
  for (const [key, value] of Object.entries(change.fields ?? {}))
    if (value === null) delete fields[key];
    else fields[key] = value;
  const removed = new Set(change.removeTags);
  const tags = [...new Set([...(stored?.tags ?? []), ...(change.addTags ?? [])])].filter(
    (t) => !removed.has(t),
  );
  const over = (what: string, max: number, key: string, count: number) => {
    const message = `${path}.${key}: a conversation holds at most ${max} ${what}, this change makes ${count}`;
    return new ApiError('validation_failed', `Invalid request: ${message}`, [
      { path: `${path}.${key}`, expected: `at most ${max} ${what}`, received: String(count), message },
    ]);
  };
  const count = Object.keys(fields).length;
  if (count > MAX_CONVERSATION_FIELDS) throw over('fields', MAX_CONVERSATION_FIELDS, 'fields', count);
  if (tags.length > MAX_CONVERSATION_TAGS) throw over('tags', MAX_CONVERSATION_TAGS, tagsKey, tags.length);
  return { fields, tags };
}

/**
 * Store a change of fields and tags on a locked conversation row and tell both streams (the console updates live,
 * the visitor's other tabs too). Nothing is written when nothing changed.
 */
export async function writeConversationData(
  tx: Sql,
  events: EventBatch,
  siteId: string,
  conv: Row,
  change: Pick<ConversationData, 'fields' | 'addTags' | 'removeTags'>,
  path?: string,
  tagsKey?: string,
): Promise<Conversation> {
  const stored = { fields: conv.fields as ConversationFields, tags: conv.tags as string[] };
  const next = mergeConversationData(stored, change, path, tagsKey);
  if (JSON.stringify(next) === JSON.stringify({ fields: conv.fields ?? {}, tags: conv.tags ?? [] }))
    return toConversation(conv);
  const rows = await tx.query<Row>(
    'update conversations set fields = $2, tags = $3::text[], updated_at = now() where id = $1 returning *',
    [conv.id, JSON.stringify(next.fields), next.tags],
  );
  const conversation = toConversation(rows[0]!);
  const event = { type: 'conversation.updated' as const, conversation };
  await events.append(siteStream(siteId), event);
  await events.append(visitorStream(conversation.visitorId), event);
  return conversation;
}

/**
 * A visitor's change to their current conversation: the one named (theirs, else 404), else their latest one that
 * is not resolved; with none, the change waits on the visitor for the next conversation they start.
 */
export async function applyVisitorConversationData(
  tx: Sql,
  events: EventBatch,
  siteId: string,
  visitorId: string,
  change: ConversationData,
): Promise<void> {
  let id = change.conversationId;
  if (id) {
    const own = await tx.query('select 1 from conversations where id = $1 and visitor_id = $2', [
      id,
      visitorId,
    ]);
    if (own.length === 0) throw notFound('The conversation');
  } else {
    const latest = await tx.query<{ id: string }>(
      `select id from conversations where visitor_id = $1 and status <> 'resolved'
       order by updated_at desc, id desc limit 1`,
      [visitorId],
    );
    id = latest[0]?.id;
  }
  if (id) {
    await writeConversationData(tx, events, siteId, (await lockConversation(tx, id))!, change);
    return;
  }
  const stored = await tx.query<{ pending_conversation: FieldsAndTags | null }>(
    'select pending_conversation from visitors where id = $1 for update',
    [visitorId],
  );
  const pending = mergeConversationData(stored[0]?.pending_conversation, change);
  await tx.query('update visitors set pending_conversation = $2 where id = $1', [
    visitorId,
    JSON.stringify(pending),
  ]);
}

/** Take the fields and tags waiting on a visitor for their next conversation (cleared once taken). */
export async function takePending(tx: Sql, visitorId: string): Promise<FieldsAndTags | null> {
  const rows = await tx.query<{ pending_conversation: FieldsAndTags | null }>(
    'select pending_conversation from visitors where id = $1 for update',
    [visitorId],
  );
  const pending = rows[0]?.pending_conversation ?? null;
  if (pending) await tx.query('update visitors set pending_conversation = null where id = $1', [visitorId]);
  return pending;
}
