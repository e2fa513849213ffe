import type { Attributes, ErrorCode, Identity } from '@frontdesk/protocol';
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
  /** Something failed; `code` is the protocol's error code (e.g. `network`, `validation_failed`). */
  error: { code: ErrorCode; message: string };
}

export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<K extends WidgetEventName> = (payload: WidgetEvents[K]) => void;

/** The widget's JS API: `Frontdesk(method, ...args)` calls these. */
export interface WidgetApi {
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
  /** Tell Frontdesk who the signed-in user is (with `userHash` or `jwt` when the site requires verification). */
  identify(user: Identity): void;
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
  /** Listen to a widget event. Returns a function that removes the listener. */
  on<K extends WidgetEventName>(event: K, listener: WidgetListener<K>): () => void;
  /** Remove a listener added with `on`. */
  off<K extends WidgetEventName>(event: K, listener: WidgetListener<K>): void;
}

/** One call of `Frontdesk(...)`, derived from `WidgetApi` so the queue and the API cannot drift. */
export type Command = {
  [K in keyof WidgetApi]: [K, ...Parameters<WidgetApi[K]>];
}[keyof WidgetApi];

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
