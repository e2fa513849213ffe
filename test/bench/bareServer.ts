/**
 * The floor for the load bench: a bare `ws` server doing the least the real one does per message. A POST
 * `/send/<visitor>` pushes one event frame to every agent socket and to that visitor's socket; sockets get the same
 * `hello` frame. No storage, no auth: what is left is Node, HTTP and WebSocket cost on this machine.
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const agents = new Set<WebSocket>();
const visitors = new Map<string, WebSocket>();

const server = createServer((req, res) => {
  const visitor = /^\/send\/([\w-]+)$/.exec(req.url ?? '')?.[1];
  if (req.method !== 'POST' || !visitor) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { text } = JSON.parse(Buffer.concat(chunks).toString()) as { text: string };
    const frame = JSON.stringify({ frame: 'event', event: { type: 'message.created', message: { text } } });
    for (const agent of agents) agent.send(frame);
    visitors.get(visitor)?.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});

new WebSocketServer({ server }).on('connection', (socket, req) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const token = url.searchParams.get('token') ?? '';
  if (url.pathname === '/agent') agents.add(socket);
  else visitors.set(token, socket);
  socket.on('close', () => {
    agents.delete(socket);
    if (visitors.get(token) === socket) visitors.delete(token);
  });
  socket.send(JSON.stringify({ frame: 'hello' }));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => process.exit(0));
