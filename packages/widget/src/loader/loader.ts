// The loader (`frontdesk.js`): at most 1 KB gzip, no imports. It makes sure `window.Frontdesk` queues calls,
// remembers how it was loaded (site key, options, nonce) and injects the main bundle on idle or first intent.
// Built as an IIFE so nothing but `Frontdesk` reaches `window`.
import type { LoaderState, LoaderStub, QueuedCall } from './stub';

declare const __MAIN_FILE__: string;
declare const __MAIN_INTEGRITY__: string;

const w = window as unknown as { Frontdesk?: LoaderStub };
const d = document;
const me = d.currentScript as HTMLScriptElement | null;
let fd = w.Frontdesk;
if (!fd?.l) {
  // The loader's queue replaces a site's snippet queue (keeping what it holds): a getter queued here returns a
  // Promise that the main bundle resolves when it replays the queue.
  const q: QueuedCall[] = fd?.q ?? [];
  fd = w.Frontdesk = function (this: unknown) {
    // biome-ignore lint/complexity/noArguments: shortest way to queue every argument
    const a: QueuedCall = arguments;
    q.push(a);
    if (/^(get|is)[A-Z]/.test(a[0])) return new Promise((r) => (a.r = r));
  } as LoaderStub;
  fd.q = q;
  const src = me?.src ?? '';
  const base = src.slice(0, src.lastIndexOf('/') + 1);
  // Options from `data-*` attributes: `"true"`/`"false"` become booleans (here, where bytes are cheaper).
  const data: LoaderState['data'] = {};
  for (const [k, v] of Object.entries({ ...me?.dataset })) data[k] = v === 'true' || (v !== 'false' && v);
  fd.l = { base, data, nonce: me?.nonce ?? '' };
  let started = false;
  const events = ['pointerover', 'focusin', 'click'];
  const start = () => {
    if (started) return;
    started = true;
    const s = d.createElement('script');
    s.type = 'module';
    s.src = base + __MAIN_FILE__;
    s.crossOrigin = 'anonymous';
    if (__MAIN_INTEGRITY__) s.integrity = __MAIN_INTEGRITY__;
    if (fd!.l!.nonce) s.nonce = fd!.l!.nonce;
    d.head.appendChild(s);
  };
  // Intent: the site's own launcher (`data-frontdesk-open`) was hovered, focused or clicked.
  const intent = (e: Event) => {
    if (!(e.target as Element).closest?.('[data-frontdesk-open]')) return;
    // A click opens the panel: queued as an `open` call before the bundle is here, run at once afterwards.
    if (e.type === 'click') w.Frontdesk!('open');
    start();
  };
  for (const e of events) d.addEventListener(e, intent, true);
  // A queued call that shows UI (open, toggle, showNewMessage…) is intent too.
  const push = q.push;
  q.push = (...args: IArguments[]) => {
    if (/^(open|toggle|show|navigate|search)/.test(args[0]?.[0])) start();
    return push.apply(q, args);
  };
  if (q.some((a) => /^(open|toggle|show|navigate|search)/.test(a[0]))) start();
  else if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 4000 });
  else setTimeout(start, 1500);
}
