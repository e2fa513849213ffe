import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, cid, conversation, login, request, visitor, visitorSocket } from './helpers';

let server: TestServer;
let capped: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', PRESENCE_GRACE_MS: '300' } });
  capped = await startServer({ env: { MAX_VISITOR_SOCKETS: '3' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await capped?.stop();
});

describe('visitor realtime', () => {
  it('sends hello, then the backlog after the cursor, then live events, with no gap and no duplicate', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const send = (text: string) =>
      request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
        token: v.token,
        body: { clientId: cid(), text },
      });
    for (let i = 0; i < 5; i++) await send(`backlog ${i}`);
    // Connect from seq 3 while more messages are being stored concurrently: the race the server must close.
    const live = Array.from({ length: 20 }, (_, i) => send(`live ${i}`));
    const socket = visitorSocket(server, v.token, 3);
    await Promise.all(live);
    await socket.until(() => socket.events().length >= 2 + 5 + 20 - 3);
    expect(socket.frames[0]).toMatchObject({ frame: 'hello', protocol: 1 });
    const seqs = socket.events().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 4));
    expect(seqs.at(-1)).toBe(27);
    socket.close();
  });

  it('refuses sockets and waiting long polls past MAX_VISITOR_SOCKETS (3 here) for one visitor, and takes one again once another closes', async () => {
    const v = await visitor(capped);
    const other = await visitor(capped);
    const open = [0, 1, 2].map(() => visitorSocket(capped, v.token));
    for (const socket of open) await socket.until((f) => f[0]?.frame === 'hello');
    const refused = visitorSocket(capped, v.token);
    expect(await refused.closed).toBe(4429);
    expect(refused.frames[0]).toMatchObject({ frame: 'error', code: 'rate_limited' });
    expect((refused.frames[0] as { message: string }).message).toContain('at most 3');
    // Another visitor is not affected.
    const theirs = visitorSocket(capped, other.token);
    await theirs.until((f) => f[0]?.frame === 'hello');
    open[0]!.close();
    await open[0]!.closed;
    const again = visitorSocket(capped, v.token);
    await again.until((f) => f[0]?.frame === 'hello');
    // A waiting long poll holds a connection too: at the cap it is refused with 429 and Retry-After.
    const poll = () =>
      fetch(`${capped.url}/v1/events?after=0&wait=1`, {
        headers: { authorization: `Bearer ${v.token}`, 'x-frontdesk-site': capped.siteKey },
      });
    const refusedPoll = await poll();
    expect(refusedPoll.status).toBe(429);
    expect(refusedPoll.headers.get('retry-after')).toBe('1');
    expect(((await refusedPoll.json()) as { error: { message: string } }).error.message).toContain(
      'at most 3',
    );
    // Once a socket closes (the server hears of it a moment later), a poll is taken and waits its second.
    again.close();
    let answer = await poll();
    for (let i = 0; answer.status === 429 && i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await poll();
    }
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ events: [] });
    for (const socket of [...open, theirs]) socket.close();
  });

  it('starts live-only when no cursor is given and answers ping with pong', async () => {
    const v = await visitor(server);
    await conversation(server, v.token);
    const socket = visitorSocket(server, v.token);
    await socket.until((f) => f.length >= 1);
    expect(socket.frames[0]).toMatchObject({ frame: 'hello', cursor: 2 });
    socket.socket.send(JSON.stringify({ frame: 'ping' }));
    socket.socket.send('not json');
    await socket.until((f) => f.some((x) => x.frame === 'pong') && f.some((x) => x.frame === 'error'));
    expect(socket.events()).toEqual([]);
    // An oversized frame closes that socket, and only that socket.
    socket.socket.send('x'.repeat(100_000));
    expect(await socket.closed).toBe(1009);
    expect((await request(server, 'GET', '/healthz', { site: null })).status).toBe(200);
  });

  it('refuses a forged token and a foreign origin with an error frame', async () => {
    const forged = visitorSocket(server, 'forged.token', 0);
    await forged.until((f) => f.length >= 1);
    expect(forged.frames[0]).toMatchObject({ frame: 'error', code: 'unauthorized' });
    expect(await forged.closed).toBe(4401);
    const v = await visitor(server);
    const foreign = visitorSocket(server, v.token, 0, 'https://evil.example.com');
    await foreign.until((f) => f.length >= 1);
    expect(foreign.frames[0]).toMatchObject({ frame: 'error', code: 'origin_not_allowed' });
    expect(await foreign.closed).toBe(4403);
    const own = visitorSocket(server, v.token, 0, server.url);
    await own.until((f) => f.length >= 1);
    expect(own.frames[0]).toMatchObject({ frame: 'hello' });
    own.close();
  });

  it("relays typing between the two sides, and never another visitor's events", async () => {
    const alice = await visitor(server);
    const bob = await visitor(server);
    const { conversation: conv } = await conversation(server, alice.token);
    const agent = agentSocket(server, await login(server));
    const bobSocket = visitorSocket(server, bob.token, 0);
    await agent.until((f) => f.length >= 1);
    const aliceSocket = visitorSocket(server, alice.token);
    await aliceSocket.until((f) => f.length >= 1);
    aliceSocket.socket.send(JSON.stringify({ frame: 'typing', conversationId: conv.id, typing: true }));
    await agent.until((f) => f.some((x) => x.frame === 'ephemeral' && x.event.type === 'typing'));
    const typing = agent.frames.find((x) => x.frame === 'ephemeral' && x.event.type === 'typing');
    expect(typing).toMatchObject({ event: { conversationId: conv.id, by: 'visitor', typing: true } });
    // Bob may not type into Alice's conversation.
    bobSocket.socket.send(JSON.stringify({ frame: 'typing', conversationId: conv.id, typing: true }));
    await bobSocket.until((f) => f.some((x) => x.frame === 'error'));
    expect(bobSocket.events()).toEqual([]);
    agent.close();
    bobSocket.close();
    aliceSocket.close();
  });

  it('answers a waiting long poll with the team typing, and an agent long poll with the visitor typing', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const token = await login(server);
    const cursor = (await request(server, 'GET', '/v1/events?after=0', { token: v.token })).body.cursor;
    const started = Date.now();
    const waiting = request(server, 'GET', `/v1/events?after=${cursor}&wait=20`, { token: v.token });
    await new Promise((r) => setTimeout(r, 300));
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/typing`, {
      site: null,
      token,
      body: { typing: true },
    });
    const page = await waiting;
    // Answered when the typing came, not after the 20 s wait; nothing stored came.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.body.events).toEqual([]);
    expect(page.body.ephemeral).toEqual([
      expect.objectContaining({ type: 'typing', conversationId: conv.id, by: 'agent', typing: true }),
    ]);
    const siteCursor = (
      await request(server, 'GET', '/v1/agent/events?after=0&limit=500', { site: null, token })
    ).body.cursor;
    const agentWaiting = request(server, 'GET', `/v1/agent/events?after=${siteCursor}&wait=20`, {
      site: null,
      token,
    });
    await new Promise((r) => setTimeout(r, 300));
    await request(server, 'POST', `/v1/conversations/${conv.id}/typing`, {
      token: v.token,
      body: { typing: true },
    });
    const agentPage = await agentWaiting;
    expect(agentPage.body.ephemeral).toContainEqual(
      expect.objectContaining({ type: 'typing', conversationId: conv.id, by: 'visitor', typing: true }),
    );
  });
});

describe('agent realtime', () => {
  it('receives visitor messages and internal notes on the site stream; the visitor never sees the notes', async () => {
    const token = await login(server);
    const agent = agentSocket(server, token);
    await agent.until((f) => f.length >= 1);
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'help me');
    const visitorLive = visitorSocket(server, v.token, 0);
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token,
      body: { clientId: cid(), text: 'secret note', internal: true },
    });
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token,
      body: { clientId: cid(), text: 'public reply' },
    });
    await agent.until(() => agent.events().filter((e) => e.type === 'message.created').length >= 3);
    const texts = agent.events().flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
    expect(texts).toEqual(['help me', 'secret note', 'public reply']);
    await visitorLive.until(() =>
      visitorLive.events().some((e) => e.type === 'message.created' && e.message.text === 'public reply'),
    );
    const seen = JSON.stringify(visitorLive.frames);
    expect(seen).not.toContain('secret note');
    const polled = await request(server, 'GET', '/v1/events?after=0', { token: v.token });
    expect(JSON.stringify(polled.body)).not.toContain('secret note');
    const listed = await request(server, 'GET', `/v1/conversations/${conv.id}/messages`, { token: v.token });
    expect(listed.body.map((m: { text: string }) => m.text)).toEqual(['help me', 'public reply']);
    const seqs = agent.events().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    agent.close();
    visitorLive.close();
  });
});

describe('presence', () => {
  it('tells visitors when an agent comes online, and goes offline once their last socket is gone', async () => {
    const token = await login(server);
    const agent = agentSocket(server, token);
    await agent.until((f) => f.length >= 1);
    const v = await visitor(server);
    const live = visitorSocket(server, v.token);
    await live.until((f) => f.length >= 1);
    await request(server, 'POST', '/v1/agent/presence', { site: null, token, body: { status: 'online' } });
    const availability = (status: string) => (frames: typeof live.frames) =>
      frames.some(
        (f) =>
          f.frame === 'ephemeral' &&
          f.event.type === 'availability' &&
          f.event.availability.status === status,
      );
    await live.until(availability('online'));
    expect((await visitor(server)).availability.status).toBe('online');
    agent.close();
    await live.until(availability('offline'));
    expect((await visitor(server)).availability.status).toBe('offline');
    live.close();
  });
});
