// The main bundle, injected by the loader. It replaces the `Frontdesk` queue with the real API, replays what
// was queued, and boots from the loader's `data-*` attributes or from a queued `boot` call.
import { type ClientOptions, createClient, yieldToHost } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import { options as preact } from 'preact';
import type { FrontdeskGlobal, WidgetApi } from './api';
import type { LoaderStub, QueuedCall } from './loader/stub';
import type { BootOptions } from './options';
import { afterBoot } from './pages';
import { Widget } from './widget';

const w = window as unknown as { Frontdesk?: LoaderStub };
const stub = w.Frontdesk;
const loader = stub?.l ?? { base: '', data: {}, nonce: '' };
let widget: Widget | null = null;
/** Set from `boot` until `shutdown` (or a failed start): the client and the widget are set up in separate tasks. */
let booting: Promise<void> | undefined;
let stopAfterBoot: (() => void) | undefined;
/** The boot a `shutdown` ended before it showed: its client logs out (forgets the session here), as a widget's would. */
let shutDown: Promise<void> | undefined;
/** Calls made before boot (listeners included), replayed in order once booted. */
const waiting: unknown[][] = [];
// A re-render runs in its own task after the change that caused it (a response, a click), not in the same one.
// Only here: this bundle's Preact is its own, while `embed` may share a site's Preact.
preact.debounceRendering = (render) => yieldToHost().then(render);

function boot(given: Partial<BootOptions> = {}): void {
  if (widget || booting) return;
  const options: Partial<BootOptions> = {
    ...(loader.data as Partial<BootOptions>),
    ...given,
  };
  const siteKey = options.siteKey;
  if (!siteKey) {
    console.error('[Frontdesk] boot needs a siteKey (data-site-key)');
    return;
  }
  // Kept in the options: the lazy verbs call the visitor API there too.
  // biome-ignore lint/suspicious/noAssignInExpressions: one expression is fewer bytes in the open-panel bundle
  const url = (options.apiUrl ??= loader.base ? new URL(loader.base).origin : location.origin);
  const backend = httpBackend({ url, siteKey });
  // createClient treats an undefined option as not given (shorter than spreading each one in conditionally).
  const client = createClient({
    backend,
    locale: options.locale,
    identity: options.user,
    attributes: options.attributes,
    consent: options.consent,
    autoStart: false,
  } as ClientOptions);
  // Then, each in a task of its own with the host page in between: the session's start (its first requests),
  // and the widget's shadow root, styles and first render.
  const mine: Promise<void> = yieldToHost()
    .then(() => {
      void client.start();
      return yieldToHost();
    })
    .then(() => {
      // Shut down meanwhile (the last call wins): this boot ends unseen.
      if (booting !== mine)
        return mine === shutDown
          ? // Logged out once its session started (before, its storage is not chosen yet).
            new Promise((ready) => client.on('ready', ready))
              .then(() => client.logout())
              .catch(() => undefined)
              .finally(() => client.destroy())
          : client.destroy();
      const current = new Widget({
        client,
        options,
        ownsClient: true,
        token: () => backend.token,
        // Uploads are served to their owner only: the server takes the visitor's token as `?token=`.
        fileUrl: (path) => `${new URL(path, url).href}?token=${encodeURIComponent(backend.token ?? '')}`,
      });
      widget = current;
      if (options.hideOnMobile || options.hideWhenOffline)
        void import('./commands').then((m) => m.hiding(current));
      // Started after boot, in a task of its own (not needed to show anything): notifications, and page changes of
      // single-page apps. In this bundle, not a lazy chunk: every page fetched that chunk right after boot, and as a
      // file of its own it cost ~300 bytes of gzip more (`pnpm size`).
      void yieldToHost().then(() => {
        if (widget === current) stopAfterBoot = afterBoot(current, options.trackPages !== false);
      });
      for (const args of waiting.splice(0)) call(...(args as [keyof WidgetApi]));
    })
    .catch((error) => {
      // Failed while setting up: the next boot tries again (the error stays unhandled: in the console, and for a
      // getter waiting for this boot). A failure after the widget showed (a replayed call) leaves it be.
      if (!widget) {
        client.destroy();
        booting = undefined;
      }
      throw error;
    });
  booting = mine;
}

const BEFORE_BOOT = { getVisitorId: null, getUnreadCount: 0, isOpen: false, getAvailability: null };

function stop(): void {
  stopAfterBoot?.();
  stopAfterBoot = undefined;
  widget = null;
  booting = undefined;
  waiting.length = 0;
}

function call(method: keyof WidgetApi, ...args: unknown[]): unknown {
  const ends = method === 'shutdown' || method === 'destroy';
  if (method === 'boot' || method === 'init') return boot(args[0] as Partial<BootOptions>);
  if (!widget) {
    // Questions before boot get the answer of an empty widget; anything else waits for boot. A shutdown while
    // booting ends that boot unseen, with what waited for it (the last call wins); before boot, nothing to stop.
    if (method in BEFORE_BOOT) return BEFORE_BOOT[method as keyof typeof BEFORE_BOOT];
    if (!ends) waiting.push([method, ...args]);
    else if (booting) {
      if (method === 'shutdown') shutDown = booting;
      stop();
    }
    return;
  }
  if (ends) {
    widget[method]();
    return stop();
  }
  const fn = widget[method as keyof Widget];
  // Rarely used verbs (and the unknown-method error) live in a lazy chunk.
  return typeof fn === 'function'
    ? (fn as (...a: unknown[]) => unknown).apply(widget, args)
    : import('./commands').then((m) => m.run(widget!, method, args));
}

// Evaluating the bundle was one task; replaying the queue and booting are the next (calls keep queueing meanwhile).
// (Not a top-level await: with one, the bundler splits the modules shared with lazy chunks into more chunks.)
void yieldToHost().then(() => {
  const api = call as unknown as FrontdeskGlobal & LoaderStub;
  api.l = loader;
  w.Frontdesk = api;
  // A getter queued through the loader carries `r`, the resolve function of the Promise the loader returned: it is
  // answered once every queued call ran, the widget booted and its session started (see `commands.ts` `ready`).
  for (const args of stub?.q ?? []) {
    const run = () => call.apply(0, args as never);
    const r = (args as QueuedCall).r;
    r
      ? r(
          import('./commands').then(async (m) => {
            await booting;
            await m.ready(widget);
            return run();
          }),
        )
      : run();
  }
  if (!widget && loader.data.siteKey) boot();
});
