import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, cid, conversation, login, request, visitor, visitorSocket } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      RATE_LIMIT_VISITOR: '0',
      RATE_LIMIT_IP: '0',
      SOCKET_FRAMES_PER_SECOND: '2',
      MAX_VISITOR_SOCKETS: '50',
    },
  });
}, 120_000);
afterAll(() => server?.stop());

/** A WebSocket upgrade that reads nothing the server sends: a reader that cannot keep up. */
function stalledSocket(path: string): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('per-visitor realtime limits', () => {
  it('drops typing frames past the per-visitor rate: a flood does not reach the agent', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const agent = agentSocket(server, await login(server));
    await agent.until((f) => f.some((x) => x.frame === 'hello'));
    const socket = visitorSocket(server, v.token);
    await socket.until((f) => f.some((x) => x.frame === 'hello'));
    const typing = (on: boolean) => JSON.stringify({ frame: 'typing', conversationId: conv.id, typing: on });
    for (let i = 0; i < 2000; i++) socket.socket.send(typing(true));
    await socket.until((f) => f.some((x) => x.frame === 'error' && x.code === 'rate_limited'));
    // Once the bucket refills, a typing stop gets through again (the socket stayed usable).
    const typingEvents = () =>
      agent.frames.flatMap((f) =>
        f.frame === 'ephemeral' && f.event.type === 'typing' && f.event.conversationId === conv.id
          ? [f.event]
          : [],
      );
    for (let i = 0; i < 100 && !typingEvents().some((e) => e.type === 'typing' && !e.typing); i++) {
      socket.socket.send(typing(false));
      await new Promise((r) => setTimeout(r, 300));
    }
    const received = typingEvents();
    expect(received.some((e) => e.type === 'typing' && !e.typing)).toBe(true);
    expect(received.filter((e) => e.type === 'typing' && e.typing).length).toBeLessThan(50);
    socket.close();
    agent.close();
  }, 60_000);

  it("drops a visitor's sockets that do not read once together they hold more than the cap", async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    // About 9 MB of backlog: what one socket cannot take in (the kernel's loopback buffers hold a few MB) stays in
    // the server's memory, under the 8 MB cap of one socket; twenty such sockets are far over the visitor's cap.
    const text = '€'.repeat(5000);
    const count = 630;
    let sent = 0;
    const writer = async () => {
      while (sent < count) {
        sent++;
        const reply = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
          token: v.token,
          body: { clientId: cid(), text },
        });
        expect(reply.status).toBe(201);
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    const path = `/v1/realtime?${new URLSearchParams({ token: v.token, after: '0' })}`;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => stalledSocket(path)));
    // Let the server queue the backlog for all twenty (a pause, not a measured figure), then read each socket to
    // its end: a socket the server dropped ends before the whole backlog; a kept one delivers all of it.
    await new Promise((r) => setTimeout(r, 5000));
    const backlogBytes = count * Buffer.byteLength(text);
    const outcomes = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<'cut' | 'whole'>((resolve) => {
            let received = 0;
            const done = (outcome: 'cut' | 'whole') => {
              socket.destroy();
              resolve(outcome);
            };
            socket.on('data', (chunk: Buffer) => {
              received += chunk.length;
              if (received >= backlogBytes) done('whole');
            });
            socket.on('error', () => done('cut'));
            socket.on('close', () => done(received >= backlogBytes ? 'whole' : 'cut'));
            socket.resume();
          }),
      ),
    );
    // Without the per-visitor cap, every socket keeps its backlog in the server's memory: twenty times it.
    expect(outcomes.filter((o) => o === 'cut').length).toBeGreaterThanOrEqual(10);
    // A reading socket of the same visitor still gets the whole backlog.
    const reader = visitorSocket(server, v.token, 0);
    await reader.until(() => reader.events().length >= count + 2, 30_000);
    reader.close();
  }, 120_000);
});
