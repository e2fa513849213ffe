import type { EphemeralEvent, EventPage } from '@frontdesk/protocol';
import type { AppContext } from '../services/context';
import { readEvents } from '../services/events';
import type { HubMessage } from './hub';

/**
 * The long-poll fallback: the stored events after `after`, or, when there are none yet, wait up to `waitMs` for
 * the next one. Subscribes before reading so an event committed in between is not missed. Ephemeral events on
 * `stream` and `extraChannels` (typing, availability) that come meanwhile are answered too, in `ephemeral`: a
 * poll wakes for them as for a stored event.
 */
export async function longPoll(
  ctx: AppContext,
  stream: string,
  after: number,
  limit: number,
  waitMs: number,
  signal: AbortSignal,
  extraChannels: string[] = [],
): Promise<EventPage> {
  let wake: () => void = () => undefined;
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const ephemeral: EphemeralEvent[] = [];
  const listen = (message: HubMessage) => {
    if (message.kind === 'ephemeral') ephemeral.push(message.event);
    // Control messages (resync) wake it too: reading storage again is always safe.
    wake();
  };
  const stops = [stream, ...extraChannels].map((channel) => ctx.hub.subscribe(channel, listen));
  const answer = (page: EventPage): EventPage => (ephemeral.length > 0 ? { ...page, ephemeral } : page);
  try {
    const page = await readEvents(ctx.db, stream, after, limit);
    if (page.events.length > 0 || ephemeral.length > 0 || signal.aborted) return answer(page);
    const timer = setTimeout(wake, waitMs);
    signal.addEventListener('abort', wake, { once: true });
    await woken;
    clearTimeout(timer);
    return answer(await readEvents(ctx.db, stream, after, limit));
  } finally {
    for (const stop of stops) stop();
  }
}
