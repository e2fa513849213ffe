import type { Backend, Client } from '@frontdesk/client';
import { createClient } from '@frontdesk/client';
import type { Issue, SiteConfigInput } from '@frontdesk/protocol';
import { check, SiteConfigSchema, toPublicConfig } from '@frontdesk/protocol';
import type { ShowMessage, ViewName } from './api';
import type { BootOptions } from './options';
import { INLINE_CSS } from './theme/inlineStyles';
import { Widget } from './widget';

/** Options of `mountWidget`. */
export interface MountOptions {
  /** The client to show. Either this or `backend`. */
  client?: Client;
  /** A backend to create a client over (e.g. `memoryBackend()` for a preview); destroyed with the widget. */
  backend?: Backend;
  /** A config to show instead of the published one (live preview). Validated like `frontdesk validate`. */
  config?: SiteConfigInput;
  /** Language to show. */
  locale?: string;
  /** Open the panel right away (default true: a preview shows the panel). */
  open?: boolean;
  /** Page-level options, as for `boot` (theme overrides, texts, hideLauncher…). */
  options?: Partial<BootOptions>;
}

/** A mounted widget. */
export interface MountedWidget {
  /** Show another config; returns its issues (empty when shown; the last valid config stays otherwise). */
  update(config: SiteConfigInput): Issue[];
  setLocale(locale: string): void;
  navigate(view: ViewName): void;
  open(): void;
  close(): void;
  /**
   * Show a proactive message's bubble above the launcher (`{ id }` from the config, or `{ text }`), or hide it with
   * `null`. In a preview (a `config` given) triggers, caps and counts do not apply.
   */
  showMessage(message: ShowMessage | null): void;
  /**
   * The widget instance, with the JS API (`on`, `showArticle`, …); `identify` and the visitor-data verbs are the
   * client's (`client.identify`, `client.updateVisitor`).
   */
  widget: Widget;
  /** Remove the widget (and the client, when it was created from `backend`). */
  destroy(): void;
}

/**
 * Mount the widget inside `host` (an element or shadow root), laid out inside that box rather than the viewport:
 * for the admin console's live config preview, or apps that place the panel themselves.
 */
export function mountWidget(host: Element | ShadowRoot, options: MountOptions): MountedWidget {
  const client =
    options.client ?? (options.backend && createClient({ backend: options.backend, consent: true }));
  if (!client) throw new TypeError('mountWidget: pass a client or a backend');
  const parsed = (config: SiteConfigInput) => {
    const result = check(SiteConfigSchema, config);
    return result.ok
      ? { issues: [] as Issue[], config: toPublicConfig(result.value) }
      : { issues: result.issues, config: null };
  };
  const first = options.config ? parsed(options.config) : null;
  const widget = new Widget({
    client,
    target: host,
    options: { ...options.options, ...(options.locale ? { locale: options.locale } : {}) },
    ...(first?.config ? { config: first.config } : {}),
    ownsClient: !options.client,
  });
  widget.style(INLINE_CSS);
  if (options.open !== false) widget.open();
  return {
    widget,
    update(config) {
      const next = parsed(config);
      if (next.config) widget.override.value = next.config;
      return next.issues;
    },
    setLocale: (locale) => widget.setLocale(locale),
    navigate: (view) => widget.navigate(view),
    open: () => widget.open(),
    close: () => widget.close(),
    showMessage: (message) =>
      void import('./proactive').then((m) => (message ? m.run(widget, message) : m.hide(widget))),
    destroy: () => widget.destroy(),
  };
}
