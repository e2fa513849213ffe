import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ClientFrameSchema, check, PROTOCOL_VERSION, type ServerFrame } from '@frontdesk/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { isApiError } from '../http/errors';
import { JsonInputError, parseJsonInput } from '../http/jsonInput';
import { agentFromToken, pickSite, visitorExists } from '../http/middleware';
import { consoleOriginAllowed } from '../http/securityHeaders';
import type { AppContext } from '../services/context';
import { siteStream, siteVisitorsChannel, visitorStream } from '../services/events';
import { isMember } from '../services/members';
import type { Site } from '../services/sites';
import { readVisitor } from '../services/visitors';
import { followStream } from './follower';
import { FrameLimiter, SocketBuffers } from './limits';
import { AgentPresence } from './presence';

// A client that cannot keep up is dropped; it resyncs from its cursor on reconnect.
const MAX_BUFFERED = 8 * 1024 * 1024;

/** Who is on the other end of a socket, once authenticated. */
type Peer =
  | { kind: 'visitor'; site: Site; visitorId: string }
  | { kind: 'agent'; site: Site; agentId: string; name: string };

/** Per-node limits shared by every socket: frames per peer, and bytes buffered per visitor. */
interface Limits {
  frames: FrameLimiter;
  buffers: SocketBuffers;
}

/** Serve the realtime WebSocket endpoints (`/v1/realtime`, `/v1/agent/realtime`) on an HTTP server. */
export function attachRealtime(
  server: Server,
  ctx: AppContext,
): { close(): Promise<void>; readonly clients: number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  // An online or away agent with no socket left on any node goes offline after the grace period.
  const agents = new AgentPresence(ctx);
  const limits: Limits = {
    frames: new FrameLimiter(ctx.settings.socketFramesPerSecond),
    buffers: new SocketBuffers(ctx.settings.visitorBufferMaxBytes),
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/v1/realtime' && path !== '/v1/agent/realtime') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      accept(ctx, agents, limits, ws, req, path === '/v1/agent/realtime').catch(() =>
        fail(ws, 'network', 'Storage is unavailable: reconnect and resync.', 1011),
      );
    });
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const live = ws as WebSocket & { alive?: boolean };
      if (live.alive === false) {
        ws.terminate();
        continue;
      }
      live.alive = false;
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  // An agent removed from a site (or disabled) loses its open sockets there too, on every node, within the period.
  const recheck = setInterval(() => {
    for (const ws of wss.clients) {
      const peer = (ws as WebSocket & { peer?: Peer }).peer;
      if (peer?.kind !== 'agent') continue;
      void ctx.db
        .query(
          'select 1 from site_members m join agents a on a.id = m.agent_id where m.site_id = $1 and a.id = $2 and not a.disabled',
          [peer.site.id, peer.agentId],
        )
        .then((rows) => {
          if (rows.length === 0)
            fail(ws, 'forbidden', 'This account is no longer a member of this site.', 4403);
        })
        .catch(() => undefined);
    }
  }, ctx.settings.membershipCheckMs);
  recheck.unref();
  return {
    /** Close every socket with 1012 (service restart: reconnect), cutting those that do not answer in 2 s. */
    async close() {
      clearInterval(heartbeat);
      clearInterval(recheck);
      agents.stop();
      const open = [...wss.clients];
      await Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((resolve) => {
              const cut = setTimeout(() => ws.terminate(), 2000);
              ws.once('close', () => {
                clearTimeout(cut);
                resolve();
              });
              ws.close(1012, 'server restarting: reconnect');
            }),
        ),
      );
      wss.close();
    },
    get clients() {
      return wss.clients.size;
    },
  };
}

function send(ws: WebSocket, frame: ServerFrame, buffers?: { limits: SocketBuffers; key: string }): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  const text = JSON.stringify(frame);
  // Too much waiting for this reader (or for all of this visitor's sockets together): drop the socket and its
  // buffer now (terminate, not close: a close frame would queue behind what it cannot read); it resyncs from its
  // cursor when it reconnects.
  if (ws.bufferedAmount > MAX_BUFFERED || buffers?.limits.over(buffers.key, Buffer.byteLength(text))) {
    ws.terminate();
    return;
  }
  ws.send(text);
}

function fail(ws: WebSocket, code: string, message: string, closeCode: number): void {
  send(ws, { frame: 'error', code, message });
  ws.close(closeCode, code);
}

async function authenticate(ctx: AppContext, req: IncomingMessage, url: URL, agent: boolean): Promise<Peer> {
  const token = url.searchParams.get('token') ?? '';
  if (agent) {
    const origin = req.headers.origin;
    if (origin && !consoleOriginAllowed(ctx, origin))
      throw Object.assign(new Error(`The origin ${origin} may not open the agent socket.`), {
        code: 'origin_not_allowed',
      });
    // A short-lived ticket keeps the agent token out of URLs (and proxy logs); `token` still works for scripts.
    const ticket = url.searchParams.get('ticket');
    const info = ticket ? await agentFromToken(ctx, ticket, 't') : await agentFromToken(ctx, token);
    if (!info) throw Object.assign(new Error('Sign in as an agent first.'), { code: 'unauthorized' });
    const site = await pickSite(ctx, url.searchParams.get('siteKey') ?? undefined, info.id);
    // Membership is checked like on every agent route: a site's stream only for its members.
    if (!(await isMember(ctx.db, site.id, info.id)))
      throw Object.assign(new Error('This account is not a member of this site.'), { code: 'forbidden' });
    return { kind: 'agent', site, agentId: info.id, name: info.name };
  }
  const { siteId = null, visitorId = null } = readVisitor(ctx.secret, token) ?? {};
  const site = siteId ? await ctx.sites.byId(siteId) : null;
  const exists = visitorId ? await visitorExists(ctx, visitorId) : false;
  if (!site || !visitorId || !exists)
    throw Object.assign(new Error('Start a session first: the visitor token is missing or invalid.'), {
      code: 'unauthorized',
    });
  const origin = req.headers.origin;
  if (origin && !ctx.sites.allows(site, origin))
    throw Object.assign(new Error(`The origin ${origin} is not allowed for this site.`), {
      code: 'origin_not_allowed',
    });
  return { kind: 'visitor', site, visitorId };
}

