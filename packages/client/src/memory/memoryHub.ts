import {
  type Article,
  type Attachment,
  type Availability,
  type Category,
  type Conversation,
  CreateConversationSchema,
  check,
  type EphemeralEvent,
  type EventPage,
  FormSubmissionSchema,
  IdentitySchema,
  type Message,
  type PublicConfig,
  parse,
  RateSchema,
  type Rating,
  type SearchHit,
  SendMessageSchema,
  type SiteConfigInput,
  SiteConfigSchema,
  type StreamEvent,
  type Ticket,
  TrackEventSchema,
  toPublicConfig,
  type Visitor,
  VisitorUpdateSchema,
  validateSubmission,
} from '@frontdesk/protocol';
import { AuthError, NotFoundError, ValidationError } from '../errors';
import type { Session, SessionOptions } from '../types';
import { demoArticles, demoCategories, demoConfig } from './demoData';

/** An agent that answers visitors automatically (demos and tests). */
export interface MemoryAgent {
  /** Display name of the agent. Default `"Ana"`. */
  name?: string;
  /** The reply: fixed text, or computed from the visitor's message (null for no reply). Default echoes. */
  reply?: string | ((text: string) => string | null);
  /** Delay before replying in ms (typing is shown meanwhile). Default 300. */
  delay?: number;
}

/** Options of `createMemoryHub`. */
export interface MemoryHubOptions {
  /** The site config (validated and completed with defaults). Default: a demo site. */
  config?: SiteConfigInput;
  /** Help-center articles. Default: a few demo articles. */
  articles?: Article[];
  categories?: Category[];
  /** An agent that replies automatically, or none. */
  agent?: MemoryAgent | false;
}

type Listener = (event: StreamEvent | null, ephemeral: EphemeralEvent | null) => void;

