import type { Attachment, Conversation, Message, Rating, Ticket, Visitor } from '@frontdesk/protocol';

/** A timestamp column as ISO text (null stays null). */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}
const isoOrNull = (value: unknown) => (value === null || value === undefined ? null : iso(value));

export type Row = Record<string, unknown>;

export function toVisitor(r: Row): Visitor {
  return {
    id: r.id as string,
    userId: (r.user_id as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    attributes: (r.attributes as Visitor['attributes']) ?? {},
    createdAt: iso(r.created_at),
    lead: (r.lead as Visitor['lead']) ?? null,
    company: (r.company as Visitor['company']) ?? null,
  };
}

export function toConversation(r: Row): Conversation {
  return {
    id: r.id as string,
    clientId: r.client_id as string,
    visitorId: r.visitor_id as string,
    status: r.status as Conversation['status'],
    channel: r.channel as Conversation['channel'],
    subject: (r.subject as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    ...(r.bot_state ? { bot: r.bot_state as NonNullable<Conversation['bot']> } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    firstResponseAt: isoOrNull(r.first_response_at),
    resolvedAt: isoOrNull(r.resolved_at),
    lastMessageAt: isoOrNull(r.last_message_at),
    lastSeq: r.last_seq as number,
    visitorReadSeq: r.visitor_read_seq as number,
    agentReadSeq: r.agent_read_seq as number,
    fields: (r.fields as Conversation['fields']) ?? {},
    tags: (r.tags as string[] | undefined) ?? [],
  };
}

/** A conversation as its visitor sees it: without `tags`, the team's labels (an agent's "refund-abuse" stays theirs). */
export function forVisitor<T extends Partial<Conversation>>(conversation: T): Omit<T, 'tags'> {
  const { tags: _tags, ...rest } = conversation;
  return rest;
}

/** A conversation as agents see it: with its team (visitors are not told which team has them). */
export function toAgentConversation(r: Row): Conversation {
  return { ...toConversation(r), teamId: (r.team_id as string | null) ?? null };
}

/** Read positions of a conversation's two sides, which decide a message's `readAt`. */
export interface Readers {
  visitorReadSeq: number;
  agentReadSeq: number;
  visitorReadAt: string | null;
  agentReadAt: string | null;
}

/** Readers of a conversation row. */
export function toReaders(r: Row): Readers {
  return {
    visitorReadSeq: r.visitor_read_seq as number,
    agentReadSeq: r.agent_read_seq as number,
    visitorReadAt: isoOrNull(r.visitor_read_at),
    agentReadAt: isoOrNull(r.agent_read_at),
  };
}

/** A message row; the other side's read position gives its `readAt`. */
export function toMessage(r: Row, readers?: Readers): Message {
  const kind = r.author_kind as Message['author']['kind'];
  const seq = r.seq as number;
  const createdAt = iso(r.created_at);
  const readSeq = kind === 'visitor' ? readers?.agentReadSeq : readers?.visitorReadSeq;
  const readAt = kind === 'visitor' ? readers?.agentReadAt : readers?.visitorReadAt;
  return {
    id: r.id as string,
    clientId: r.client_id as string,
    conversationId: r.conversation_id as string,
    seq,
    author: {
      kind,
      id: (r.author_id as string | null) ?? null,
      name: (r.author_name as string | null) ?? null,
      avatarUrl: null,
    },
    text: r.text as string,
    attachments: (r.attachments as Attachment[]) ?? [],
    ...(r.answer ? { answer: r.answer as NonNullable<Message['answer']> } : {}),
    internal: Boolean(r.internal),
    createdAt,
    deliveredAt: createdAt,
    readAt: readSeq !== undefined && readSeq >= seq ? (readAt ?? createdAt) : null,
  };
}

export function toTicket(r: Row): Ticket {
  return {
    id: r.id as string,
    reference: r.reference as string,
    formId: r.form_id as string,
    visitorId: r.visitor_id as string,
    conversationId: (r.conversation_id as string | null) ?? null,
    values: r.values as Ticket['values'],
    attachments: (r.files as Ticket['attachments'] | null | undefined) ?? [],
    status: r.status as Ticket['status'],
    outcome: (r.outcome as Ticket['outcome']) ?? null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toRating(r: Row): Rating {
  return {
    conversationId: r.conversation_id as string,
    csat: (r.csat as number | null) ?? null,
    nps: (r.nps as number | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    solved: (r.solved as boolean | null) ?? null,
    createdAt: iso(r.created_at),
  };
}
