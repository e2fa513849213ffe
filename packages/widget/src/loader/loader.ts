// The loader (`frontdesk.js`): at most 1 KB gzip, no imports. It makes sure `window.Frontdesk` queues calls,
// remembers how it was loaded (site key, options, nonce) and injects the main bundle on idle or first intent.
// Built as an IIFE so nothing but `Frontdesk` reaches `window`.
import type { LoaderStub } from './stub';

declare const __MAIN_FILE__: string;
declare const __MAIN_INTEGRITY__: string;

const w = window as unknown as { Frontdesk?: LoaderStub };
const d = document;
const me = d.currentScript as HTMLScriptElement | null;
let fd = w.Frontdesk;
if (!fd?.l) {
  if (!fd) {
    const stub: LoaderStub = function (this: unknown) {
      // biome-ignore lint/complexity/noArguments: shortest way to queue every argument
      stub.q!.push(arguments);
    } as LoaderStub;
    stub.q = [];
    fd = w.Frontdesk = stub;
  }
  if (!fd.q) fd.q = [];
  const q = fd.q;
  const src = me?.src ?? '';
  const base = src.slice(0, src.lastIndexOf('/') + 1);
  fd.l = { base, data: { ...me?.dataset }, nonce: me?.nonce ?? '' };
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
    // A click before the panel code is here is remembered as an `open` call (afterwards the bundle handles it).
    if (e.type === 'click' && w.Frontdesk === fd) fd!('open');
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
