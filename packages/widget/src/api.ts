import type {
  Attributes,
  Availability,
  Company,
  ConversationFields,
  ErrorCode,
  Identity,
  Lead,
  Position,
  ThemeOverride,
} from '@frontdesk/protocol';
import type { BootOptions } from './options';

/** Top-level views `navigate` accepts. */
export type ViewName = 'home' | 'messages' | 'help';

/** Events of the widget, each with its payload (`Frontdesk('on', name, listener)`). */
export interface WidgetEvents {
  /** The widget booted and its session started. */
  ready: { visitorId: string | null };
  /** The panel opened. */
  open: undefined;
  /** The panel closed. */
  close: undefined;
  /** The number of unread messages changed. */
  unreadCountChange: { count: number };
  /** The visitor sent a message (it may still be on its way). */
  messageSent: { conversationId: string | null; text: string };
  /**
   * A message from the team (agent, bot or system) arrived. Every open tab of the visitor gets it; `notifies` is
   * true in exactly one of them (the tab that plays the widget's sound), so a site's own sound plays once.
   */
  messageReceived: { conversationId: string | null; text: string; author: string | null; notifies: boolean };
  /** The visitor started a new conversation. */
  conversationStarted: { conversationId: string | null };
  /** A conversation was resolved by the team. */
  conversationResolved: { conversationId: string | null };
  /** The visitor rated a conversation. */
  ratingSubmitted: {
    conversationId: string | null;
    csat: number | null;
    nps: number | null;
    comment: string | null;
  };
  /** The visitor submitted a form; `reference` is the ticket reference shown to them. */
  formSubmitted: { formId: string; reference: string };
  /** The visitor opened a help article. */
  articleViewed: { articleId: string };
  /** The visitor searched the help center. */
  search: { query: string; results: number };
  /** The team's availability changed: `online`, `away` or `offline`, with the next opening when closed. */
  availabilityChange: Availability;
  /** Something failed; `code` is the protocol's error code (e.g. `network`, `validation_failed`). */
  error: { code: ErrorCode; message: string };
}

export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<K extends WidgetEventName> = (payload: WidgetEvents[K]) => void;

// ---- Visitor-data verbs (#17 part A). Their code loads lazily (`dataApi.ts`) on first use. ----

/** What site code tells about the visitor and their conversation: `Frontdesk(method, ...args)` calls these. */
export interface WidgetDataApi {
  /**
   * Send `text` as the visitor: continues the conversation open in the panel, else their latest one that is not
   * resolved, else starts a new one. Queued in the outbox like typed messages, so nothing is lost offline.
   */
  sendMessage(text: string): void;
  /** The visitor's company, shown to agents beside the visitor. */
  setCompany(company: Company): void;
  /**
   * Values on the visitor's current conversation that agents see and routing rules read; `null` removes one.
   * Set before the visitor writes, they go on the conversation they start next.
   */
  setConversationFields(fields: ConversationFields): void;
  /** Tag the visitor's current conversation (or the next one they start). */
  addTags(tags: string[]): void;
  /** Remove tags from the visitor's current conversation. */
  removeTags(tags: string[]): void;
  /** Remove one attribute of the visitor (set with `update` or at boot). */
  deleteAttribute(key: string): void;
}

// ---- end of the visitor-data verbs ----

