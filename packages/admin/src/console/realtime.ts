import type { EphemeralEvent, ServerFrame, StreamEvent } from '@frontdesk/protocol';
import type { ConsoleApi } from './api';

/** Callbacks of {@link connectRealtime}. */
export interface RealtimeHandlers {
  event(event: StreamEvent): void;
  ephemeral(event: EphemeralEvent): void;
  status(status: 'connecting' | 'open' | 'closed'): void;
  /** The server refused the token (expired or revoked): the link stops for good. */
  unauthorized(): void;
}

/** A live agent channel. `send` carries typing frames; `close` ends it for good. */
export interface RealtimeLink {
  typing(conversationId: string, typing: boolean): void;
  close(): void;
}

/**
 * Follow the site's agent stream from `after` (or from now): first every stored event after the cursor, then live ones. On a
 * drop it reconnects with back-off from the last applied seq, so nothing is missed or applied twice.
 */
export function connectRealtime(
  api: ConsoleApi,
  after: number | null,
  handlers: RealtimeHandlers,
): RealtimeLink {
  // null: start live from the server's current position (its `hello` names it), then resume from there.
  let cursor = after;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let ping: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const retryLater = () => {
    handlers.status('closed');
    attempt++;
    retry = setTimeout(open, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
  };
  // A one-minute ticket opens the socket, so the agent token never appears in a URL.
  const open = () => {
    if (closed) return;
    handlers.status('connecting');
    api.call<{ ticket: string }>('agentTicket').then(
      ({ ticket }) => connect(ticket),
      (error: { status?: number }) => {
        if (closed) return;
        // 401: the session ended or was revoked; the link stops for good. Anything else: try again later.
        if (error.status === 401) {
          closed = true;
          handlers.status('closed');
          handlers.unauthorized();
        } else retryLater();
      },
    );
  };
  const connect = (ticket: string) => {
    if (closed) return;
    const url = new URL('/v1/agent/realtime', api.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    if (api.siteKey) url.searchParams.set('siteKey', api.siteKey);
    if (cursor !== null) url.searchParams.set('after', String(cursor));
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      ping = setInterval(
        () => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ frame: 'ping' })),
        25_000,
      );
    };
    ws.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.frame === 'hello') {
        cursor ??= frame.cursor;
        // Open once the stream position is fixed: what is loaded from now on cannot miss an event in between.
        handlers.status('open');
      } else if (frame.frame === 'event') {
        if (cursor !== null && frame.event.seq <= cursor) return;
        cursor = frame.event.seq;
        handlers.event(frame.event);
      } else if (frame.frame === 'ephemeral') handlers.ephemeral(frame.event);
    };
    ws.onclose = (event) => {
      clearInterval(ping);
      socket = null;
      if (closed) return;
      if (event.code === 4401 || event.code === 4403) {
        closed = true;
        handlers.status('closed');
        handlers.unauthorized();
        return;
      }
      retryLater();
    };
  };
  open();
  return {
    typing(conversationId, typing) {
      if (socket?.readyState === WebSocket.OPEN)
        socket.send(JSON.stringify({ frame: 'typing', conversationId, typing }));
      else void api.typing(conversationId, typing).catch(() => undefined);
    },
    close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close();
    },
  };
}
