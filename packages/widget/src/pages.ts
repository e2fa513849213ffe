import { yieldToHost } from '@frontdesk/client';
import { notifications } from './notify';
import type { Widget } from './widget';

/**
 * Call `onChange` when a single-page app changes the URL through the History API (pushState, replaceState,
 * back/forward), without anything from the site. Uses the Navigation API where there is one; elsewhere wraps
 * `history.pushState`/`replaceState` (restored on stop). Returns a function that stops watching.
 */
export function watchPages(onChange: (url: string) => void): () => void {
  let last = location.href;
  // A microtask later, so a title set right after pushState is included.
  const check = () =>
    queueMicrotask(() => {
      if (location.href === last) return;
      last = location.href;
      onChange(last);
    });
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav) {
    nav.addEventListener('currententrychange', check);
    return () => nav.removeEventListener('currententrychange', check);
  }
  const { pushState, replaceState } = history;
  history.pushState = function (...args) {
    pushState.apply(this, args);
    check();
  };
  history.replaceState = function (...args) {
    replaceState.apply(this, args);
    check();
  };
  addEventListener('popstate', check);
  return () => {
    history.pushState = pushState;
    history.replaceState = replaceState;
    removeEventListener('popstate', check);
  };
}

/**
 * What the widget starts after boot: notifications, and (with `trackPages`) the visitor's page kept current for
 * agents. Returns a function that stops both.
 */
export function afterBoot(w: Widget, trackPages: boolean): () => void {
  const stopNotes = notifications(w);
  let stopPages: (() => void) | undefined;
  // Page changes in the next task (each part opens channels and patches history: together, one long task), unless
  // the widget went meanwhile (its cleanups ran: `stops` is empty; this stop runs after them).
  if (trackPages)
    void yieldToHost().then(() => {
      if (w.stops[0])
        stopPages = watchPages((href) => {
          w.client
            .updateVisitor({ page: { url: href, title: document.title.slice(0, 500) } })
            .catch(() => {});
        });
    });
  return () => {
    stopNotes();
    stopPages?.();
  };
}
