import type {
  Article,
  Attachment,
  Attributes,
  Availability,
  Category,
  Conversation,
  CreateConversation,
  EphemeralEvent,
  EventPage,
  FormSubmission,
  Identity,
  Lead,
  Message,
  Page,
  ProactiveRef,
  PublicConfig,
  Rate,
  Rating,
  SearchHit,
  SendMessage,
  StreamEvent,
  Ticket,
  TrackEvent,
  Visitor,
  VisitorUpdate,
} from '@frontdesk/protocol';
import type { ReadonlySignal } from '@preact/signals-core';
import type { FrontdeskError } from './errors';

/** What `Backend.startSession` is given. */
export interface SessionOptions {
  /** Token from an earlier session, to resume the same visitor. */
  visitorToken?: string;
  /** A signed-in user of the site; their history follows them across devices. */
  identity?: Identity;
  locale?: string;
  page?: Page;
  attributes?: Attributes;
}

/** A started session: who the visitor is, the site's config, and where their event stream stands. */
export interface Session {
  visitorToken: string;
  visitor: Visitor;
  config: PublicConfig;
  configVersion: number;
  availability: Availability;
  /** Highest seq in the visitor's event stream at session start. */
  cursor: number;
}

/** Connection state reported by a realtime subscription. */
export type LinkStatus = 'connecting' | 'open' | 'closed';

/** Callbacks of `Backend.subscribe`. */
export interface SubscribeHandlers {
  /** A stored event, delivered in seq order: first every event after the cursor, then live ones. */
  event(event: StreamEvent): void;
  /** A non-stored event (typing, availability). */
  ephemeral?(event: EphemeralEvent): void;
  /** The link opened or closed; `error` says why it closed, when it did not close on request. */
  status?(status: LinkStatus, error?: Error): void;
}

/**
 * Everything the client knows of the outside world. Implement it to connect Frontdesk to your own systems, and
 * run `@frontdesk/client/conformance` against your implementation. Contracts (see docs/backend-interface.md):
 * - Commands carrying a `clientId` are idempotent: a repeat returns the first result and stores nothing new.
 * - A promise resolves only after the result is durably stored; it rejects with a `FrontdeskError`.
 * - Stream events have strictly increasing `seq` with no gaps; `events(after)` and `subscribe(after)` return
 *   exactly the events with `seq > after`, in order.
 * - A visitor only ever sees their own conversations.
 */
