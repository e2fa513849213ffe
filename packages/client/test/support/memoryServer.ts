import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFrontdeskError } from '@frontdesk/client';
import { createMemoryHub, type MemoryHub, type MemoryHubOptions } from '@frontdesk/client/memory';
import { ERROR_STATUS } from '@frontdesk/protocol';
import { WebSocketServer } from 'ws';

/**
 * A faithful stand-in for the reference server over a memory hub: the same routes, headers, bodies, error shapes
 * and realtime frames (ROUTES in @frontdesk/protocol). Used until/besides the real server in tests.
 */
export async function startMemoryServer(
  options: MemoryHubOptions & { siteKey?: string; port?: number } = {},
) {
  const hub: MemoryHub = createMemoryHub(options);
  const siteKey = options.siteKey ?? 'pk_test';
  const sockets = new Set<import('ws').WebSocket>();
  let blockWebSocket = false;

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type, x-frontdesk-site',
      'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw ? JSON.parse(raw) : {};
  };

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/v1/, '');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return send(res, 204);
    if ((req.headers['x-frontdesk-site'] ?? url.searchParams.get('siteKey')) !== siteKey)
      return send(res, 404, {
        error: { code: 'not_found', message: 'No site has this key: check X-Frontdesk-Site.' },
      });
    const token =
      req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token') ?? undefined;
    const me = () => hub.visitorOf(token);
    const q = (name: string) => url.searchParams.get(name);
    const m = path.match(/^\/conversations\/([^/]+)(?:\/(\w+))?$/);
    const key = `${method} ${m ? `/conversations/:id${m[2] ? `/${m[2]}` : ''}` : path.replace(/^\/help\/articles\/[^/]+/, '/help/articles/:id').replace(/^\/forms\/[^/]+/, '/forms/:id')}`;
    const id = m?.[1] ? decodeURIComponent(m[1]) : '';
    switch (key) {
      case 'POST /session':
        return send(res, 200, hub.startSession(await readJson(req)));
      case 'GET /config':
        return send(res, 200, { config: hub.config, version: hub.configVersion });
      case 'PATCH /visitor':
        return send(res, 200, hub.updateVisitor(me(), await readJson(req)));
      case 'GET /conversations':
        return send(res, 200, hub.listConversations(me()));
      case 'POST /conversations':
        return send(res, 201, hub.createConversation(me(), await readJson(req)));
      case 'GET /conversations/:id/messages':
        return send(
          res,
          200,
          hub.listMessages(me(), id, Number(q('afterSeq') ?? 0), Number(q('limit') ?? 100)),
        );
      case 'POST /conversations/:id/messages':
        return send(res, 201, hub.sendMessage(me(), id, await readJson(req)));
      case 'POST /conversations/:id/read':
        hub.markRead(me(), id, (await readJson(req)).readSeq);
        return send(res, 204);
      case 'POST /conversations/:id/typing':
        hub.typing(me(), id, (await readJson(req)).typing);
        return send(res, 204);
      case 'POST /conversations/:id/rating':
        return send(res, 201, hub.rate(me(), id, await readJson(req)));
      case 'GET /events': {
        const visitor = me();
        const after = Number(q('after') ?? 0);
        const limit = Number(q('limit') ?? 100);
        const wait = Math.min(Number(q('wait') ?? 0), 25);
        let page = hub.events(visitor, after, limit);
        if (!page.events.length && wait > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, wait * 1000);
            const stop = hub.listen(visitor, (event) => event && done());
            req.on('close', done);
            function done() {
              clearTimeout(timer);
              stop();
              resolve();
            }
          });
          page = hub.events(visitor, after, limit);
        }
        return send(res, 200, page);
      }
      case 'GET /help/search':
        return send(res, 200, hub.search(q('q') ?? '', q('locale') ?? 'en'));
      case 'GET /help/articles/:id':
        return send(res, 200, hub.getArticle(decodeURIComponent(path.split('/')[3]!)));
      case 'GET /help/categories':
        return send(res, 200, hub.listCategories());
      case 'POST /help/articles/:id/feedback':
        hub.articleFeedback(decodeURIComponent(path.split('/')[3]!));
        return send(res, 204);
      case 'POST /forms/:id/submissions':
        return send(res, 201, hub.submitForm(me(), await readJson(req)));
      case 'POST /uploads': {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const form = await new Response(Buffer.concat(chunks), {
          headers: { 'content-type': req.headers['content-type'] ?? '' },
        }).formData();
        const file = form.get('file') as File;
        return send(res, 201, hub.upload(String(form.get('name') ?? file.name), file.type, file.size));
      }
      case 'POST /track':
        hub.track(me(), await readJson(req));
        return send(res, 204);
    }
    return send(res, 404, { error: { code: 'not_found', message: `No route ${method} ${url.pathname}.` } });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      if (isFrontdeskError(error))
        send(res, error.status ?? ERROR_STATUS[error.code], {
          error: {
            code: error.code,
            message: error.message,
            ...(error.issues.length && { issues: error.issues }),
          },
        });
      else send(res, 500, { error: { code: 'internal', message: String(error) } });
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (blockWebSocket) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? '/', 'http://x');
      let visitor: string;
      try {
        visitor = hub.visitorOf(url.searchParams.get('token') ?? undefined);
      } catch (error) {
        ws.send(JSON.stringify({ frame: 'error', code: 'unauthorized', message: String(error) }));
        return ws.close();
      }
      sockets.add(ws);
      let cursor = Number(url.searchParams.get('after') ?? 0);
      const pending: Parameters<Parameters<MemoryHub['listen']>[1]>[] = [];
      let live = false;
      const forward = (...[event, ephemeral]: Parameters<Parameters<MemoryHub['listen']>[1]>) => {
        if (event && event.seq > cursor) {
          cursor = event.seq;
          ws.send(JSON.stringify({ frame: 'event', event }));
        }
        if (ephemeral) ws.send(JSON.stringify({ frame: 'ephemeral', event: ephemeral }));
      };
      const stop = hub.listen(visitor, (...args) => (live ? forward(...args) : pending.push(args)));
      ws.send(JSON.stringify({ frame: 'hello', protocol: 1, cursor }));
      for (let page = hub.events(visitor, cursor, 1000); ; page = hub.events(visitor, page.cursor, 1000)) {
        for (const event of page.events) forward(event, null);
        if (!page.hasMore) break;
      }
      live = true;
      for (const args of pending.splice(0)) forward(...args);
      ws.on('message', (data) => {
        if (String(data).includes('"ping"')) ws.send('{"frame":"pong"}');
      });
      ws.on('close', () => {
        stop();
        sockets.delete(ws);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    siteKey,
    hub,
    /** Drop every realtime connection (clients reconnect and resync). */
    dropConnections() {
      for (const ws of sockets) ws.terminate();
    },
    /** Realtime WebSockets open right now. */
    get socketCount() {
      return sockets.size;
    },
    /** Refuse WebSocket upgrades, like a proxy that blocks them. */
    blockWebSockets(block = true) {
      blockWebSocket = block;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
