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
  Message,
  Page,
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
  startSession(options: SessionOptions): Promise<Session>;
  /** The published config, for refreshing it without a new session. */
  getConfig(): Promise<{ config: PublicConfig; version: number }>;
  updateVisitor(update: VisitorUpdate): Promise<Visitor>;
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
  markRead(conversationId: string, readSeq: number): Promise<void>;
  typing(conversationId: string, typing: boolean): Promise<void>;
  search(query: string, locale: string): Promise<SearchHit[]>;
  getArticle(id: string, locale: string): Promise<Article>;
  listCategories(): Promise<Category[]>;
  articleFeedback(id: string, helpful: boolean): Promise<void>;
  /** Submit a configured form; creates a ticket. Idempotent by `clientId`. */
  submitForm(input: FormSubmission): Promise<Ticket>;
  /** Rate a conversation. Idempotent by `clientId`. */
  rate(conversationId: string, input: Rate): Promise<Rating>;
  upload(file: Blob, name: string): Promise<Attachment>;
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
  /** The server asked for a rating of this conversation and none was given yet. */
  ratingRequested: boolean;
}

/** Realtime connection status of the client. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';