export interface Backend {
  /**
   * A stable name of the site this backend talks to (e.g. URL and site key). Namespaces local storage and the
   * cross-tab channel so two sites on one origin never share state. Defaults to `"default"`.
   */
  readonly name?: string;
  /** Start or resume a session. Must not create a visitor before it is called (see consent). */
  startSession(options: SessionOptions): Promise<Session>;
  /**
   * The published config. Works before `startSession` (it creates no visitor and stores nothing), so the client
   * can learn whether consent is required before anything else happens.
   */
  getConfig(): Promise<{ config: PublicConfig; version: number }>;
  /** Merge attributes and record page and locale of the visitor. */
  updateVisitor(update: VisitorUpdate): Promise<Visitor>;
  /** The visitor's own conversations (never anyone else's). */
  listConversations(): Promise<Conversation[]>;
  /** Create a conversation, optionally with its first message. Idempotent by `clientId`. */
  createConversation(
    input: CreateConversation,
  ): Promise<{ conversation: Conversation; message: Message | null }>;
  /** Send a message. Idempotent by `clientId`; resolves once stored. */
  sendMessage(conversationId: string, input: SendMessage): Promise<Message>;
  /** Messages of a conversation with `seq > afterSeq`, oldest first. */
  listMessages(conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<Message[]>;
  /** Stored stream events with `seq > after`, at most `limit`. */
  events(after: number, limit?: number): Promise<EventPage>;
  /** Open the realtime link from `after`; returns a function that closes it. */
  subscribe(after: number, handlers: SubscribeHandlers): () => void;
  /** The visitor read up to `readSeq` (never moves backwards). */
  markRead(conversationId: string, readSeq: number): Promise<void>;
  /** The visitor is typing or stopped; best effort, nothing stored. */
  typing(conversationId: string, typing: boolean): Promise<void>;
  /** Published help-center articles matching `query`, most relevant first. */
  search(query: string, locale: string): Promise<SearchHit[]>;
  /** A published article by id or slug; `not_found` otherwise. */
  getArticle(id: string, locale: string): Promise<Article>;
  /** Help-center categories. */
  listCategories(): Promise<Category[]>;
  /** Count whether an article helped. */
  articleFeedback(id: string, helpful: boolean): Promise<void>;
  /** Submit a configured form; creates a ticket. Idempotent by `clientId`. */
  submitForm(input: FormSubmission): Promise<Ticket>;
  /** Rate a conversation. Idempotent by `clientId`. */
  rate(conversationId: string, input: Rate): Promise<Rating>;
  /** Store a file for the visitor, to attach to a message by its id. */
  upload(file: Blob, name: string): Promise<Attachment>;
  /** Record a named event (proactive triggers, analytics). */
  track(event: TrackEvent): Promise<void>;
}

/** Delivery state of a message as the visitor sees it. */
export type MessageStatus = 'sending' | 'sent' | 'read' | 'failed';

/** A message in client state: a stored one, or an optimistic one not yet acknowledged. */
export interface ChatMessage {
  clientId: string;
  /** Server id; null until acknowledged. */
  id: string | null;
  /** Server order; null until acknowledged. */
  seq: number | null;
  author: Message['author'];
  text: string;
  attachments: Attachment[];
  /** Bot messages answering from an article: which one (the text is its passage). */
  answer?: Message['answer'];
  createdAt: string;
  status: MessageStatus;
  /** Why sending failed, when `status` is `failed`. */
  error?: string;
}

/** A conversation in client state with its messages (oldest first). */
export interface ChatConversation {
  /** The conversation's client id: stable from the first optimistic moment on. Use it as a key. */
  clientId: string;
  /** Server id; null until the conversation is acknowledged. */
  id: string | null;
  status: Conversation['status'];
  subject: string | null;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  messages: ChatMessage[];
  /** Messages from the team the visitor has not read. */
  unread: number;
  /** Channel the conversation started on. */
  channel: Conversation['channel'];
  /** Highest stored message seq (0 when empty or not yet acknowledged). */
  lastSeq: number;
  /** Highest message seq the visitor has read. */
  visitorReadSeq: number;
  /** Highest message seq an agent has read; visitor messages up to it show as `read`. */
  agentReadSeq: number;
  /** The server asked for a rating of this conversation and none was given yet. */
  ratingRequested: boolean;
}

/** Realtime connection status of the client. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';

/** An agent (or bot) typing in a conversation. */
export interface TypingIndicator {
  /** The conversation's client id (the key used in `ChatConversation.clientId`). */
  conversation: string;
  /** Display name of who is typing, when known. */
  name: string | null;
}

/**
 * The visitor's storage consent. `pending`: the site requires consent and none was given yet (nothing is stored,
 * nothing is connected); `granted`; `denied`: the client keeps everything in memory only.
 */
export type ConsentState = 'pending' | 'granted' | 'denied';

/** Key-value storage of the outbox and session token. Every method may reject; the client then degrades to memory. */
export interface StorageAdapter {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Atomic read-modify-write (across tabs for IndexedDB). */
  update<T>(key: string, updater: (old: T | undefined) => T): Promise<void>;
}

/** Connectivity detection. Replace it to drive online/offline from tests or a native shell. */
export interface OnlineManager {
  isOnline(): boolean;
  /** Called with the new state whenever it changes. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** Options of `createClient`. */
export interface ClientOptions {
  /** Where data comes from: `httpBackend({ url, siteKey })`, `memoryBackend()` or your own. */
  backend: Backend;
  /** Interface language (BCP 47). Defaults to the browser's language or `en`. */
  locale?: string;
  /** The page the visitor is on, passed to agents. Defaults to `location` in a browser. */
  page?: Page;
  /** Attributes of the visitor passed to agents. */
  attributes?: Attributes;
  /** Sign in a known user from the start (same as calling `identify`). */
  identity?: Identity;
  /**
   * The visitor's consent, when the site already knows it (e.g. from its own banner). `true` grants, `false`
   * denies (memory only). Omitted: pending when the site's config requires consent, otherwise granted.
   */
  consent?: boolean;
  /** Require consent even before the config is fetched: nothing at all is requested until `consent(true)`. */
  requireConsent?: boolean;
  /** Storage of the outbox and session. Defaults to IndexedDB (idb-keyval) when available, else memory. */
  storage?: StorageAdapter;
  /** Connectivity detection. Defaults to `navigator.onLine` and the window's online/offline events. */
  online?: OnlineManager;
  /** Share one realtime connection between tabs (Web Locks + BroadcastChannel). Default `true` where supported. */
  tabs?: boolean;
  /** Start the session right away. Default `true`; with `false` call `start()`. */
  autoStart?: boolean;
  /** Reconnect backoff: first delay and ceiling in ms, jittered. Default `{ min: 500, max: 30000 }`. */
  reconnect?: { min?: number; max?: number };
}

/** A snapshot of the whole client state, given to `subscribe` listeners. */
export interface ClientState {
  status: ConnectionStatus;
  ready: boolean;
  visitor: Visitor | null;
  config: PublicConfig | null;
  availability: Availability | null;
  conversations: ChatConversation[];
  unreadCount: number;
  typing: TypingIndicator[];
  locale: string;
  consent: ConsentState;
  leader: boolean;
}

/** A warning: the client carries on, with less (e.g. storage failed and it keeps data in memory). */
export interface ClientWarning {
  kind: 'storage';
  message: string;
  cause?: unknown;
}

/** Every event of the client, by name. */
export interface ClientEventMap {
  /** The session started and the initial conversations are loaded. */
  ready: { visitor: Visitor; config: PublicConfig };
  /** The realtime connection status changed. */
  connectionChange: { status: ConnectionStatus };
  /**
   * A message was received from the team (`received`), acknowledged by the backend (`sent`) or failed to send
   * (`failed`). `notify` is true in one tab only: play sounds and show notifications when it is set.
   */
  message: {
    kind: 'received' | 'sent' | 'failed';
    message: ChatMessage;
    conversation: ChatConversation;
    notify: boolean;
  };
  /** A conversation appeared (started here, in another tab or device, or by the team). */
  conversationStart: { conversation: ChatConversation };
  /** A conversation's status, assignee or subject changed. */
  conversationUpdate: { conversation: ChatConversation };
  /** A conversation was resolved. */
  conversationEnd: { conversation: ChatConversation };
  /** The total of unread team messages changed. */
  unreadCountChange: { count: number; notify: boolean };
  /** Someone from the team started or stopped typing. */
  typing: { conversation: string; name: string | null; typing: boolean };
  /** Agents came online, went away or offline, or the expected reply time changed. */
  availabilityChange: { availability: Availability };
  /** The team asks the visitor to rate a resolved conversation. */
  ratingRequest: { conversation: ChatConversation };
  /** Consent was granted or denied. */
  consentChange: { consent: ConsentState };
  /** Something failed that the visitor or the site should know about; the error's `code` says what to do. */
  error: { error: FrontdeskError };
  /** The client degraded gracefully (e.g. storage unavailable: memory only). */
  warning: ClientWarning;
}

/** Options of `startConversation`. */
export interface StartConversationOptions {
  /** The first message, sent with the conversation. */
  text?: string;
  subject?: string;
  channel?: Conversation['channel'];
  /** Ids of attachments uploaded with `upload`. */
  attachmentIds?: string[];
  /** Answering a proactive message (by config `id`, or page `text`): stored as the first message. */
  proactive?: ProactiveRef;
}

/** Options of `sendMessage`. */
export interface SendMessageOptions {
  /** Ids of attachments uploaded with `upload`. */
  attachmentIds?: string[];
  /**
   * Answer the bot's "Did that answer your question?" (on a message with `answer`): `yes`, or `person` to talk
   * to the team. The text is sent as the visitor's message, e.g. "Talk to a person".
   */
  reply?: 'yes' | 'person';
}

/** The client returned by `createClient`. Signals are read-only: change state through the methods. */
export interface Client {
  /** Realtime connection: `idle` (not started or waiting for consent), `connecting`, `online`, `offline`. */
  readonly status: ReadonlySignal<ConnectionStatus>;
  /** True once the session started and the initial conversations are loaded. */
  readonly ready: ReadonlySignal<boolean>;
  /** The visitor (anonymous or identified); null before the session starts. */
  readonly visitor: ReadonlySignal<Visitor | null>;
  /** The site's published config; null until fetched. */
  readonly config: ReadonlySignal<PublicConfig | null>;
  /** Whether the team is online, away or offline, and the expected reply time. */
  readonly availability: ReadonlySignal<Availability | null>;
  /** Conversations, newest activity last, each with its messages oldest first. */
  readonly conversations: ReadonlySignal<ChatConversation[]>;
  /** Unread team messages over all conversations. */
  readonly unreadCount: ReadonlySignal<number>;
  /** Who from the team is typing, and where. */
  readonly typing: ReadonlySignal<TypingIndicator[]>;
  /** The interface language. */
  readonly locale: ReadonlySignal<string>;
  /** The visitor's storage consent. */
  readonly consentState: ReadonlySignal<ConsentState>;
  /** True in the one tab that holds the realtime connection. */
  readonly leader: ReadonlySignal<boolean>;

