import type { Conversation, Message } from '@frontdesk/protocol';
import { signal } from '@preact/signals-core';
import type { ChatConversation, ChatMessage } from './types';

/** What changed when something was applied, so the client can emit the right events. */
export interface Applied<T> {
  value: T;
  /** It was not in the state before. */
  created: boolean;
  /** The previous version, when there was one. */
  before: T | undefined;
}

const readStatus = (m: ChatMessage, agentReadSeq: number): ChatMessage =>
  m.author.kind === 'visitor' && m.seq !== null && m.seq <= agentReadSeq && m.status === 'sent'
    ? { ...m, status: 'read' }
    : m;

function withCounts(c: ChatConversation): ChatConversation {
  let unread = 0;
  for (const m of c.messages)
    if (m.author.kind !== 'visitor' && m.seq !== null && m.seq > c.visitorReadSeq) unread++;
  c.unread = unread;
  return c;
}

const blank = (clientId: string, at: string): ChatConversation => ({
  clientId,
  id: null,
  status: 'open',
  channel: 'chat',
  subject: null,
  assigneeId: null,
  createdAt: at,
  updatedAt: at,
  lastSeq: 0,
  visitorReadSeq: 0,
  agentReadSeq: 0,
  messages: [],
  unread: 0,
  ratingRequested: false,
});

/** Conversations and their messages, keyed by client id; immutable objects so signals and UIs see each change. */
export function createConversationStore() {
  const list = signal<ChatConversation[]>([]);
  const byKey = new Map<string, ChatConversation>();
  /** Server id to client id. */
  const keyOf = new Map<string, string>();
  /** Message client id to conversation client id. */
  const messageHome = new Map<string, string>();

  const publish = () => {
    list.value = [...byKey.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  };
  const put = (c: ChatConversation) => {
    byKey.set(c.clientId, withCounts(c));
    if (c.id) keyOf.set(c.id, c.clientId);
    publish();
    return c;
  };

  const store = {
    list,
    /** A conversation by client id or server id. */
    get(key: string): ChatConversation | undefined {
      return byKey.get(key) ?? byKey.get(keyOf.get(key) ?? '');
    },
    /** A message by client id, with its conversation. */
    findMessage(clientId: string): { conversation: ChatConversation; message: ChatMessage } | undefined {
      const conversation = byKey.get(messageHome.get(clientId) ?? '');
      const message = conversation?.messages.find((m) => m.clientId === clientId);
      return conversation && message ? { conversation, message } : undefined;
    },
    /** Add or update a conversation from the backend. */
    upsert(input: Conversation): Applied<ChatConversation> {
      const before = store.get(input.id) ?? byKey.get(input.clientId);
      const base = before ?? blank(input.clientId, input.createdAt);
      const agentReadSeq = Math.max(input.agentReadSeq, base.agentReadSeq);
      const value = put({
        ...base,
        id: input.id,
        status: input.status,
        channel: input.channel,
        subject: input.subject,
        assigneeId: input.assigneeId,
        updatedAt: input.updatedAt,
        lastSeq: Math.max(input.lastSeq, base.lastSeq),
        visitorReadSeq: Math.max(input.visitorReadSeq, base.visitorReadSeq),
        agentReadSeq,
        messages: base.messages.map((m) => readStatus(m, agentReadSeq)),
      });
      return { value, created: !before, before };
    },
    /** Add a conversation that is not acknowledged yet. */
    addPendingConversation(
      clientId: string,
      channel: Conversation['channel'],
      subject: string | null,
      at: string,
    ) {
      return byKey.get(clientId) ?? put({ ...blank(clientId, at), channel, subject });
    },
    /** Add a message that is not acknowledged yet (or show a queued one as sending again). */
    addPendingMessage(conversationKey: string, message: ChatMessage): ChatMessage | undefined {
      const c = store.get(conversationKey);
      if (!c) return undefined;
      const existing = c.messages.find((m) => m.clientId === message.clientId);
      if (existing && existing.seq !== null) return existing;
      const messages = c.messages.filter((m) => m.clientId !== message.clientId);
      messages.push(message);
      messageHome.set(message.clientId, c.clientId);
      put({ ...c, messages });
      return message;
    },
    /** Apply a stored message (an acknowledgement or a stream event). Idempotent by client id and seq. */
    applyMessage(input: Message): Applied<ChatMessage> | undefined {
      if (input.internal) return undefined;
      const c = store.get(input.conversationId);
      if (!c) return undefined;
      const index = c.messages.findIndex((m) => m.clientId === input.clientId || m.id === input.id);
      const before = c.messages[index]; // undefined when not found (index -1)
      if (before && before.seq !== null) return { value: before, created: false, before };
      // Everything the UI shows of a stored message (a bot's `answer` too); the wire-only fields stay out.
      const { conversationId: _c, internal: _i, deliveredAt: _d, readAt: _r, ...shown } = input;
      const value = readStatus({ ...shown, status: 'sent' }, c.agentReadSeq);
      const messages = c.messages.slice();
      if (index >= 0) messages.splice(index, 1);
      // Stored messages in seq order, pending ones after them.
      let at = messages.length;
      while (at > 0 && (messages[at - 1]!.seq === null || messages[at - 1]!.seq! > input.seq)) at--;
      messages.splice(at, 0, value);
      messageHome.set(input.clientId, c.clientId);
      put({ ...c, messages, lastSeq: Math.max(c.lastSeq, input.seq) });
      return { value, created: !before, before };
    },
    /** Mark a pending message failed, or sending again. */
    setStatus(clientId: string, status: 'sending' | 'failed', error?: string): ChatMessage | undefined {
      const found = store.findMessage(clientId);
      if (!found || found.message.seq !== null) return undefined;
      const value: ChatMessage = { ...found.message, status };
      if (error) value.error = error;
      else delete value.error;
      put({
        ...found.conversation,
        messages: found.conversation.messages.map((m) => (m === found.message ? value : m)),
      });
      return value;
    },
    /** Someone read a conversation up to `readSeq`. */
    applyRead(conversationId: string, by: 'visitor' | 'agent', readSeq: number) {
      const c = store.get(conversationId);
      if (!c) return;
      if (by === 'visitor') {
        if (readSeq > c.visitorReadSeq) put({ ...c, visitorReadSeq: readSeq });
      } else if (readSeq > c.agentReadSeq) {
        put({ ...c, agentReadSeq: readSeq, messages: c.messages.map((m) => readStatus(m, readSeq)) });
      }
    },
    setRatingRequested(conversationId: string, requested: boolean) {
      const c = store.get(conversationId);
      if (c && c.ratingRequested !== requested) put({ ...c, ratingRequested: requested });
      return store.get(conversationId);
    },
    clear() {
      byKey.clear();
      keyOf.clear();
      messageHome.clear();
      publish();
    },
  };
  return store;
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
