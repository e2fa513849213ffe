import type { EphemeralEvent, StreamEvent } from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { readEvents, streamCursor } from '../services/events';
import type { Hub, HubMessage } from './hub';

/** Callbacks of a {@link followStream}. */
export interface FollowHandlers {
  /** A stored event; called in seq order, each seq exactly once. */
  event(event: StreamEvent): void;
  /** An ephemeral event on one of the followed channels. */
  ephemeral?(event: EphemeralEvent): void;
  /** Reading the backlog failed (storage down); the follower stops. */
  error?(error: unknown): void;
  /** Called once, before any event, with the stream's highest seq when following began (send `hello` here). */
  ready?(cursor: number): void;
}

/**
 * How long a live event that skips a seq waits for the missing one to arrive live before storage is read. Sends
 * committed one after the other on different connections often reach this node in the other order (and another
 * node's events come through the bus a little later than this node's): the missing event is almost always a
 * moment away, and reading storage for it cost a query and delayed the waiting event by its round trip.
 */
const REORDER_WAIT_MS = 30;
/** Live events held while waiting, at most (more: read storage at once). */
const REORDER_MAX = 64;

/**
 * Follow a stream from `after` (null: from the stream's current cursor): every stored event after it, then live
 * ones, with no gap and no duplicate. The hub subscription starts before the backlog is read, so an event committed
 * meanwhile is either in the backlog or arrives live; a live event is sent when it is exactly the next seq; one that
 * skips a seq is held until the missing ones arrive live (then all go, in order) or `REORDER_WAIT_MS` passes (then
 * storage is read from the last seq sent). Returns a function that stops following.
 */
export function followStream(
  db: Sql,
  hub: Hub,
  stream: string,
  after: number | null,
  handlers: FollowHandlers,
  extraChannels: string[] = [],
): () => void {
  let last = after ?? 0;
  // Until the cursor is known, live events only mark the follower dirty (nothing is sent before `ready`).
  let reading = true;
  let dirty = false;
  let started = false;
  let stopped = false;
  /** Live events past a gap, by seq, and the timer that gives up waiting for the gap to fill. */
  const held = new Map<number, StreamEvent>();
  let giveUp: NodeJS.Timeout | null = null;
  const stopWaiting = () => {
    held.clear();
    if (giveUp) clearTimeout(giveUp);
    giveUp = null;
  };

  const catchUp = async () => {
    if (reading) return;
    // Storage has every held event (each was committed before it was published).
    stopWaiting();
    reading = true;
    try {
      while (dirty && !stopped) {
        dirty = false;
        for (;;) {
          const page = await readEvents(db, stream, last, 500);
          for (const event of page.events) {
            if (stopped) break;
            if (event.seq <= last) continue;
            last = event.seq;
            handlers.event(event);
          }
          if (!page.hasMore || stopped) break;
        }
      }
    } catch (error) {
      stopped = true;
      handlers.error?.(error);
    } finally {
      reading = false;
    }
  };

  const onMessage = (message: HubMessage) => {
    if (stopped) return;
    if (message.kind === 'ephemeral') {
      if (!started) return;
      handlers.ephemeral?.(message.event);
      return;
    }
    if (
      message.kind === 'sites-changed' ||
      message.kind === 'article-changed' ||
      message.kind === 'visitor-forgotten' ||
      message.kind === 'origin-refused'
    )
      return;
    // After a bus interruption, anything may have been missed: read storage from the cursor.
    const seq =
      message.kind === 'event' ? message.event.seq : message.kind === 'poke' ? message.seq : Infinity;
    if (seq <= last) return;
    if (message.kind === 'event' && !reading && seq === last + 1) {
      last = seq;
      handlers.event(message.event);
      for (let next = held.get(last + 1); next && !stopped; next = held.get(last + 1)) {
        held.delete(next.seq);
        last = next.seq;
        handlers.event(next);
      }
      if (held.size === 0) stopWaiting();
      return;
    }
    if (message.kind === 'event' && !reading && held.size < REORDER_MAX) {
      held.set(seq, message.event);
      giveUp ??= setTimeout(() => {
        giveUp = null;
        dirty = true;
        void catchUp();
      }, REORDER_WAIT_MS);
      return;
    }
    dirty = true;
    void catchUp();
  };

  const stops = [stream, ...extraChannels].map((channel) => hub.subscribe(channel, onMessage));
  // Subscribed first, then the cursor: an event committed in between is either live or at most the cursor.
  streamCursor(db, stream).then(
    (cursor) => {
      if (stopped) return;
      if (after === null) last = cursor;
      started = true;
      handlers.ready?.(cursor);
      reading = false;
      // The backlog is read only when there is one (or live events came meanwhile).
      if (last < cursor || dirty) {
        dirty = true;
        void catchUp();
      }
    },
    (error: unknown) => {
      stopped = true;
      handlers.error?.(error);
    },
  );
  return () => {
    stopped = true;
    stopWaiting();
    for (const stop of stops) stop();
  };
}
