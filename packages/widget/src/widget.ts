import { type Client, createEmitter, yieldToHost } from '@frontdesk/client';
import type { Attributes, Availability, LocalizedText, PublicConfig, Theme } from '@frontdesk/protocol';
import { computed, effect, signal } from '@preact/signals-core';
import { h, render } from 'preact';
import type { ViewName, WidgetApi, WidgetDataApi, WidgetEvents } from './api';
import type { LazyVerb } from './commands';
import { createRoot, sheet, type WidgetRoot } from './host';
import { chooseLocale, I18n, supportedLocale } from './i18n/i18n';
import type { BootOptions } from './options';
import type { Route } from './route';
import { CSS } from './theme/styles';
import { themeCss } from './theme/theme';
import { App } from './ui/App';

/** The rejection handler of fire-and-forget client calls (one function instead of one per call: bytes). */
export const ignore = () => {};

/** How a widget instance is set up: a client to show, where to render, and page-level settings. */
export interface WidgetSetup {
  client: Client;
  /** Render inside this element or shadow root (inline); default: a fixed overlay on the page. */
  target?: Element | ShadowRoot;
  options?: Partial<BootOptions>;
  /** A config to show instead of the published one (the admin console's live preview). */
  config?: PublicConfig;
  /** The widget created the client: destroy it with the widget. */
  ownsClient?: boolean;
  /** The visitor's token for the server's visitor API (lazy verbs: endConversation, showTicket, popout). */
  token?: () => string | undefined;
  /** Turn an attachment's URL into one the browser can load (absolute, with the visitor's credentials). */
  fileUrl?: (url: string) => string;
}

/**
 * One widget on a page: a view over a client's signals plus view state (open, route, launcher). All data and
 * its rules live in the client; this only renders it and turns clicks into client calls.
 */
