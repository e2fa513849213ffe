import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = await login(server);
}, 120_000);
afterAll(() => server?.stop());

const agent = (method: string, path: string, body?: unknown, as = token) =>
  request(server, method, `/v1/agent${path}`, { site: null, token: as, body });

describe('agent sign-in', () => {
  it('logs in with the right password only, and knows who it is', async () => {
    const wrong = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      body: { email: server.agent.email, password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      body: { email: 'ghost@test.local', password: 'nope' },
    });
    expect(unknown.status).toBe(401);
    const me = await agent('GET', '/me');
    expect(me.body).toMatchObject({ email: server.agent.email, role: 'agent', roles: ['agent'] });
    expect((await agent('GET', '/me', undefined, 'forged')).status).toBe(401);
    expect((await request(server, 'GET', '/v1/agent/me', { site: null })).status).toBe(401);
  });

  it('refuses a visitor token on agent routes', async () => {
    const v = await visitor(server);
    expect((await agent('GET', '/conversations', undefined, v.token)).status).toBe(401);
  });

  it('presence drives the availability visitors see', async () => {
    expect((await agent('POST', '/presence', { status: 'online' })).status).toBe(200);
    expect((await visitor(server)).availability).toMatchObject({ status: 'online', expectedReplyMinutes: 5 });
    await agent('POST', '/presence', { status: 'away' });
    expect((await visitor(server)).availability.status).toBe('away');
    await agent('POST', '/presence', { status: 'offline' });
    expect((await visitor(server)).availability.status).toBe('offline');
    expect((await agent('POST', '/presence', { status: 'busy' })).status).toBe(400);
  });
});

