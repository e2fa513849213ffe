// The tone and the title badge for a team message while the panel is closed. A lazy chunk: `notify.ts` loads it
// when the first such message arrives, so neither start-up nor the open panel carries it.
import { tone } from './tone';
import type { Widget } from './widget';

let badged = false;

/** A tone and the title badge, as the site's config allows (the caller checked the panel is closed, not muted). */
export function alert(w: Widget): void {
  const settings = w.config.value?.notifications;
  // Checked again: the panel may have opened while this chunk loaded.
  if (w.opened.value) return;
  if (settings?.sound !== false) tone({ from: 660, to: 880, volume: 0.08, seconds: 0.4 });
  if (settings?.titleBadge !== false) badge(w);
}

/** Prefix the page title with the unread count until the panel opens or everything is read. */
function badge(w: Widget): void {
  if (badged) return;
  badged = true;
  const title = document.title;
  // Signal subscriptions, not `effect`: importing signals-core here would split it out of the main bundle.
  const update = () => {
    if (!badged) return;
    const count = w.client.unreadCount.peek();
    if (count && !w.opened.peek()) {
      document.title = `(${count}) ${title}`;
      return;
    }
    document.title = title;
    badged = false;
    // A subscription cannot end itself while it runs.
    setTimeout(() => {
      for (const off of offs) off();
    });
  };
  const offs = [w.client.unreadCount.subscribe(update), w.opened.subscribe(update)];
}
