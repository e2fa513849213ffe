import type { EphemeralEvent, EventPage, StreamEvent } from '@frontdesk/protocol';
import { NetworkError, toFrontdeskError } from '../errors';
import type { SubscribeHandlers } from '../types';

const PING_EVERY = 25_000;

export interface RealtimeOptions {
  /** `.../v1`. */
  url: string;
  siteKey: string;
  token(): string | undefined;
  after: number;
  handlers: SubscribeHandlers;
  WebSocket: typeof WebSocket | undefined;
  /**
   * Shared between links of one backend: when WebSockets failed where HTTP works, poll until `until` (ms); `ms` is
   * the current wait, doubled from 5 s up to `retryAfter` while sockets keep failing, reset when one opens.
   */
  blocked: { until: number; ms?: number };
  /** The link's controller: aborted when it closes, it cancels the long poll in flight. */
  abort: AbortController;
  /** The longest poll (ms) after WebSockets failed before trying a socket again: networks change. */
  retryAfter: number;
  /**
   * `GET /events`: `wait` seconds to hold the request open when there is nothing yet. Cancelled through `abort`,
   * which its timeout aborts too (the link ends either way).
   */
  poll(after: number, wait: number): Promise<EventPage>;
}

// Frames are checked cheaply (shape of what the client reads), not with the full schemas: the core stays small
// and the server is the one validating everything it stores.
const isEphemeral = (e: unknown): e is EphemeralEvent =>
  !!e && typeof e === 'object' && typeof (e as EphemeralEvent).type === 'string';
const lost = (message = 'The realtime connection closed.') => new NetworkError({ code: 'network', message });
const isEvent = (e: unknown): e is StreamEvent =>
  isEphemeral(e) && Number.isInteger((e as { seq?: unknown }).seq);

/**
 * One realtime link from a cursor: a WebSocket (`hello`, then the backlog after the cursor, then live events), or
 * long-polling when the socket cannot open. Events are passed on exactly once, in seq order; a gap closes the link
 * so the client resyncs. Returns a function that closes it.
 */
export function openRealtime(o: RealtimeOptions): () => void {
  let cursor = o.after;
  let closed = false;
  let opened = false;
  let socket: WebSocket | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let heard = Date.now();
  let retry: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    closed = true;
    clearInterval(ping);
    clearTimeout(retry);
    o.abort.abort();
    socket?.close();
  };

  const finish = (error?: Error) => {
    if (closed) return;
    stop();
    o.handlers.status?.('closed', error);
  };
  const open = () => {
    if (opened) return;
    opened = true;
    // A socket opened (`socket` is unset while polling): the next one that fails is tried again soon.
    if (socket) o.blocked.ms = 0;
    o.handlers.status?.('open');
  };
  const deliver = (event: StreamEvent) => {
    if (event.seq <= cursor) return;
    if (event.seq !== cursor + 1) return finish(lost(`Missed events after ${cursor}.`));
    cursor = event.seq;
    o.handlers.event(event);
  };

  /** Long-poll; the first request does not wait, so the link opens (and a resync happens) at once. */
  async function poll(fallback = false) {
    let wait = 0;
    while (!closed) {
      try {
        const page = await o.poll(cursor, wait);
        if (closed) return;
        if (!opened) {
          // The socket could not open but plain requests work: WebSockets are blocked on this network, for now.
          // A socket that failed once (a server restart) is tried again soon; one that keeps failing, rarely.
          if (fallback) {
            o.blocked.ms = Math.min(o.retryAfter, (o.blocked.ms || 2500) * 2);
            o.blocked.until = Date.now() + o.blocked.ms;
          }
          // Close when it is time to try a socket again (a delay already past runs at once); the client then
          // reconnects from the cursor (the reason given is the plain 'closed' one: fewer bytes).
          if (o.WebSocket && o.blocked.until < Infinity)
            retry = setTimeout(() => finish(lost()), o.blocked.until - Date.now());
        }
        open();
        for (const event of page.events) if (isEvent(event)) deliver(event);
        // What happened while the poll waited (typing, availability).
        for (const event of page.ephemeral ?? []) o.handlers.ephemeral?.(event);
        wait = page.hasMore ? 0 : 25;
      } catch (error) {
        return finish(error as Error);
      }
    }
  }

  function connect(WS: typeof WebSocket) {
    const query = new URLSearchParams({ siteKey: o.siteKey, token: o.token() ?? '', after: String(cursor) });
    socket = new WS(`${o.url.replace(/^http/, 'ws')}/realtime?${query}`);
    socket.onmessage = (message) => {
      heard = Date.now();
      let frame: { frame?: string; event?: unknown; code?: string; message?: string };
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.frame === 'hello') open();
      else if (frame.frame === 'event' && isEvent(frame.event)) deliver(frame.event);
      else if (frame.frame === 'ephemeral' && isEphemeral(frame.event)) o.handlers.ephemeral?.(frame.event);
      // The server always names a code and a message (the error's hint stands in for a missing message).
      else if (frame.frame === 'error')
        finish(toFrontdeskError({ ...frame, code: (frame.code ?? 'internal') as never }));
    };
    // Without a listener, Node's `ws` throws on a refused upgrade; `close` follows and decides.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (closed) return;
      if (!opened) {
        // The socket never opened: try long-polling instead.
        socket = undefined;
        clearInterval(ping);
        void poll(true);
        return;
      }
      finish(lost());
    };
    // A socket can die without a close event (sleep, network switch): no answer to two pings means it is gone.
    ping = setInterval(() => {
      if (Date.now() - heard > 2 * PING_EVERY + 5000)
        return finish(lost('The realtime connection timed out.'));
      if (socket?.readyState === 1) socket.send('{"frame":"ping"}');
    }, PING_EVERY);
  }

  o.handlers.status?.('connecting');
  if (o.WebSocket && Date.now() >= o.blocked.until) connect(o.WebSocket);
  else void poll();

  return () => {
    if (!closed) stop();
  };
}