/** The widget's JS API: `Frontdesk(method, ...args)` calls these. */
export interface WidgetApi extends WidgetDataApi {
  /** Start the widget with a site key and options (needed only when the script tag has no `data-site-key`). */
  boot(options: BootOptions): void;
  /** Same as `boot`. */
  init(options: BootOptions): void;
  /** Log the visitor out: close the realtime link, forget the session on this device, remove the UI. */
  shutdown(): void;
  /** Remove the widget from the page and stop all its work; the session is kept for the next visit. */
  destroy(): void;
  /** Forget the visitor on this device and start again as a new anonymous visitor. */
  reset(): void;
  /** Open the panel (on the home view unless another view is open). */
  open(): void;
  /** Close the panel. */
  close(): void;
  /** Open the panel when closed, close it when open. */
  toggle(): void;
  /** Show the default launcher. */
  show(): void;
  /** Hide the default launcher (the panel can still be opened with `open`). */
  hide(): void;
  /** Open the panel on a view: `home`, `messages` or `help`. */
  navigate(view: ViewName): void;
  /** Open a new conversation, with `text` prefilled in the composer. */
  showNewMessage(text?: string): void;
  /** Open a help article by id. */
  showArticle(id: string): void;
  /** Open help with a search for `query`. */
  search(query: string): void;
  /**
   * Tell Frontdesk who the signed-in user is (with `userHash` or `jwt` when the site requires verification). Without
   * a `userId` (`{ name, email, phone }`), the details of an anonymous lead: stored apart, shown to agents as
   * unverified, never merged into a verified user.
   */
  identify(user: Identity | Lead): void;
  /** Set attributes of the visitor, shown to agents. */
  update(attributes: Attributes): void;
  /** Record an event for proactive messages and analytics. */
  trackEvent(name: string, data?: Attributes): void;
  /** Switch the widget's language (`en`, `cs`, `lv`, `hu`, `zh`, `ar`). */
  setLocale(locale: string): void;
  /** Give or withdraw consent to store data and connect, when the site requires consent. */
  consent(granted: boolean): void;
  /** The visitor's id, or null before the session started. */
  getVisitorId(): string | null;
  /** Unread messages from the team. */
  getUnreadCount(): number;
  /** Is the panel open? */
  isOpen(): boolean;
  // --- Run-time UI verbs (issue #17, part B): suggestions, availability, opening a given conversation or
  // ticket, ending and popping out the chat, look and placement. Most run from a lazy chunk (commands.ts).
  /** Suggest help articles on this page: up to 5 article ids, or a search; shown on Home and in a new message. */
  suggest(articles: string[] | string): void;
  /** Whether the team is online, away or offline, with the next opening; null before the session started. */
  getAvailability(): Availability | null;
  /** Open one of this visitor's conversations by its id. */
  showConversation(id: string): void;
  /** Open the conversation of one of this visitor's tickets, by its id or reference (e.g. `T-1001`). */
  showTicket(id: string): void;
  /** The visitor ends the open conversation (or their latest open one): it is resolved as if by an agent. */
  endConversation(): void;
  /** Open the conversation in a window of its own (a page of the Frontdesk server, same visitor). */
  popout(): void;
  /** Change the theme on this page at run time: any `theme` key of the site config. */
  setTheme(theme: ThemeOverride): void;
  /** Move the launcher: `{ side: 'left' | 'right', offsetX, offsetY }` (CSS pixels, 0–400). */
  setPosition(position: Position): void;
  /** The z-index of the widget (an integer). */
  setZIndex(zIndex: number): void;
  // --- end of part B

  /** Listen to a widget event. Returns a function that removes the listener. */
  on<K extends WidgetEventName>(event: K, listener: WidgetListener<K>): () => void;
  /** Remove a listener added with `on`. */
  off<K extends WidgetEventName>(event: K, listener: WidgetListener<K>): void;
}

// Proactive messages (docs/proactive.md): kept in their own block, merged into `WidgetApi`.

/** What `showMessage` shows: a configured proactive message by `id`, or the page's own text (from the bot). */
export type ShowMessage = { id: string } | { text: string; quickReplies?: string[] };

export interface WidgetApi {
  /**
   * Show a proactive message in the bubble above the launcher now, whatever its trigger: `{ id }` of one in the
   * config (its caps still apply), or `{ text, quickReplies? }` from the page. Never over the open panel or while
   * a conversation is active. A reply starts a conversation with the message first.
   */
  showMessage(message: ShowMessage): void;
}

/** Methods that answer a question: through the loader's queue (before the bundle loaded) they return a Promise. */
export type WidgetGetter = Extract<keyof WidgetApi, `get${string}` | `is${string}`>;

type Listen<M extends 'on' | 'off'> = { [K in WidgetEventName]: [M, K, WidgetListener<K>] }[WidgetEventName];

/**
 * One call of `Frontdesk(...)`, derived from `WidgetApi` so the queue and the API cannot drift; `on` and `off`
 * are spelled out per event so each listener keeps its payload type.
 */
export type Command =
  | {
      [K in Exclude<keyof WidgetApi, 'on' | 'off'>]: [K, ...Parameters<WidgetApi[K]>];
    }[Exclude<keyof WidgetApi, 'on' | 'off'>]
  | Listen<'on'>
  | Listen<'off'>;

/**
 * The `window.Frontdesk` function once the main bundle runs. `on` and `off` have their own signatures so a
 * listener's payload follows the event name (`Parameters<>` of a generic method would lose it).
 */
export interface FrontdeskGlobal {
  <K extends WidgetEventName>(method: 'on', event: K, listener: WidgetListener<K>): () => void;
  <K extends WidgetEventName>(method: 'off', event: K, listener: WidgetListener<K>): void;
  <K extends Exclude<keyof WidgetApi, 'on' | 'off'>>(
    method: K,
    ...args: Parameters<WidgetApi[K]>
  ): ReturnType<WidgetApi[K]>;
}

/**
 * `window.Frontdesk` before the main bundle has loaded (the loader's queue): every call is queued; a getter
 * returns a Promise of its answer, resolved once the bundle has loaded and replayed the queue.
 */
export interface FrontdeskQueue {
  <K extends WidgetEventName>(method: 'on' | 'off', event: K, listener: WidgetListener<K>): void;
  <K extends WidgetGetter>(method: K): Promise<ReturnType<WidgetApi[K]>>;
  <K extends Exclude<keyof WidgetApi, 'on' | 'off' | WidgetGetter>>(
    method: K,
    ...args: Parameters<WidgetApi[K]>
  ): void;
}
