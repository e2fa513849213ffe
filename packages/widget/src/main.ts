// The main bundle, injected by the loader. It replaces the `Frontdesk` queue with the real API, replays what
// was queued, and boots from the loader's `data-*` attributes or from a queued `boot` call.
import { createClient } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import type { FrontdeskGlobal, WidgetApi } from './api';
import type { LoaderStub } from './loader/stub';
import type { BootOptions } from './options';
import { Widget } from './widget';

const w = window as unknown as { Frontdesk?: LoaderStub };
const stub = w.Frontdesk;
const loader = stub?.l ?? { base: '', data: {}, nonce: '' };
let widget: Widget | null = null;
let stopAfterBoot: (() => void) | undefined;
/** Calls made before boot (listeners included), replayed in order once booted. */
const waiting: unknown[][] = [];

/** Options from the loader script's `data-*` attributes: `"true"`/`"false"` become booleans. */
function fromData(data: Record<string, string | undefined>): Partial<BootOptions> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data))
    options[key] = value === 'true' || (value !== 'false' && value);
  return options;
}

function boot(given: Partial<BootOptions> = {}): void {
  if (widget) return;
  const options: Partial<BootOptions> = {
    ...fromData(loader.data),
    ...given,
  };
  if (!options.siteKey) {
    console.error('[Frontdesk] boot needs a siteKey (data-site-key)');
    return;
  }
  const url = options.apiUrl ?? (loader.base ? new URL(loader.base).origin : location.origin);
  const backend = httpBackend({ url, siteKey: options.siteKey });
  const client = createClient({
    backend,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.user ? { identity: options.user } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
    ...(options.consent !== undefined ? { consent: options.consent } : {}),
  });
  const current = new Widget({
    client,
    options,
    ownsClient: true,
    // Uploads are served to their owner only: the server takes the visitor's token as `?token=`.
    fileUrl: (path) => `${new URL(path, url).href}?token=${encodeURIComponent(backend.token ?? '')}`,
  });
  widget = current;
  // Loaded after boot (not needed to show anything): notifications, and page changes of single-page apps.
  void import('./pages').then((m) => {
    if (widget === current) stopAfterBoot = m.afterBoot(current, options.trackPages !== false);
  });
  for (const args of waiting.splice(0)) call(...(args as [keyof WidgetApi]));
}

// The site's own launchers: any element with `data-frontdesk-open` opens the panel.
addEventListener('click', (e) => {
  if (widget && (e.target as Element).closest?.('[data-frontdesk-open]')) widget.open();
});

const BEFORE_BOOT = { getVisitorId: null, getUnreadCount: 0, isOpen: false };

function stop(): void {
  stopAfterBoot?.();
  widget = null;
}

function call(method: keyof WidgetApi, ...args: unknown[]): unknown {
  switch (method) {
    case 'boot':
    case 'init':
      return boot(args[0] as Partial<BootOptions>);
    case 'shutdown':
    case 'destroy':
      widget?.[method]();
      return stop();
  }
  if (!widget) {
    // Questions before boot get the answer of an empty widget; anything else waits for boot.
    if (method in BEFORE_BOOT) return BEFORE_BOOT[method as keyof typeof BEFORE_BOOT];
    waiting.push([method, ...args]);
    return;
  }
  const fn = widget[method] as ((...a: unknown[]) => unknown) | undefined;
  if (typeof fn !== 'function') {
    console.error(`[Frontdesk] unknown method "${String(method)}"`);
    return;
  }
  return fn.apply(widget, args);
}

const api = ((method: keyof WidgetApi, ...args: unknown[]) => call(method, ...args)) as FrontdeskGlobal &
  LoaderStub;
api.l = loader;
w.Frontdesk = api;
for (const args of stub?.q ?? []) call(...(Array.from(args) as [keyof WidgetApi]));
if (!widget && loader.data.siteKey) boot();