describe('inbox and conversations', () => {
  it('lists and filters the inbox, shows the visitor context, replies and tracks first response', async () => {
    const v = await visitor(server, { page: { url: 'https://shop.example.com/orders/7', title: 'Order 7' } });
    const { conversation: conv } = await conversation(server, v.token, 'where is order 7?');
    const inbox = await agent('GET', '/conversations?status=open');
    const row = inbox.body.find((c: { id: string }) => c.id === conv.id);
    expect(row).toMatchObject({ preview: 'where is order 7?', unread: 1, assigneeId: null });
    expect((await agent('GET', '/conversations?status=closed')).status).toBe(400);
    const detail = await agent('GET', `/conversations/${conv.id}`);
    expect(detail.body.visitor.page.url).toBe('https://shop.example.com/orders/7');
    const reply = await agent('POST', `/conversations/${conv.id}/messages`, {
      clientId: cid(),
      text: 'On its way!',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.author).toMatchObject({ kind: 'agent', name: 'Demo Agent' });
    const after = await agent('GET', `/conversations/${conv.id}`);
    expect(after.body.conversation.firstResponseAt).not.toBeNull();
    const note = await agent('POST', `/conversations/${conv.id}/messages`, {
      clientId: cid(),
      text: 'VIP',
      internal: true,
    });
    expect(note.body.internal).toBe(true);
    const seen = await request(server, 'GET', `/v1/conversations/${conv.id}/messages`, { token: v.token });
    expect(seen.body.map((m: { text: string }) => m.text)).toEqual(['where is order 7?', 'On its way!']);
    const all = await agent('GET', `/conversations/${conv.id}/messages`);
    expect(all.body[1]).toEqual(reply.body);
    expect(all.body[2]).toEqual(note.body);
    expect(all.body.map((m: { text: string }) => m.text)).toEqual([
      'where is order 7?',
      'On its way!',
      'VIP',
    ]);
    expect((await agent('GET', `/conversations/${conv.id}/messages?afterSeq=2`)).body).toHaveLength(1);
    expect((await agent('GET', '/conversations/cv_nope')).status).toBe(404);
  });

  it('assigns, filters by assignee, resolves with a timestamp, asks for a rating, and reopens', async () => {
    const me = (await agent('GET', '/me')).body;
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const assigned = await agent('POST', `/conversations/${conv.id}/assign`, { assigneeId: me.id });
    expect(assigned.body.assigneeId).toBe(me.id);
    const mine = await agent('GET', '/conversations?assignee=me');
    expect(mine.body.map((c: { id: string }) => c.id)).toContain(conv.id);
    const unassigned = await agent('GET', '/conversations?assignee=unassigned');
    expect(unassigned.body.map((c: { id: string }) => c.id)).not.toContain(conv.id);
    expect(
      (await agent('POST', `/conversations/${conv.id}/assign`, { assigneeId: 'ag_missing' })).status,
    ).toBe(404);
    const pending = await agent('POST', `/conversations/${conv.id}/status`, { status: 'pending' });
    expect(pending.body.status).toBe('pending');
    const resolved = await agent('POST', `/conversations/${conv.id}/status`, { status: 'resolved' });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const events = (await request(server, 'GET', '/v1/events?after=0', { token: v.token })).body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'conversation.created',
      'message.created',
      'conversation.updated',
      'conversation.updated',
      'conversation.updated',
      'rating.requested',
    ]);
    const reopened = await agent('POST', `/conversations/${conv.id}/status`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
  });

  it('marks read both ways and tells the other side', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    expect((await agent('POST', `/conversations/${conv.id}/read`, { readSeq: 99 })).status).toBe(204);
    const events = (await request(server, 'GET', '/v1/events?after=0', { token: v.token })).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'message.read', by: 'agent', readSeq: 1 });
    const messages = await request(server, 'GET', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
    });
    expect(messages.body[0].readAt).not.toBeNull();
    expect((await agent('POST', `/conversations/${conv.id}/typing`, { typing: true })).status).toBe(204);
    // The visitor reads the reply on one device: their stream (every device) and the agents hear of it.
    await agent('POST', `/conversations/${conv.id}/messages`, { clientId: cid(), text: 'Hello' });
    const read = await request(server, 'POST', `/v1/conversations/${conv.id}/read`, {
      token: v.token,
      body: { readSeq: 2 },
    });
    expect(read.status).toBe(204);
    const after = (await request(server, 'GET', '/v1/events?after=0', { token: v.token })).body.events;
    expect(after.at(-1)).toMatchObject({ type: 'message.read', by: 'visitor', readSeq: 2 });
    const site = (await agent('GET', '/events?after=0')).body.events;
    expect(site.at(-1)).toMatchObject({ type: 'message.read', by: 'visitor', readSeq: 2 });
  });

  it('pages the site event stream', async () => {
    const page = await agent('GET', '/events?after=0&limit=2');
    expect(page.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(page.body.hasMore).toBe(true);
  });

  it('manages canned responses', async () => {
    const listed = await agent('GET', '/canned');
    expect(listed.body.map((c: { shortcut: string }) => c.shortcut)).toEqual(['hello', 'tracking']);
    const created = await agent('POST', '/canned', {
      shortcut: 'refund',
      title: 'Refund',
      text: 'Refunded.',
    });
    expect(created.status).toBe(201);
    expect((await agent('POST', '/canned', { shortcut: 'refund', title: 'x', text: 'y' })).status).toBe(409);
    const bad = await agent('POST', '/canned', { shortcut: 'Not Valid', title: '', text: 'y' });
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.shortcut',
      'body.title',
    ]);
    expect((await agent('DELETE', `/canned/${created.body.id}`)).status).toBe(204);
    expect((await agent('DELETE', `/canned/${created.body.id}`)).status).toBe(404);
  });

  it('lists articles including drafts and shows a visitor with their conversations', async () => {
    const articles = await agent('GET', '/articles');
    expect(articles.body.length).toBeGreaterThanOrEqual(4);
    const v = await visitor(server);
    await conversation(server, v.token);
    const context = await agent('GET', `/visitors/${v.visitor.id}`);
    expect(context.body.conversations).toHaveLength(1);
    expect((await agent('GET', '/visitors/vis_nope')).status).toBe(404);
  });

  it('refuses admin routes to an agent token (403) and allows them to an admin', async () => {
    for (const path of ['/v1/admin/config', '/v1/admin/agents', '/v1/admin/stats'])
      expect((await request(server, 'GET', path, { site: null, token })).status).toBe(403);
    const admin = await login(server, 'admin');
    expect((await request(server, 'GET', '/v1/admin/agents', { site: null, token: admin })).status).toBe(200);
  });
});
