import type { EventPage } from '@frontdesk/protocol';
import type { AppContext } from '../services/context';
import { readEvents } from '../services/events';

/**
 * The long-poll fallback: the stored events after `after`, or, when there are none yet, wait up to `waitMs` for
 * the next one. Subscribes before reading so an event committed in between is not missed.
 */
export async function longPoll(
  ctx: AppContext,
  stream: string,
  after: number,
  limit: number,
  waitMs: number,
  signal: AbortSignal,
): Promise<EventPage> {
  let wake: () => void = () => undefined;
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const stop = ctx.hub.subscribe(stream, (message) => {
    if (message.kind !== 'ephemeral') wake();
  });
  try {
    const page = await readEvents(ctx.db, stream, after, limit);
    if (page.events.length > 0 || signal.aborted) return page;
    const timer = setTimeout(wake, waitMs);
    signal.addEventListener('abort', wake, { once: true });
    await woken;
    clearTimeout(timer);
    return await readEvents(ctx.db, stream, after, limit);
  } finally {
    stop();
  }
}