// `showMessage` lives in the proactive chunk and the rare verbs in `commands.ts`, so opening the panel carries none.
export class Widget
  implements Omit<WidgetApi, 'boot' | 'init' | 'identify' | 'showMessage' | LazyVerb | keyof WidgetDataApi>
{
  // Fields set in the constructor are `declare`d: an ES2022 class field without a value is emitted (bytes).
  /** Told of each event the page tracks (`trackEvent`), by the proactive chunk while it runs. */
  declare tracked?: (name: string, data?: Attributes) => void;
  declare readonly client: Client;
  readonly i18n = new I18n();
  readonly events = createEmitter<WidgetEvents>();
  /** Tell the site's listeners (`on`). The emitter's methods need no `this`, so they are shared as they are. */
  readonly emit = this.events.emit;
  readonly on = this.events.on;
  readonly off = this.events.off;
  readonly opened = signal(false);
  readonly route = signal<Route>({ v: 'home' });
  /** The top-level view the current route was reached from (for "back"). */
  readonly from = signal<Route['v']>('home');
  readonly launcher = signal(true);
  /** The pre-chat form was answered in this page view. */
  readonly preChatDone = signal(false);
  /** Conversations rated in this page view (the thanks stays after the client clears the request). */
  readonly rated = signal<string[]>([]);
  /** Counts navigations by the visitor, so the panel can move focus to the new view. */
  readonly nav = signal(0);
  /** Text for the polite live region (new messages). */
  readonly announcement = signal('');
  readonly override = signal<PublicConfig | null>(null);
  /** Theme changed at run time (`setTheme`, `setPosition`, `setZIndex`). */
  readonly look = signal<Partial<Theme>>({});
  /** Articles suggested for this page (`suggest`): ids or a search; null for none. */
  readonly tips = signal<string[] | string | null>(null);
  declare readonly token: (() => string | undefined) | undefined;
  declare readonly options: Partial<BootOptions>;
  declare readonly inline: boolean;
  declare readonly fileUrl: (url: string) => string;
  readonly config = computed(() => this.override.value ?? this.client.config.value);
  /**
   * The site's theme with this page's overrides, once written to the theme stylesheet: null until the config is
   * known (nothing shows before it), and a task after each change (see the constructor).
   */
  readonly theme = signal<Theme | null>(null);
  declare readonly root: WidgetRoot;
  /** Cleanups run when the widget goes (lazy features such as proactive messages add theirs). */
  readonly stops: (() => void)[] = [];
  declare private explicitLocale: string | undefined;
  private readonly styled = new Set<string>();
  declare private readonly ownsClient: boolean;

  constructor(setup: WidgetSetup) {
    this.client = setup.client;
    this.options = setup.options ?? {};
    this.inline = !!setup.target;
    this.ownsClient = !!setup.ownsClient;
    this.fileUrl = setup.fileUrl ?? ((url) => url);
    this.token = setup.token;
    this.override.value = setup.config ?? null;
    this.explicitLocale = this.options.locale;
    if (this.options.hideLauncher) this.launcher.value = false;
    this.i18n.pageOverrides.value = this.options.texts ?? {};
    this.root = createRoot(setup.target);
    const c = this.client;
    this.stops.push(
      effect(() => {
        const site = this.config.value?.theme;
        const theme = { ...site!, ...this.options.theme, ...this.look.value };
        // Written in the next task, not in the one that brought the config (a response, the stored state; with
        // it, one task over 50 ms at 4× CPU slowdown). What shows uses `theme`, so it never shows before it.
        if (site)
          void yieldToHost().then(() => {
            this.root.theme.replaceSync(themeCss(theme));
            this.theme.value = theme;
          });
      }),
      effect(() => {
        const config = this.config.value;
        this.i18n.overrides.value = config?.texts ?? {};
        const locales = config?.locales;
        // Also before the config: an explicit locale's texts start loading at once.
        void this.i18n.set(
          chooseLocale(this.explicitLocale, locales?.enabled ?? ['en'], locales?.default ?? 'en'),
        );
        // Proactive messages live in a lazy chunk, loaded only for a site that has some.
        if (config?.proactive?.[0]) void import('./proactive').then((m) => m.call(this));
      }),
      c.on('ready', ({ visitor }) => this.emit('ready', { visitorId: visitor.id })),
      c.on('availabilityChange', (e) => this.emit('availabilityChange', e.availability)),
      c.on('unreadCountChange', ({ count }) => this.emit('unreadCountChange', { count })),
      c.on('conversationEnd', ({ conversation }) =>
        this.emit('conversationResolved', { conversationId: conversation.id }),
      ),
      c.on('message', ({ kind, message, conversation, notify }) => {
        if (kind !== 'received') return;
        const name = message.author.name ?? this.i18n.t(`author.${message.author.kind}`);
        // Read as plain text: markdown markers are noise to a screen reader.
        this.announcement.value = this.i18n.t('thread.announce', {
          name,
          text: message.text.replace(/[*`]/g, ''),
        });
        this.emit('messageReceived', {
          conversationId: conversation.id,
          text: message.text,
          author: message.author.name,
          notifies: notify,
        });
      }),
      c.on('error', ({ error: { code, message } }) => {
        this.emit('error', { code, message });
        // This page's origin is not in the site's allowedOrigins: tell the owner, show why (rare: lazy).
        if (code === 'origin_not_allowed') void import('./ui/Unavailable').then((m) => m.refused(this));
      }),
    );
    // Then, a task each: the base stylesheet, and the first render (it runs the most code for the first time),
    // unless the widget went meanwhile (`unmount` empties `stops`; a mount target not yet in the document still
    // renders). Nothing shows before the theme, which comes after the config, so none shows unstyled.
    void yieldToHost()
      .then(() => {
        this.root.root.adoptedStyleSheets[0]!.replaceSync(CSS);
        return yieldToHost();
      })
      .then(() => this.stops[0] && render(h(App, { w: this }), this.root.mount));
    if (this.options.openOnLoad) this.open();
  }

  /** Adopt the stylesheet of a lazily loaded view, once. */
  style(css: string): void {
    if (this.styled.has(css)) return;
    this.styled.add(css);
    sheet(this.root.root, css);
  }

  /** Localized config text (`greeting`, away message…) in the current locale. */
  text(value: LocalizedText | undefined): string {
    // Same rule as the protocol's `localize`, without bundling its schemas: locale, language, default, any.
    if (!value) return '';
    const locale = this.i18n.tag.value;
    return (
      value[locale] ??
      value[this.i18n.locale.value] ??
      value[this.config.value?.locales?.default ?? 'en'] ??
      Object.values(value)[0] ??
      ''
    );
  }

  go(route: Route): void {
    if (route.v === 'home' || route.v === 'messages' || route.v === 'help') this.from.value = route.v;
    this.route.value = route;
    this.nav.value++;
  }

  open(): void {
    if (this.opened.value) return;
    this.opened.value = true;
    this.emit('open', undefined);
  }

  close(): void {
    if (!this.opened.value) return;
    this.opened.value = false;
    this.emit('close', undefined);
  }

  toggle(): void {
    if (this.opened.value) this.close();
    else this.open();
  }

  show(): void {
    this.launcher.value = true;
  }

  hide(): void {
    this.launcher.value = false;
  }

  navigate(view: ViewName): void {
    this.go({ v: view === 'messages' || view === 'help' ? view : 'home' });
    this.open();
  }

  showNewMessage(text?: string): void {
    this.go({ v: 'thread', c: null, ...(text ? { draft: text } : {}) });
    this.open();
  }

  showArticle(id: string): void {
    this.go({ v: 'article', id });
    this.open();
  }

  search(query: string): void {
    this.go({ v: 'help', q: query });
    this.open();
  }

  setLocale(locale: string): void {
    const supported = supportedLocale(locale);
    if (!supported) {
      this.emit('error', { code: 'validation_failed', message: `unsupported locale ${locale}` });
      return;
    }
    this.explicitLocale = supported;
    this.client.setLocale(supported);
    void this.i18n.set(supported);
  }

  getVisitorId(): string | null {
    return this.client.visitor.value?.id ?? null;
  }

  getAvailability(): Availability | null {
    return this.client.availability.value;
  }

  getUnreadCount(): number {
    return this.client.unreadCount.value;
  }

  isOpen(): boolean {
    return this.opened.value;
  }

  reset(): void {
    this.go({ v: 'home' });
    this.client.reset().catch(ignore);
  }

  shutdown(): void {
    this.unmount();
    this.client
      .logout()
      .catch(ignore)
      .finally(() => this.ownsClient && this.client.destroy());
  }

  destroy(): void {
    this.unmount();
    if (this.ownsClient) this.client.destroy();
  }

  private unmount(): void {
    render(null, this.root.mount);
    for (const stop of this.stops.splice(0)) stop();
    this.root.root.host.remove();
    this.events.clear();
  }
}
