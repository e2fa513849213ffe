// Proactive messages (docs/proactive.md), a lazy chunk: loaded only when the site configures some or the page calls
// `showMessage`, so the open panel's budget does not carry it.
import type { ProactiveMessage, ProactiveRef } from '@frontdesk/protocol';
import { effect } from '@preact/signals-core';
import { h, render } from 'preact';
import type { ShowMessage } from '../api';
import EN_PROACTIVE from '../i18n/enProactive';
import type { Widget } from '../widget';
import { BUBBLE_CSS, Bubble, type BubbleMessage } from './Bubble';
import { Caps } from './caps';
import { conversationActive, watchTriggers } from './engine';

/** One widget's proactive state: the caps, what is shown and where. */
class Proactive {
  readonly caps: Caps;
  /** The console's live preview (a config given to the widget): no triggers, caps, counts or storage. */
  readonly preview: boolean;
  private shown: { ref: ProactiveRef; count: string; message: BubbleMessage } | null = null;
  private box: HTMLElement | null = null;
  /** Counts `showMessage` calls and hides: a message waiting for the caps shows only if nothing came after it. */
  requests = 0;

  constructor(private readonly w: Widget) {
    this.preview = w.override.value !== null;
    const key = `fd-proactive:${w.options.siteKey ?? ''}`;
    this.caps = new Caps(key, () => !this.preview && w.client.getState().consent === 'granted');
    w.i18n.add(EN_PROACTIVE);
    w.stops.push(
      // Never over the open panel: opening it hides the bubble (not a dismissal).
      effect(() => {
        if (w.opened.value && !this.preview) this.hide();
      }),
      () => this.hide(),
    );
    // Watching the triggers starts once the caps were read (in tasks of their own), not when the widget went
    // meanwhile.
    if (!this.preview)
      void this.caps.ready.then(
        () => w.stops[0] && w.stops.push(watchTriggers(w, this.caps, (m) => this.showConfigured(m))),
      );
  }

  /** Show a configured message (its trigger held, or `showMessage({ id })`), when its caps allow. */
  showConfigured(message: ProactiveMessage): boolean {
    if (!this.preview && !this.caps.allows(message)) return false;
    const config = this.w.config.value;
    const agent = message.from.agent;
    return this.show(
      { id: message.id },
      message.id,
      {
        name: agent ?? config?.bot.name ?? 'Assistant',
        avatarUrl: message.from.avatarUrl ?? (agent ? config?.theme.avatarUrl : config?.bot.avatar) ?? null,
        text: this.w.text(message.text),
        quickReplies: message.quickReplies.map((reply) => this.w.text(reply)),
      },
      message,
    );
  }

  /** Show text the page gave (`showMessage({ text })`): from the bot, no caps. */
  showText(text: string, quickReplies: string[]): boolean {
    const config = this.w.config.value;
    return this.show({ text }, 'page', {
      name: config?.bot.name ?? 'Assistant',
      avatarUrl: config?.bot.avatar ?? null,
      text,
      quickReplies,
    });
  }

  private show(ref: ProactiveRef, count: string, message: BubbleMessage, capped?: ProactiveMessage): boolean {
    const w = this.w;
    if (!this.preview && (w.opened.value || conversationActive(w) || this.shown)) return false;
    if (capped && !this.preview) this.caps.shown(capped.id);
    this.shown = { ref, count, message };
    this.render();
    if (!this.preview) {
      w.announcement.value = `${w.i18n.t('proactive.label', { name: message.name })}: ${message.text}`;
      this.count('shown');
    }
    return true;
  }

  hide(): void {
    this.requests++;
    this.shown = null;
    if (this.box) render(null, this.box);
    this.box?.remove();
    this.box = null;
  }

  private count(action: 'shown' | 'clicked' | 'dismissed'): void {
    if (this.shown && !this.preview)
      this.w.client.track(`proactive.${action}`, { id: this.shown.count }).catch(() => {});
  }

  private render(): void {
    const w = this.w;
    const current = this.shown;
    if (!current) return;
    // Its own root beside the app's, with the app root's classes (theme variables, side, inline layout).
    const app = w.root.mount.firstElementChild as HTMLElement | null;
    if (!this.box) {
      // The bubble's stylesheet is adopted when one first shows, not when the engine starts (most pages show none).
      w.style(BUBBLE_CSS);
      this.box = document.createElement('div');
      w.root.root.append(this.box);
    }
    this.box.className = app?.className ?? 'r';
    this.box.dir = app?.dir ?? 'ltr';
    this.box.lang = app?.lang ?? 'en';
    render(
      h(Bubble, {
        w,
        message: current.message,
        onEngage: () => this.count('clicked'),
        onDismiss: () => {
          this.count('dismissed');
          this.hide();
          (w.root.root.querySelector('button.la') as HTMLElement | null)?.focus({ preventScroll: true });
        },
        onReply: (text) => this.reply(text),
      }),
      this.box,
    );
  }

  private reply(text: string): void {
    const w = this.w;
    const ref = this.shown?.ref;
    if (!ref || this.preview) return;
    const conversation = w.client.startConversation({ text, proactive: ref });
    this.hide();
    w.go({ v: 'thread', c: conversation.clientId });
    w.open();
  }
}

const states = new WeakMap<Widget, Proactive>();

/** Start proactive messages for `w` (once), and show `message` when given (`Frontdesk('showMessage', …)`). */
export function run(w: Widget, message?: ShowMessage): void {
  let state = states.get(w);
  if (!state) {
    state = new Proactive(w);
    states.set(w, state);
  }
  if (!message) return;
  const mine = ++state.requests;
  if ('text' in message) {
    state.showText(message.text.slice(0, 500), (message.quickReplies ?? []).slice(0, 4));
    return;
  }
  const found = w.config.value?.proactive.find((m) => m.id === message.id);
  if (!found) {
    w.emit('error', {
      code: 'validation_failed',
      message: `showMessage: no proactive message "${message.id}"`,
    });
    return;
  }
  // The preview shows whichever message the editor picked, again after each change; elsewhere its caps decide,
  // once read.
  if (state.preview) {
    state.hide();
    state.showConfigured(found);
  }
  // Not when the widget went, the bubble was hidden or another message was asked for meanwhile.
  else void state.caps.ready.then(() => w.stops[0] && mine === state.requests && state.showConfigured(found));
}

/** Hide the bubble, if one shows. */
export function hide(w: Widget): void {
  states.get(w)?.hide();
}

/**
 * `Frontdesk(method, ...args)` for verbs the main bundle does not carry (`showMessage`, else an error); without a
 * method, start proactive messages (the site has some). Nothing when the widget went meanwhile.
 */
export function call(w: Widget | null, method?: string, args: unknown[] = []): void {
  if (!w) return;
  // Starting the engine (storage, listeners, a stylesheet) shows nothing yet: at idle, a task of its own after
  // the widget's first render. A widget gone meanwhile (its cleanups ran) starts none.
  if (!method) (self.requestIdleCallback ?? setTimeout)(() => w.stops[0] && run(w), { timeout: 500 });
  else if (method === 'showMessage') run(w, args[0] as ShowMessage);
  else console.error(`[Frontdesk] unknown method "${method}"`);
}