  /** The current state as a plain object. */
  getState(): ClientState;
  /** Call `listener` with the whole state on every change; returns a function that stops it. */
  subscribe(listener: (state: ClientState) => void): () => void;
  /** Listen to an event; returns a function that stops listening. */
  on<K extends keyof ClientEventMap>(name: K, listener: (payload: ClientEventMap[K]) => void): () => void;
  /** Stop listening. */
  off<K extends keyof ClientEventMap>(name: K, listener: (payload: ClientEventMap[K]) => void): void;
  /** Listen to the next occurrence of an event only. */
  once<K extends keyof ClientEventMap>(name: K, listener: (payload: ClientEventMap[K]) => void): () => void;

  /** Start the session (done automatically unless `autoStart: false`). Resolves when ready or waiting for consent. */
  start(): Promise<void>;
  /**
   * Start a conversation, optionally with a first message. Returns the optimistic conversation at once; it is
   * created on the backend as soon as possible (queued in the outbox while offline).
   */
  startConversation(options?: StartConversationOptions): ChatConversation;
  /**
   * Send a message in a conversation (its `clientId` or server id). Returns the optimistic message at once with
   * status `sending`; it becomes `sent`, then `read`, or `failed` (then call `retry`).
   */
  sendMessage(conversation: string, text: string, options?: SendMessageOptions): ChatMessage;
  /**
   * Send a failed message (or conversation, by its first message's client id) again. A failed message stays in the
   * outbox, so this works from any tab and after a reload; it does nothing for a message that is not `failed`.
   */
  retry(clientId: string): void;
  /** Mark a conversation read up to its last message. */
  markRead(conversation: string): Promise<void>;
  /** Tell the team the visitor is typing (throttled) or stopped. */
  setTyping(conversation: string, typing: boolean): void;
  /**
   * Sign in a known user; their history follows them across devices. Reloads the conversations. Without a
   * `userId`, `{ name, email, phone }` are an anonymous lead's details: stored apart from the profile (`visitor.lead`),
   * shown to agents as unverified, never merged into a verified user.
   */
  identify(identity: Identity | Lead): Promise<Visitor>;
  /**
   * Update the visitor on the backend: attributes (`unset` removes some), page, locale, what they told about
   * themselves, a lead's unverified details (`lead`), their company, and fields and tags of their current
   * conversation (`conversation`). Called before the session started, it waits for it.
   */
  updateVisitor(update: VisitorUpdate): Promise<Visitor>;
  /** Track a named event (proactive triggers, analytics). */
  track(name: string, data?: Attributes): Promise<void>;
  /** Search the help center in the current locale. */
  search(query: string): Promise<SearchHit[]>;
  /** One help-center article. */
  getArticle(id: string): Promise<Article>;
  /** Help-center categories. */
  listCategories(): Promise<Category[]>;
  /** Tell whether an article helped. */
  articleFeedback(id: string, helpful: boolean): Promise<void>;
  /** Submit a configured form; resolves with the created ticket. Retries are safe (one client id per call). */
  submitForm(formId: string, values: FormSubmission['values']): Promise<Ticket>;
  /** Rate a conversation (CSAT 1–5 and/or NPS 0–10, comment, solved). */
  rate(conversation: string, rating: Omit<Rate, 'clientId'>): Promise<Rating>;
  /** Upload a file to attach to a message. */
  upload(file: Blob, name: string): Promise<Attachment>;
  /** Change the interface language (and tell the backend). */
  setLocale(locale: string): void;
  /** Grant or deny storage consent. Granting starts the session when the site requires consent. */
  consent(granted: boolean): Promise<void>;
  /** Forget the visitor on this device: clear local data, then start a fresh anonymous session. */
  reset(): Promise<void>;
  /** Same as `reset`: for logging a user out. */
  logout(): Promise<void>;
  /** Close connections, timers and listeners. The client cannot be used afterwards. */
  destroy(): void;
}
