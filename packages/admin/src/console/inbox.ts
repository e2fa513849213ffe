import type {
  Attachment,
  CannedResponse,
  ConversationStatus,
  EphemeralEvent,
  Message,
  StreamEvent,
  TeamSummary,
  Ticket,
} from '@frontdesk/protocol';
import { batch, computed, signal } from '@preact/signals';

type LiveVisitor = Extract<StreamEvent, { type: 'visitor.updated' }>['visitor'];

import type { InboxConversation } from './api';
import { connectRealtime, type RealtimeLink } from './realtime';
import { route } from './router';
import { agent, api } from './session';

/** Which conversations the inbox lists. */
export const statusFilter = signal<ConversationStatus>('open');
export const assigneeFilter = signal<'all' | 'mine' | 'unassigned'>('all');
/** `all`, `none` (no team) or a team id. */
export const teamFilter = signal<string>('all');
/** The site's teams (empty when it has none: the team filter is hidden). */
export const teams = signal<TeamSummary[]>([]);

/** Every conversation the console knows, by id. */
export const conversations = signal<ReadonlyMap<string, InboxConversation>>(new Map());
/** Messages per conversation id, oldest first (loaded when a conversation is opened, then live). */
export const messages = signal<Readonly<Record<string, Message[]>>>({});
/** Conversations whose visitor is typing right now. */
export const visitorTyping = signal<ReadonlySet<string>>(new Set());
/** Conversations that got a visitor message the agent has not seen yet. */
export const unread = signal<ReadonlySet<string>>(new Set());
/** The conversation open in the view: read from the URL, so a shortcut pressed right after navigating already
 * acts on the conversation the list marks as current (a copy set after rendering lagged one key behind). */
export const selectedId = computed(() => (route.value[0] === 'inbox' ? (route.value[1] ?? null) : null));
/** Tickets, newest first (live). */
export const tickets = signal<Ticket[]>([]);
/** Canned responses for the `/` shortcut. */
export const canned = signal<CannedResponse[]>([]);
/** Visitors as they changed since the console loaded them (attributes, page, locale), by id. */
export const liveVisitors = signal<ReadonlyMap<string, LiveVisitor>>(new Map());
/** State of the realtime link. */
export const link = signal<'connecting' | 'open' | 'closed'>('connecting');

/** The inbox as filtered, newest activity first. */
export const visible = computed(() => {
  const me = agent.value?.id;
  return [...conversations.value.values()]
    .filter((c) => c.status === statusFilter.value)
    .filter((c) =>
      assigneeFilter.value === 'mine'
        ? c.assigneeId === me
        : assigneeFilter.value === 'unassigned'
          ? c.assigneeId === null
          : true,
    )
    .filter((c) => (teamFilter.value === 'all' ? true : (c.teamId ?? 'none') === teamFilter.value))
    .sort((a, b) => (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt));
});

function upsert(conversation: InboxConversation): void {
  const next = new Map(conversations.value);
  const prior = next.get(conversation.id);
  // Answers can arrive out of order (a detail requested before an assign, answered after it): the newer state
  // wins, and the older answer only fills in what the newer one lacks (e.g. the visitor context).
  const stale = prior !== undefined && conversation.updatedAt < prior.updatedAt;
  next.set(conversation.id, {
    ...(stale ? conversation : prior),
    ...(stale ? prior : conversation),
    visitor: conversation.visitor ?? prior?.visitor ?? null,
  });
  conversations.value = next;
}

function setUnread(id: string, on: boolean): void {
  if (unread.value.has(id) === on) return;
  const next = new Set(unread.value);
  if (on) next.add(id);
  else next.delete(id);
  unread.value = next;
}

function addMessage(message: Message): void {
  const list = messages.value[message.conversationId];
  if (list?.some((m) => m.id === message.id || m.clientId === message.clientId)) {
    messages.value = {
      ...messages.value,
      [message.conversationId]: list.map((m) => (m.clientId === message.clientId ? message : m)),
    };
  } else if (list) {
    messages.value = {
      ...messages.value,
      [message.conversationId]: [...list, message].sort((a, b) => a.seq - b.seq),
    };
  }
  const conversation = conversations.value.get(message.conversationId);
  if (conversation)
    upsert({
      ...conversation,
      lastMessageAt: message.createdAt,
      lastSeq: Math.max(conversation.lastSeq, message.seq),
      lastMessage: message,
      ...(message.internal ? {} : { preview: message.text }),
    });
  if (message.author.kind === 'visitor') {
    if (selectedId.value === message.conversationId && document.visibilityState === 'visible')
      void api.markRead(message.conversationId, message.seq).catch(() => undefined);
    else setUnread(message.conversationId, true);
  }
}

