// Telling the visitor about a team message while the panel is closed: a short tone and a count in the page title.
// Started after boot (which tab notifies, the visitor's mute); the tone and the title badge are in `alert.ts`, a
// lazy chunk fetched only when a message arrives that this tab tells the visitor about.
import type { Widget } from './widget';

const KEY = 'frontdesk:muted';

/** Has the visitor muted notifications on this site? Remembered per browser (all tabs of the site). */
export function isMuted(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Mute or unmute notifications for this visitor on this browser. */
export function setMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, blocked): the choice lasts only for this page view.
  }
}

/**
 * Tell the visitor about new team messages while the panel is closed: a tone and a title badge, as the site's config
 * and the visitor's mute allow, in the one tab of theirs that the client says notifies (its leader). The tabs also
 * tell each other whether their panel is open in view: a message the visitor is reading in another tab stays quiet.
 */
export function notifications(w: Widget): () => void {
  const me = Math.random().toString(36).slice(2);
  /** Other tabs with the panel open and visible. */
  const reading = new Set<string>();
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(`frontdesk:panel:${w.options.siteKey}`)
      : null;
  const say = (open = w.opened.peek() && document.visibilityState === 'visible') =>
    channel?.postMessage([me, open]);
  if (channel)
    channel.onmessage = ({ data }: MessageEvent<[string, boolean] | 'hello'>) => {
      if (data === 'hello') say();
      else if (data[1]) reading.add(data[0]);
      else reading.delete(data[0]);
    };
  channel?.postMessage('hello');
  const onVisible = () => say();
  const onHide = () => say(false);
  const stopOpened = w.opened.subscribe(onVisible);
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('pagehide', onHide);
  const stopMessages = w.client.on('message', ({ kind, notify }) => {
    if (kind === 'received' && notify && !reading.size && !w.opened.value && !isMuted())
      void import('./alert').then((m) => m.alert(w));
  });
  return () => {
    onHide();
    stopOpened();
    stopMessages();
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('pagehide', onHide);
    channel?.close();
  };
}
