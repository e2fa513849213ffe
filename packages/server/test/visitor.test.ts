import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

describe('session and config', () => {
  it('starts a session with the public config, availability and cursor, and resumes it by token', async () => {
    const first = await visitor(server, { locale: 'cs', attributes: { plan: 'pro' } });
    expect(first.visitor.attributes).toEqual({ plan: 'pro' });
    expect(first.config.name).toBe('Frontdesk Demo');
    expect(first.config).not.toHaveProperty('webhooks');
    expect(first.config).not.toHaveProperty('allowedOrigins');
    expect(first.configVersion).toBe(1);
    expect(first.cursor).toBe(0);
    expect(first.availability.status).toBe('offline');
    const again = await visitor(server, { visitorToken: first.token });
    expect(again.visitor.id).toBe(first.visitor.id);
    const forged = await visitor(server, { visitorToken: `${first.token.slice(0, -2)}xx` });
    expect(forged.visitor.id).not.toBe(first.visitor.id);
  });

  it('serves the config with an ETag and answers 304 when unchanged', async () => {
    const reply = await request(server, 'GET', `/v1/config?siteKey=${server.siteKey}`, { site: null });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(1);
    expect(reply.headers.get('cache-control')).toContain('max-age');
    const etag = reply.headers.get('etag')!;
    const cached = await request(server, 'GET', '/v1/config', { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
  });

  it('refuses an unknown or missing site key', async () => {
    expect((await request(server, 'POST', '/v1/session', { site: 'nope', body: {} })).status).toBe(404);
    const missing = await request(server, 'POST', '/v1/session', { site: null, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('headers.x-frontdesk-site');
  });

  it('updates the visitor attributes and page', async () => {
    const v = await visitor(server);
    const reply = await request(server, 'PATCH', '/v1/visitor', {
      token: v.token,
      body: { attributes: { cart: 3 }, page: { url: 'https://shop.example.com/cart', title: 'Cart' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.attributes).toEqual({ cart: 3 });
  });

  it('fills the profile from what the visitor gave (pre-chat name, email, phone), so agents see who it is', async () => {
    const v = await visitor(server);
    const reply = await request(server, 'PATCH', '/v1/visitor', {
      token: v.token,
      body: {
        name: 'Ana Nováková',
        email: 'ana@example.com',
        phone: '+420 123 456 789',
        attributes: { topic: 'billing' },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Ana Nováková', email: 'ana@example.com' });
    expect(reply.body.attributes).toEqual({ topic: 'billing', phone: '+420 123 456 789' });
    const { conversation: c } = await conversation(server, v.token, 'Who am I?');
    const agent = await login(server);
    const detail = await request(server, 'GET', `/v1/agent/conversations/${c.id}`, { token: agent });
    expect(detail.body.visitor).toMatchObject({ name: 'Ana Nováková', email: 'ana@example.com' });
    const bad = await request(server, 'PATCH', '/v1/visitor', {
      token: v.token,
      body: { email: 'not-mail' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.email');
  });

  it('keeps at most 100 attributes per visitor, however many requests add them', async () => {
    const v = await visitor(server);
    const batch = (from: number) =>
      Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${from + i}`, i]));
    const first = await request(server, 'PATCH', '/v1/visitor', {
      token: v.token,
      body: { attributes: batch(0) },
    });
    expect(first.status).toBe(200);
    const second = await request(server, 'PATCH', '/v1/visitor', {
      token: v.token,
      body: { attributes: batch(60) },
    });
    expect(second.status).toBe(400);
    expect(second.body.error.issues[0].message).toBe('body.attributes: expected at most 100 attributes');
  });
});

describe('conversations and messages', () => {
  it('creates a conversation with its first message, idempotently', async () => {
    const v = await visitor(server);
    const body = {
      clientId: cid(),
      subject: 'Order',
      message: { clientId: cid(), text: 'Where is my order?' },
    };
    const first = await request(server, 'POST', '/v1/conversations', { token: v.token, body });
    expect(first.status).toBe(201);
    expect(first.body.conversation.status).toBe('open');
    expect(first.body.message.seq).toBe(1);
    expect(first.body.message.author.kind).toBe('visitor');
    const repeat = await request(server, 'POST', '/v1/conversations', { token: v.token, body });
    expect(repeat.status).toBe(200);
    expect(repeat.body.conversation.id).toBe(first.body.conversation.id);
    expect(repeat.body.message.id).toBe(first.body.message.id);
    const list = await request(server, 'GET', '/v1/conversations', { token: v.token });
    expect(list.body).toHaveLength(1);
    const none = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: { clientId: cid() },
    });
    expect(none.body.message).toBeNull();
  });

  it('sends messages idempotently by clientId and lists them after a seq', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const clientId = cid();
    const path = `/v1/conversations/${conv.id}/messages`;
    const sent = await request(server, 'POST', path, { token: v.token, body: { clientId, text: 'second' } });
    expect(sent.status).toBe(201);
    expect(sent.body.seq).toBe(2);
    const again = await request(server, 'POST', path, { token: v.token, body: { clientId, text: 'second' } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(sent.body.id);
    const all = await request(server, 'GET', path, { token: v.token });
    expect(all.body.map((m: { text: string }) => m.text)).toEqual(['Hello', 'second']);
    const after = await request(server, 'GET', `${path}?afterSeq=1`, { token: v.token });
    expect(after.body.map((m: { seq: number }) => m.seq)).toEqual([2]);
    const one = await request(server, 'GET', `/v1/conversations/${conv.id}`, { token: v.token });
    expect(one.body.lastSeq).toBe(2);
    // The answer, the listing and the stream event describe the message identically.
    expect(all.body[1]).toEqual(sent.body);
    const events = await request(server, 'GET', '/v1/events?after=0', { token: v.token });
    const event = events.body.events.find(
      (e: { message?: { id: string } }) => e.message?.id === sent.body.id,
    );
    expect(event.message).toEqual(sent.body);
  });

  it('redacts configured patterns (card numbers) before storing', async () => {
    const v = await visitor(server);
    const { message } = await conversation(server, v.token, 'my card is 4111 1111 1111 1111 thanks');
    expect(message.text).toBe('my card is [redacted] thanks');
  });

  it('keeps per-visitor events gap-free and pages them by cursor', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    for (let i = 0; i < 4; i++)
      await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
        token: v.token,
        body: { clientId: cid(), text: `m${i}` },
      });
    const all = await request(server, 'GET', '/v1/events?after=0', { token: v.token });
    expect(all.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.body.events[0].type).toBe('conversation.created');
    const page = await request(server, 'GET', '/v1/events?after=2&limit=2', { token: v.token });
    expect(page.body).toMatchObject({ cursor: 4, hasMore: true });
    const end = await request(server, 'GET', '/v1/events?after=6', { token: v.token });
    expect(end.body).toEqual({ events: [], cursor: 6, hasMore: false });
    const session = await visitor(server, { visitorToken: v.token });
    expect(session.cursor).toBe(6);
  });

  it('long-polls: an empty wait returns the next event as soon as it is stored', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const poll = request(server, 'GET', '/v1/events?after=2&wait=10', { token: v.token });
    await new Promise((r) => setTimeout(r, 200));
    await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid(), text: 'wake up' },
    });
    const reply = await poll;
    expect(reply.body.events.map((e: { seq: number }) => e.seq)).toEqual([3]);
  });

  it('marks read, accepts typing, rates and tracks', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const base = `/v1/conversations/${conv.id}`;
    expect(
      (await request(server, 'POST', `${base}/read`, { token: v.token, body: { readSeq: 1 } })).status,
    ).toBe(204);
    expect((await request(server, 'GET', base, { token: v.token })).body.visitorReadSeq).toBe(1);
    expect(
      (await request(server, 'POST', `${base}/typing`, { token: v.token, body: { typing: true } })).status,
    ).toBe(204);
    const rate = { clientId: cid(), csat: 5, nps: 9, comment: 'great' };
    const rated = await request(server, 'POST', `${base}/rating`, { token: v.token, body: rate });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ conversationId: conv.id, csat: 5, nps: 9, comment: 'great' });
    expect((await request(server, 'POST', `${base}/rating`, { token: v.token, body: rate })).status).toBe(
      200,
    );
    const badRate = await request(server, 'POST', `${base}/rating`, {
      token: v.token,
      body: { clientId: cid(), csat: 9 },
    });
    expect(badRate.status).toBe(400);
    expect(badRate.body.error.issues[0].path).toBe('body.csat');
    const tracked = await request(server, 'POST', '/v1/track', {
      token: v.token,
      body: { name: 'cart.viewed', data: { items: 2 } },
    });
    expect(tracked.status).toBe(204);
  });
});

describe('authorisation and bad input', () => {
  it('refuses requests without a valid visitor token', async () => {
    expect((await request(server, 'GET', '/v1/conversations')).status).toBe(401);
    const forged = await request(server, 'GET', '/v1/conversations', { token: 'eyJrIjoidiJ9.forged' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
  });

  it("never hands a visitor an agent's note through a reused clientId", async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'note id');
    const agentToken = await login(server);
    const id = cid();
    const note = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agentToken,
      body: { clientId: id, text: 'Internal: suspected fraud', internal: true },
    });
    expect(note.status).toBe(201);
    const reply = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: id, text: 'hello' },
    });
    expect(reply.status).toBe(409);
    expect(JSON.stringify(reply.body)).not.toContain('suspected fraud');
  });

  it("never lets a visitor read or write another visitor's conversation", async () => {
    const alice = await visitor(server);
    const bob = await visitor(server);
    const { conversation: conv } = await conversation(server, alice.token, 'private');
    const base = `/v1/conversations/${conv.id}`;
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['GET', `${base}/messages`, undefined],
      ['POST', `${base}/messages`, { clientId: cid(), text: 'intrusion' }],
      ['POST', `${base}/read`, { readSeq: 1 }],
      ['POST', `${base}/rating`, { clientId: cid(), csat: 1 }],
    ] as const) {
      const reply = await request(server, method, path, { token: bob.token, body });
      expect(reply.status, `${method} ${path}`).toBe(404);
    }
    expect((await request(server, 'GET', '/v1/conversations', { token: bob.token })).body).toEqual([]);
    const events = await request(server, 'GET', '/v1/events?after=0', { token: bob.token });
    expect(events.body.events).toEqual([]);
  });

  it('answers bad input with 400 and issues naming each path, and stores nothing', async () => {
    const v = await visitor(server);
    const reply = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: { clientId: 'x', message: { clientId: cid(), text: 42 } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.clientId', 'body.message.text']));
    expect((await request(server, 'GET', '/v1/conversations', { token: v.token })).body).toEqual([]);
    const malformed = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: '{"clientId": ',
    });
    expect(malformed.status).toBe(400);
    const wrongType = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: 'clientId=abc',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const query = await request(server, 'GET', '/v1/events?after=-1', { token: v.token });
    expect(query.status).toBe(400);
    expect(query.body.error.issues[0].path).toBe('query.after');
    const tooLong = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: { clientId: cid(), message: { clientId: cid(), text: 'x'.repeat(5001) } },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues[0].path).toBe('body.message.text');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const v = await visitor(server);
    const reply = await request(server, 'POST', '/v1/track', {
      token: v.token,
      body: { name: 'big', data: { blob: 'x'.repeat(300_000) } },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const reply = await request(server, 'GET', '/v1/nothing-here');
    expect(reply.status).toBe(404);
  });

  it('tells a refused page why (a readable origin_not_allowed) and lists refused origins for admins', async () => {
    const page = 'https://not-yet-allowed.example.com';
    // The widget's first request: a CORS-simple GET (site key in the query, no preflight).
    const refused = await request(server, 'GET', `/v1/config?siteKey=${server.siteKey}`, {
      site: null,
      origin: page,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
    expect(refused.body.error.message).toContain('allowedOrigins');
    // The browser lets that page read the answer; it holds no site data.
    expect(refused.headers.get('access-control-allow-origin')).toBe(page);
    expect(refused.body).not.toHaveProperty('config');
    await request(server, 'GET', `/v1/config?siteKey=${server.siteKey}`, { site: null, origin: page });
    const admin = await login(server, 'admin');
    const list = await request(server, 'GET', '/v1/admin/config/refused-origins', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.origins[0]).toMatchObject({ origin: page, count: 2 });
    // Agents who are not admins do not see it.
    const agent = await login(server);
    expect((await request(server, 'GET', '/v1/admin/config/refused-origins', { token: agent })).status).toBe(
      403,
    );
  });

  it('enforces allowed origins on requests and CORS preflights', async () => {
    const evil = await request(server, 'POST', '/v1/session', {
      body: {},
      origin: 'https://evil.example.com',
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('origin_not_allowed');
    const own = await request(server, 'POST', '/v1/session', { body: {}, origin: server.url });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(server.url);
    const preflight = await fetch(`${server.url}/v1/session`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await fetch(`${server.url}/v1/session`, {
      method: 'OPTIONS',
      headers: { origin: server.url, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toContain('X-Frontdesk-Site');
  });
});