async function accept(
  ctx: AppContext,
  agents: AgentPresence,
  limits: Limits,
  ws: WebSocket,
  req: IncomingMessage,
  agent: boolean,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Protocol errors (oversized or malformed frames) close the socket; without a listener they would crash.
  ws.on('error', () => ws.terminate());
  const live = ws as WebSocket & { alive?: boolean };
  live.alive = true;
  ws.on('pong', () => {
    live.alive = true;
  });
  let peer: Peer;
  try {
    peer = await authenticate(ctx, req, url, agent);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (isApiError(error) ? error.code : 'internal');
    fail(
      ws,
      code,
      error instanceof Error ? error.message : 'refused',
      code === 'origin_not_allowed' || code === 'forbidden' ? 4403 : 4401,
    );
    return;
  }
  const stream = peer.kind === 'visitor' ? visitorStream(peer.visitorId) : siteStream(peer.site.id);
  const rawAfter = url.searchParams.get('after');
  const after = rawAfter === null || rawAfter === '' ? null : Number(rawAfter);
  if (after !== null && (!Number.isInteger(after) || after < 0)) {
    fail(ws, 'validation_failed', 'query.after: expected a whole number of at least 0', 4400);
    return;
  }
  if (ws.readyState !== WebSocket.OPEN) return;
  (ws as WebSocket & { peer?: Peer }).peer = peer;
  if (peer.kind === 'agent') {
    const { agentId } = peer;
    agents.opened(agentId);
    ws.on('close', () => agents.closed(agentId));
  } else if (ctx.visitorConnections.take(peer.visitorId)) {
    const { visitorId } = peer;
    ws.on('close', () => ctx.visitorConnections.give(visitorId));
  } else {
    fail(ws, 'rate_limited', ctx.visitorConnections.refusal(), 4429);
    return;
  }
  const extra = peer.kind === 'visitor' ? [siteVisitorsChannel(peer.site.id)] : [];
  const key = peer.kind === 'visitor' ? `v:${peer.visitorId}` : `a:${peer.agentId}`;
  const buffers = peer.kind === 'visitor' ? { limits: limits.buffers, key } : undefined;
  if (buffers) limits.buffers.add(key, ws);
  const stop = followStream(
    ctx.db,
    ctx.hub,
    stream,
    after,
    {
      ready: (cursor) => send(ws, { frame: 'hello', protocol: PROTOCOL_VERSION, cursor }, buffers),
      event: (event) => send(ws, { frame: 'event', event }, buffers),
      ephemeral: (event) => send(ws, { frame: 'ephemeral', event }, buffers),
      error: () => fail(ws, 'network', 'Storage is unavailable: reconnect and resync.', 1011),
    },
    extra,
  );
  ws.on('close', stop);
  ws.on('message', (data) => {
    // Frames beyond the per-peer rate (all its sockets on this node together) are dropped before any work.
    const verdict = limits.frames.take(key);
    if (verdict !== 'ok') {
      if (verdict === 'warn')
        send(ws, {
          frame: 'error',
          code: 'rate_limited',
          message: `Too many frames: at most ${limits.frames.perSecond} a second; the excess is dropped.`,
        });
      return;
    }
    onFrame(ctx, ws, peer, data.toString()).catch(() =>
      send(ws, { frame: 'error', code: 'network', message: 'Storage is unavailable: try again.' }),
    );
  });
}

async function onFrame(ctx: AppContext, ws: WebSocket, peer: Peer, text: string): Promise<void> {
  let input: unknown;
  try {
    input = parseJsonInput(text, 'frame');
  } catch (error) {
    const message = error instanceof JsonInputError ? error.issue.message : 'frame: expected JSON';
    send(ws, { frame: 'error', code: 'validation_failed', message });
    return;
  }
  const result = check(ClientFrameSchema, input, 'frame');
  if (!result.ok) {
    send(ws, {
      frame: 'error',
      code: 'validation_failed',
      message: result.issues.map((i) => i.message).join('; '),
    });
    return;
  }
  const frame = result.value;
  if (frame.frame === 'ping') {
    send(ws, { frame: 'pong' });
    return;
  }
  const rows = await ctx.db.query<{ visitor_id: string; name: string | null }>(
    'select c.visitor_id, v.name from conversations c join visitors v on v.id = c.visitor_id where c.id = $1 and c.site_id = $2',
    [frame.conversationId, peer.site.id],
  );
  const conv = rows[0];
  if (!conv || (peer.kind === 'visitor' && conv.visitor_id !== peer.visitorId)) {
    send(ws, { frame: 'error', code: 'not_found', message: 'The conversation was not found.' });
    return;
  }
  if (peer.kind === 'visitor') {
    ctx.hub.publishEphemeral(siteStream(peer.site.id), {
      type: 'typing',
      conversationId: frame.conversationId,
      by: 'visitor',
      name: conv.name,
      typing: frame.typing,
    });
  } else {
    const event = {
      type: 'typing' as const,
      conversationId: frame.conversationId,
      by: 'agent' as const,
      name: peer.name,
      typing: frame.typing,
    };
    ctx.hub.publishEphemeral(visitorStream(conv.visitor_id), event);
    ctx.hub.publishEphemeral(siteStream(peer.site.id), event);
  }
}