function applyEvent(event: StreamEvent): void {
  switch (event.type) {
    case 'conversation.created':
      upsert(event.conversation);
      if (!conversations.value.get(event.conversation.id)?.visitor) void loadVisitor(event.conversation.id);
      break;
    case 'conversation.updated':
      upsert(event.conversation);
      break;
    case 'message.created':
      if (!conversations.value.has(event.message.conversationId))
        void refreshConversation(event.message.conversationId);
      addMessage(event.message);
      break;
    case 'ticket.created':
      if (!tickets.value.some((t) => t.id === event.ticket.id))
        tickets.value = [event.ticket, ...tickets.value];
      break;
    case 'ticket.updated':
      tickets.value = tickets.value.some((t) => t.id === event.ticket.id)
        ? tickets.value.map((t) => (t.id === event.ticket.id ? event.ticket : t))
        : [event.ticket, ...tickets.value];
      break;
    case 'rating.created': {
      const conversation = conversations.value.get(event.conversationId);
      const { csat, nps, comment, solved } = event.rating;
      if (conversation) upsert({ ...conversation, rating: { csat, nps, comment, solved } });
      break;
    }
    case 'visitor.updated': {
      liveVisitors.value = new Map(liveVisitors.value).set(event.visitor.id, event.visitor);
      const next = new Map(conversations.value);
      for (const [id, c] of next)
        if (c.visitorId === event.visitor.id)
          next.set(id, { ...c, visitor: { ...c.visitor, ...event.visitor } });
      conversations.value = next;
      break;
    }
    default:
      break;
  }
}

/** A visitor who leaves while typing never says they stopped: "typing…" ends after this long without news. The
 * widget repeats "typing" every few seconds while the visitor types (the client's throttle is 3 s). */
const TYPING_TTL = 8000;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

function applyEphemeral(event: EphemeralEvent): void {
  if (event.type !== 'typing' || event.by !== 'visitor') return;
  const id = event.conversationId;
  clearTimeout(typingTimers.get(id));
  const next = new Set(visitorTyping.value);
  if (event.typing) {
    next.add(id);
    typingTimers.set(
      id,
      setTimeout(() => applyEphemeral({ ...event, typing: false }), TYPING_TTL),
    );
  } else next.delete(id);
  visitorTyping.value = next;
}

async function loadVisitor(id: string): Promise<void> {
  try {
    upsert(await api.conversation(id));
  } catch {
    // The row still shows without the visitor's name.
  }
}

async function refreshConversation(id: string): Promise<void> {
  await loadVisitor(id);
}

/** Load the inbox for the current filters (merged with what is known). */
export async function loadInbox(): Promise<void> {
  const assignee =
    assigneeFilter.value === 'all' ? undefined : assigneeFilter.value === 'mine' ? 'me' : 'unassigned';
  const team = teamFilter.value === 'all' ? undefined : teamFilter.value;
  const list = await api.inbox({
    status: statusFilter.value,
    ...(assignee ? { assignee } : {}),
    ...(team ? { team } : {}),
  });
  batch(() => {
    for (const c of list) {
      upsert(c);
      if ((c.unread ?? c.lastSeq - c.agentReadSeq) > 0 && c.lastMessage?.author?.kind !== 'agent')
        setUnread(c.id, true);
    }
  });
}

/** Open a conversation: load its messages and mark them read. */
export async function openConversation(id: string): Promise<void> {
  setUnread(id, false);
  void loadVisitor(id);
  const list = await api.messages(id);
  messages.value = { ...messages.value, [id]: list };
  const last = list.at(-1);
  if (last) void api.markRead(id, last.seq).catch(() => undefined);
}

let live: RealtimeLink | null = null;
/** Called with every live event once the inbox applied it (notifications listen here). */
export const liveListeners = new Set<(event: StreamEvent) => void>();

