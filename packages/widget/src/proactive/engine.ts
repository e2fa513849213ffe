import type { Attributes, ProactiveMessage } from '@frontdesk/protocol';
import { matchConditions, matchUrl } from '@frontdesk/protocol';
import type { Widget } from '../widget';
import type { Caps } from './caps';

// Evaluates the site's proactive triggers on this page and asks `show` for the first message whose trigger holds
// and whose caps allow it. Moments (time, scroll, exit intent, a tracked event) are watched here; states (URL,
// attributes, returning, business hours) are checked when a moment comes and once a second.

/** A desktop: a fine pointer that can hover and a wide window. Phones and tablets never get exit intent. */
export const isDesktop = (): boolean =>
  matchMedia('(hover: hover) and (pointer: fine)').matches && innerWidth >= 640;

/** Is a conversation of this visitor open or waiting (including one still being created)? */
export const conversationActive = (w: Widget): boolean =>
  w.client.conversations.value.some((c) => c.status !== 'resolved');

/** Watch the triggers; `show` gets a message to show. Returns a function that stops watching. */
export function watchTriggers(
  w: Widget,
  caps: Caps,
  show: (message: ProactiveMessage) => boolean,
): () => void {
  const started = performance.now();
  let scrolled = 0;
  /** Messages whose tracked event happened on this page. */
  const events = new Set<string>();
  const messages = () => (w.config.value?.proactive ?? []).filter((m) => m.enabled);

  const holds = (message: ProactiveMessage, exit: boolean): boolean => {
    const t = message.trigger;
    if (t.url && !matchUrl(t.url, location.href)) return false;
    if (t.timeOnPage !== undefined && (performance.now() - started) / 1000 < t.timeOnPage) return false;
    if (t.scrollDepth !== undefined && scrolled < t.scrollDepth) return false;
    if (t.exitIntent && !(exit && isDesktop())) return false;
    if (t.event && !events.has(message.id)) return false;
    if (!matchConditions(t.attributes, w.client.visitor.value?.attributes as Attributes | undefined))
      return false;
    if (t.returning !== undefined && t.returning !== caps.returning) return false;
    // The server's word on business hours (kept live), rather than a second copy of the hours rules here.
    if (t.businessHours && !w.client.availability.value?.nextOpenAt !== (t.businessHours === 'open'))
      return false;
    return true;
  };

  const check = (exit = false) => {
    if (!w.client.ready.value) return;
    for (const message of messages())
      if (caps.allows(message) && holds(message, exit) && show(message)) return;
  };

  const onScroll = () => {
    const doc = document.documentElement;
    const depth = doc.scrollHeight > 0 ? ((scrollY + innerHeight) / doc.scrollHeight) * 100 : 100;
    if (depth > scrolled) {
      scrolled = Math.min(100, depth);
      check();
    }
  };
  const onLeave = (e: MouseEvent) => {
    // Leaving through the top edge (towards the tabs and the address bar), not into a child element.
    if (!e.relatedTarget && e.clientY <= 0) check(true);
  };
  // Tracked events: `Frontdesk('trackEvent', …)` (commands.ts) tells `w.tracked` after sending one.
  w.tracked = (name, data) => {
    for (const message of messages()) {
      const e = message.trigger.event;
      if (e && e.name === name && matchConditions(e.where, data)) events.add(message.id);
    }
    check();
  };

  onScroll();
  addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('mouseout', onLeave);
  const timer = setInterval(check, 1000);
  check();
  return () => {
    removeEventListener('scroll', onScroll);
    document.removeEventListener('mouseout', onLeave);
    clearInterval(timer);
    w.tracked = undefined;
  };
}