let counter = 0;
const newId = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${(counter++).toString(36).padStart(4, '0')}`;
const now = () => new Date().toISOString();

function valid<T>(schema: Parameters<typeof check>[0], input: unknown, prefix: string): T {
  const result = check(schema, input, prefix);
  if (!result.ok)
    throw new ValidationError({
      code: 'validation_failed',
      message: result.issues.map((i) => i.message).join('\n'),
      status: 400,
      issues: result.issues,
    });
  return result.value as T;
}

const notFound = (what: string) =>
  new NotFoundError({ code: 'not_found', message: `${what} was not found.`, status: 404 });

/**
 * One site held in memory: visitors, conversations, event streams, help center. Several `memoryBackend`s (several
 * visitors or tabs) and the in-test HTTP server share one hub. Visitor-facing methods take the visitor's id and only
 * ever touch that visitor's data.
 */
export function createMemoryHub(options: MemoryHubOptions = {}) {
  const config: PublicConfig = toPublicConfig(
    parse(SiteConfigSchema, options.config ?? demoConfig, 'config'),
  );
  const articles = options.articles ?? demoArticles;
  const categories = options.categories ?? demoCategories;
  const visitors = new Map<string, Visitor>();
  const tokens = new Map<string, string>();
  const users = new Map<string, string>();
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  const streams = new Map<string, StreamEvent[]>();
  const listeners = new Map<string, Set<Listener>>();
  const done = new Map<string, unknown>();
  const uploads = new Map<string, Attachment>();
  const ratings = new Map<string, Rating>();
  const tickets: Ticket[] = [];
  const tracked: { visitorId: string; name: string }[] = [];
  let availability: Availability = {
    status: 'online',
    expectedReplyMinutes: config.expectedReplyMinutes ?? 5,
    nextOpenAt: null,
  };

  const emit = (visitorId: string, body: DistributiveOmit<StreamEvent, 'seq'>) => {
    const stream = streams.get(visitorId) ?? [];
    streams.set(visitorId, stream);
    const event = { ...body, seq: stream.length + 1 } as StreamEvent;
    stream.push(event);
    for (const listener of [...(listeners.get(visitorId) ?? [])]) listener(event, null);
    return event;
  };
  const ephemeral = (visitorId: string | null, event: EphemeralEvent) => {
    for (const [id, set] of listeners)
      if (visitorId === null || id === visitorId) for (const l of [...set]) l(null, event);
  };
  /** Run a command once per client id; a repeat returns the first result. */
  const once = <T>(key: string, run: () => T): T => {
    if (done.has(key)) return done.get(key) as T;
    const result = run();
    done.set(key, result);
    return result;
  };
  const own = (visitorId: string, conversationId: string) => {
    const conversation = conversations.get(conversationId);
    if (!conversation || conversation.visitorId !== visitorId)
      throw notFound(`Conversation "${conversationId}"`);
    return conversation;
  };
  const touch = (conversation: Conversation, patch: Partial<Conversation>) => {
    const next = { ...conversation, ...patch, updatedAt: now() };
    conversations.set(next.id, next);
    return next;
  };

  function store(
    conversation: Conversation,
    author: Message['author'],
    input: { clientId: string; text: string; attachmentIds?: string[] },
  ) {
    const list = messages.get(conversation.id) ?? [];
    messages.set(conversation.id, list);
    const message: Message = {
      id: newId('msg'),
      clientId: input.clientId,
      conversationId: conversation.id,
      seq: list.length + 1,
      author,
      text: input.text,
      attachments: (input.attachmentIds ?? []).map((id) => {
        const file = uploads.get(id);
        if (!file) throw notFound(`Attachment "${id}"`);
        return file;
      }),
      internal: false,
      createdAt: now(),
      deliveredAt: null,
      readAt: null,
    };
    list.push(message);
    const updated = touch(conversation, {
      lastSeq: message.seq,
      lastMessageAt: message.createdAt,
      firstResponseAt: conversation.firstResponseAt ?? (author.kind === 'agent' ? message.createdAt : null),
      status: author.kind === 'visitor' && conversation.status === 'resolved' ? 'open' : conversation.status,
    });
    if (updated.status !== conversation.status)
      emit(conversation.visitorId, { type: 'conversation.updated', conversation: updated });
    emit(conversation.visitorId, { type: 'message.created', message });
    if (author.kind === 'visitor') autoReply(updated, message);
    return message;
  }

  function autoReply(conversation: Conversation, message: Message) {
    const agent = options.agent;
    if (!agent) return;
    const name = agent.name ?? 'Ana';
    const reply =
      typeof agent.reply === 'function'
        ? agent.reply(message.text)
        : (agent.reply ?? `You said: ${message.text}`);
    if (reply === null) return;
    ephemeral(conversation.visitorId, {
      type: 'typing',
      conversationId: conversation.id,
      by: 'agent',
      name,
      typing: true,
    });
    setTimeout(() => {
      ephemeral(conversation.visitorId, {
        type: 'typing',
        conversationId: conversation.id,
        by: 'agent',
        name,
        typing: false,
      });
      hub.agentReply(conversation.id, reply, name);
    }, agent.delay ?? 300);
  }

  const hub = {
    /** Names this site for the client's storage keys and tab channel: tabs of two hubs must never mix. */
    id: newId('hub'),
    config,
    configVersion: 1,
    get availability() {
      return availability;
    },
    /** Every ticket created from forms (for assertions and demos). */
    tickets,
    tracked,

    visitorOf(token: string | undefined): string {
      const id = token ? tokens.get(token) : undefined;
      if (!id)
        throw new AuthError({
          code: 'unauthorized',
          message: 'The visitor token is missing or unknown.',
          status: 401,
        });
      return id;
    },

    startSession(input: SessionOptions): Session {
      const identity = input.identity
        ? valid<NonNullable<SessionOptions['identity']>>(IdentitySchema, input.identity, 'identity')
        : undefined;
      let id = input.visitorToken ? tokens.get(input.visitorToken) : undefined;
      if (identity) {
        const known = users.get(identity.userId);
        if (known) id = known;
        else if (id && visitors.get(id)?.userId && visitors.get(id)?.userId !== identity.userId)
          id = undefined;
      }
      if (!id) {
        id = newId('vis');
        visitors.set(id, { id, userId: null, email: null, name: null, attributes: {}, createdAt: now() });
      }
      const visitor = visitors.get(id)!;
      const next: Visitor = {
        ...visitor,
        attributes: { ...visitor.attributes, ...input.attributes, ...identity?.attributes },
        ...(identity && {
          userId: identity.userId,
          email: identity.email ?? visitor.email,
          name: identity.name ?? visitor.name,
        }),
      };
      visitors.set(id, next);
      if (identity) users.set(identity.userId, id);
      const visitorToken = `vt_${newId('t')}${Math.random().toString(36).slice(2)}`;
      tokens.set(visitorToken, id);
      return {
        visitorToken,
        visitor: next,
        config,
        configVersion: 1,
        availability,
        cursor: streams.get(id)?.length ?? 0,
      };
    },

    updateVisitor(visitorId: string, update: unknown): Visitor {
      const input = valid<import('@frontdesk/protocol').VisitorUpdate>(VisitorUpdateSchema, update, 'body');
      const stored = visitors.get(visitorId)!;
      // Like the reference server: the visitor's own words fill the profile; a site-identified user keeps its own.
      const own = stored.userId === null;
      const next = {
        ...stored,
        name: own ? (input.name ?? stored.name) : (stored.name ?? input.name ?? null),
        email: own ? (input.email ?? stored.email) : (stored.email ?? input.email ?? null),
        attributes: {
          ...stored.attributes,
          ...input.attributes,
          ...(input.phone ? { phone: input.phone } : {}),
        } as Visitor['attributes'],
        // A lead's details stay apart from the profile; `conversation` (fields, tags) is the server's alone.
        lead: input.lead ? { ...stored.lead, ...input.lead } : (stored.lead ?? null),
        company: input.company === undefined ? (stored.company ?? null) : input.company,
      };
      for (const key of input.unset ?? []) delete next.attributes[key];
      visitors.set(visitorId, next);
      return next;
    },

    listConversations: (visitorId: string) =>
      [...conversations.values()].filter((c) => c.visitorId === visitorId),

    createConversation(visitorId: string, body: unknown) {
      const input = valid<import('@frontdesk/protocol').CreateConversation>(
        CreateConversationSchema,
        body,
        'body',
      );
      return once(`${visitorId}:conversation:${input.clientId}`, () => {
        const at = now();
        let conversation: Conversation = {
          id: newId('conv'),
          clientId: input.clientId,
          visitorId,
          status: 'open',
          channel: input.channel ?? 'chat',
          subject: input.subject ?? null,
          assigneeId: null,
          createdAt: at,
          updatedAt: at,
          firstResponseAt: null,
          resolvedAt: null,
          lastMessageAt: null,
          lastSeq: 0,
          visitorReadSeq: 0,
          agentReadSeq: 0,
        };
        conversations.set(conversation.id, conversation);
        emit(visitorId, { type: 'conversation.created', conversation });
        const message = input.message
          ? once(`${visitorId}:message:${input.message.clientId}`, () =>
              store(
                conversation,
                {
                  kind: 'visitor',
                  id: visitorId,
                  name: visitors.get(visitorId)?.name ?? null,
                  avatarUrl: null,
                },
                input.message!,
              ),
            )
          : null;
        conversation = conversations.get(conversation.id)!;
        return { conversation, message };
      });
    },

    sendMessage(visitorId: string, conversationId: string, body: unknown): Message {
      const conversation = own(visitorId, conversationId);
      const input = valid<import('@frontdesk/protocol').SendMessage>(SendMessageSchema, body, 'body');
      return once(`${visitorId}:message:${input.clientId}`, () =>
        store(
          conversation,
          { kind: 'visitor', id: visitorId, name: visitors.get(visitorId)?.name ?? null, avatarUrl: null },
          input,
        ),
      );
    },

    listMessages(visitorId: string, conversationId: string, afterSeq = 0, limit = 100): Message[] {
      own(visitorId, conversationId);
      return (messages.get(conversationId) ?? [])
        .filter((m) => m.seq > afterSeq && !m.internal)
        .slice(0, Math.min(limit, 500));
    },

    events(visitorId: string, after: number, limit = 100): EventPage {
      const stream = streams.get(visitorId) ?? [];
      const events = stream.slice(after, after + Math.min(limit, 1000));
      return { events, cursor: events.at(-1)?.seq ?? after, hasMore: after + events.length < stream.length };
    },

    /** Listen to a visitor's stream and ephemeral events; returns a function that stops. */
    listen(visitorId: string, listener: Listener): () => void {
      const set = listeners.get(visitorId) ?? new Set();
      listeners.set(visitorId, set);
      set.add(listener);
      return () => set.delete(listener);
    },

    markRead(visitorId: string, conversationId: string, readSeq: number) {
      const conversation = own(visitorId, conversationId);
      const seq = Math.min(readSeq, conversation.lastSeq);
      if (seq <= conversation.visitorReadSeq) return;
      touch(conversation, { visitorReadSeq: seq });
      emit(visitorId, { type: 'message.read', conversationId, by: 'visitor', readSeq: seq, at: now() });
    },

    typing(visitorId: string, conversationId: string, typing: boolean) {
      own(visitorId, conversationId);
      void typing;
    },

    search(query: string, locale: string): SearchHit[] {
      const terms = query
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t.length > 1);
      if (!terms.length) return [];
      const hits: SearchHit[] = [];
      for (const article of articles) {
        if (article.status !== 'published') continue;
        const lang = article.translations[locale]
          ? locale
          : article.translations[locale.split('-')[0]!]
            ? locale.split('-')[0]!
            : Object.keys(article.translations)[0]!;
        const t = article.translations[lang]!;
        const title = t.title.toLowerCase();
        const body = t.body.toLowerCase();
        let score = 0;
        for (const term of terms) score += (title.includes(term) ? 3 : 0) + (body.split(term).length - 1);
        if (!score) continue;
        const first = Math.max(0, body.indexOf(terms.find((term) => body.includes(term)) ?? '') - 40);
        const snippet = t.body.slice(first, first + 160);
        const highlights: [number, number][] = [];
        for (const term of terms) {
          const at = snippet.toLowerCase().indexOf(term);
          if (at >= 0) highlights.push([at, at + term.length]);
        }
        hits.push({
          articleId: article.id,
          slug: article.slug,
          locale: lang,
          title: t.title,
          snippet,
          highlights,
          score,
        });
      }
      return hits.sort((a, b) => b.score - a.score);
    },

    getArticle(id: string): Article {
      const article = articles.find((a) => (a.id === id || a.slug === id) && a.status === 'published');
      if (!article) throw notFound(`Article "${id}"`);
      return article;
    },

    listCategories: () => categories,

    articleFeedback(id: string) {
      hub.getArticle(id);
    },

    submitForm(visitorId: string, body: unknown): Ticket {
      const input = valid<import('@frontdesk/protocol').FormSubmission>(FormSubmissionSchema, body, 'body');
      const form = config.forms?.find((f) => f.id === input.formId);
      if (!form) throw notFound(`Form "${input.formId}"`);
      const issues = validateSubmission(form, input.values);
      if (issues.length)
        throw new ValidationError({
          code: 'validation_failed',
          message: issues.map((i) => i.message).join('\n'),
          status: 400,
          issues,
        });
      return once(`${visitorId}:form:${input.clientId}`, () => {
        const at = now();
        const ticket: Ticket = {
          id: newId('tkt'),
          reference: `FD-${1000 + tickets.length + 1}`,
          formId: form.id,
          visitorId,
          conversationId: null,
          values: input.values,
          attachments: [],
          status: 'open',
          outcome: null,
          createdAt: at,
          updatedAt: at,
        };
        tickets.push(ticket);
        return ticket;
      });
    },

    rate(visitorId: string, conversationId: string, body: unknown): Rating {
      own(visitorId, conversationId);
      const input = valid<import('@frontdesk/protocol').Rate>(RateSchema, body, 'body');
      return once(`${visitorId}:rating:${input.clientId}`, () => {
        // Like the server: a later rating replaces the parts it gives ("solved" first, then the stars).
        const earlier = ratings.get(conversationId);
        const rating: Rating = {
          conversationId,
          csat: input.csat ?? earlier?.csat ?? null,
          nps: input.nps ?? earlier?.nps ?? null,
          comment: input.comment ?? earlier?.comment ?? null,
          solved: input.solved ?? earlier?.solved ?? null,
          createdAt: now(),
        };
        ratings.set(conversationId, rating);
        const conversation = conversations.get(conversationId);
        // "Not solved" reopens a resolved conversation.
        if (input.solved === false && conversation?.status === 'resolved') {
          const reopened = touch(conversation, { status: 'open', resolvedAt: null });
          emit(conversation.visitorId, { type: 'conversation.updated', conversation: reopened });
        }
        return rating;
      });
    },

    upload(name: string, type: string, size: number): Attachment {
      if (size > 10 * 1024 * 1024)
        throw new ValidationError({
          code: 'payload_too_large',
          message: 'Files of at most 10 MB can be attached.',
          status: 413,
        });
      const attachment: Attachment = {
        id: newId('att'),
        name,
        type: type || 'application/octet-stream',
        size,
        url: `memory://${name}`,
      };
      uploads.set(attachment.id, attachment);
      return attachment;
    },

    track(visitorId: string, body: unknown) {
      const input = valid<{ name: string }>(TrackEventSchema, body, 'body');
      tracked.push({ visitorId, name: input.name });
    },

    // ---- the team's side (demos and tests) ----

    /** Reply as an agent in a conversation. */
    agentReply(conversationId: string, text: string, name = 'Ana'): Message {
      const conversation = conversations.get(conversationId);
      if (!conversation) throw notFound(`Conversation "${conversationId}"`);
      return store(
        conversation,
        { kind: 'agent', id: 'agent_1', name, avatarUrl: null },
        { clientId: newId('agentmsg'), text },
      );
    },
    /** The agent read the conversation up to its last message. */
    agentRead(conversationId: string) {
      const conversation = conversations.get(conversationId);
      if (!conversation || conversation.agentReadSeq >= conversation.lastSeq) return;
      touch(conversation, { agentReadSeq: conversation.lastSeq });
      emit(conversation.visitorId, {
        type: 'message.read',
        conversationId,
        by: 'agent',
        readSeq: conversation.lastSeq,
        at: now(),
      });
    },
    /** Resolve a conversation; asks for a rating when the config says so. */
    resolve(conversationId: string) {
      const conversation = conversations.get(conversationId);
      if (!conversation) throw notFound(`Conversation "${conversationId}"`);
      const updated = touch(conversation, { status: 'resolved', resolvedAt: now() });
      emit(conversation.visitorId, { type: 'conversation.updated', conversation: updated });
      if (config.rating?.askWhen !== 'never')
        emit(conversation.visitorId, { type: 'rating.requested', conversationId });
    },
    /** Show the agent typing. */
    agentTyping(conversationId: string, typing: boolean, name = 'Ana') {
      const conversation = conversations.get(conversationId);
      if (conversation)
        ephemeral(conversation.visitorId, { type: 'typing', conversationId, by: 'agent', name, typing });
    },
    /** Change the team's availability for every visitor. */
    setAvailability(next: Availability) {
      availability = next;
      ephemeral(null, { type: 'availability', availability: next });
    },
  };
  return hub;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type MemoryHub = ReturnType<typeof createMemoryHub>;