/** Start following the site: inbox, canned responses, tickets and the realtime channel. */
export async function startInbox(): Promise<void> {
  live?.close();
  live = connectRealtime(api, null, {
    event: (event) => {
      applyEvent(event);
      for (const listener of liveListeners) listener(event);
    },
    ephemeral: applyEphemeral,
    unauthorized: () => api.onUnauthorized?.(),
    status: (status) => {
      link.value = status;
      // Live from here on; what happened before (while loading, or while cut off) comes from the lists.
      if (status === 'open') {
        void loadInbox().catch(() => undefined);
        void loadTickets().catch(() => undefined);
      }
    },
  });
  const [cannedList] = await Promise.all([
    api.canned().catch(() => []),
    loadTeams(),
    loadTickets().catch(() => undefined),
    loadInbox(),
  ]);
  canned.value = cannedList;
}

/** Load the site's teams (for the filter and the team picker); none when the request fails. */
export async function loadTeams(): Promise<void> {
  teams.value = await api.teams().catch(() => []);
}

/** Load the tickets, merged with those that arrived live meanwhile (the server's copy wins). */
async function loadTickets(): Promise<void> {
  const list = await api.tickets();
  const byId = new Map(tickets.value.map((t) => [t.id, t]));
  for (const ticket of list) byId.set(ticket.id, ticket);
  tickets.value = [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Drop what the console holds of deleted visitors (a data request erased them). */
export function forgetVisitors(visitorIds: readonly string[]): void {
  const gone = new Set(visitorIds);
  conversations.value = new Map([...conversations.value].filter(([, c]) => !gone.has(c.visitorId)));
}

export function stopInbox(): void {
  live?.close();
  live = null;
}

/** Tell the visitor the agent is typing (or stopped). */
export function sendTyping(conversationId: string, typing: boolean): void {
  live?.typing(conversationId, typing);
}

/**
 * The last send of each conversation that got no answer: sent again unchanged, it keeps its client id, so the
 * server answers a repeat of a reply it already stored (whose answer was lost) instead of storing it twice.
 */
const unanswered = new Map<string, { key: string; clientId: string }>();

/**
 * Send a reply or an internal note; shows it at once and replaces it with the stored one. A retry of the same
 * text (after an error) reuses the failed attempt's client id; when it fails, the shown copy is taken back (the
 * realtime event brings it back if the server had stored it after all).
 */
export async function sendMessage(
  conversationId: string,
  text: string,
  internal: boolean,
  attachments: Attachment[] = [],
): Promise<void> {
  const key = JSON.stringify([text, internal, attachments.map((a) => a.id)]);
  const prior = unanswered.get(conversationId);
  const clientId = prior?.key === key ? prior.clientId : `c_${crypto.randomUUID().replaceAll('-', '')}`;
  unanswered.set(conversationId, { key, clientId });
  const me = agent.value;
  const pending: Message = {
    id: `pending-${clientId}`,
    clientId,
    conversationId,
    seq: Number.MAX_SAFE_INTEGER,
    author: { kind: 'agent', id: me?.id ?? null, name: me?.name ?? null, avatarUrl: null },
    text,
    attachments,
    internal,
    createdAt: new Date().toISOString(),
    deliveredAt: null,
    readAt: null,
  };
  const shown = messages.value[conversationId] ?? [];
  if (!shown.some((m) => m.clientId === clientId))
    messages.value = { ...messages.value, [conversationId]: [...shown, pending] };
  let stored: Message;
  try {
    stored = await api.reply(conversationId, {
      clientId,
      text,
      internal,
      ...(attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {}),
    });
  } catch (error) {
    const list = messages.value[conversationId] ?? [];
    messages.value = { ...messages.value, [conversationId]: list.filter((m) => m.id !== pending.id) };
    throw error;
  }
  if (unanswered.get(conversationId)?.clientId === clientId) unanswered.delete(conversationId);
  addMessage(stored);
}

/** Change status, assignee or team, applying the answer (the realtime event confirms it too). */
export async function updateConversation(
  id: string,
  change: { status: ConversationStatus } | { assigneeId: string | null } | { teamId: string | null },
): Promise<void> {
  const result =
    'status' in change
      ? await api.setStatus(id, change.status)
      : 'teamId' in change
        ? await api.setTeam(id, change.teamId)
        : await api.assign(id, change.assigneeId);
  const conversation = (result as { conversation?: InboxConversation } | null)?.conversation ?? result;
  if (conversation && typeof conversation === 'object' && 'id' in conversation)
    upsert(conversation as InboxConversation);
  else {
    const known = conversations.value.get(id);
    if (known) upsert({ ...known, ...change });
  }
}

/** Add and/or remove tags of a conversation; the answer (and the live event) updates the inbox. */
export async function changeTags(id: string, change: { add?: string[]; remove?: string[] }): Promise<void> {
  upsert(await api.setTags(id, change));
}
