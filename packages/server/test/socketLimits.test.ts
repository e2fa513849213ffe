import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, conversation, login, visitor, visitorSocket } from './helpers';

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
});
