import { createHmac } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, conversation, login, request, visitor } from './helpers';

// #17 part A: leads, companies, attribute removal, conversation fields and tags (PATCH /v1/visitor, agent tags).
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

const patch = (token: string, body: unknown) => request(server, 'PATCH', '/v1/visitor', { token, body });
const hash = (userId: string) => createHmac('sha256', server.siteSecret).update(userId).digest('hex');

describe('leads and companies', () => {
  it('stores a lead apart from the profile, merges later details, and shows it to agents', async () => {
    const v = await visitor(server);
    const first = await patch(v.token, { lead: { name: 'Lea', email: 'lea@example.com' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      name: null,
      email: null,
      lead: { name: 'Lea', email: 'lea@example.com' },
    });
    const second = await patch(v.token, { lead: { phone: '+420 123 456 789' } });
    expect(second.body.lead).toEqual({ name: 'Lea', email: 'lea@example.com', phone: '+420 123 456 789' });
    const agent = await login(server);
    const context = await request(server, 'GET', `/v1/agent/visitors/${v.visitor.id}`, { token: agent });
    expect(context.body.visitor.lead).toEqual(second.body.lead);
    expect(context.body.visitor.userId).toBeNull();
  });

  it("never lets a lead take over a verified user's data", async () => {
    const user = await visitor(server, {
      identity: {
        userId: 'lead-victim',
        email: 'victim@example.com',
        name: 'Victim',
        userHash: hash('lead-victim'),
      },
    });
    await conversation(server, user.token, 'my private order');
    // An anonymous visitor claims the user's email: it stays their own unverified lead, nothing is merged or shown.
    const intruder = await visitor(server);
    await patch(intruder.token, { lead: { email: 'victim@example.com', name: 'Victim' } });
    const theirs = await request(server, 'GET', '/v1/conversations', { token: intruder.token });
    expect(theirs.body).toEqual([]);
    // Their session again (a reload): still their own visitor, not the user.
    const again = await visitor(server, { visitorToken: intruder.token });
    expect(again.visitor).toMatchObject({ id: intruder.visitor.id, userId: null, email: null });
    // The verified user calling identify as a lead keeps the verified name and email.
    const own = await patch(user.token, { lead: { name: 'Someone Else', email: 'other@example.com' } });
    expect(own.body).toMatchObject({ userId: 'lead-victim', name: 'Victim', email: 'victim@example.com' });
    expect(own.body.lead).toEqual({ name: 'Someone Else', email: 'other@example.com' });
    // When an anonymous visitor with a lead signs in as the verified user, the lead is dropped, not copied over.
    const signed = await visitor(server, {
      visitorToken: intruder.token,
      identity: { userId: 'lead-victim', userHash: hash('lead-victim') },
    });
    expect(signed.visitor).toMatchObject({ name: 'Victim', email: 'victim@example.com' });
    expect(signed.visitor.lead).toEqual({ name: 'Someone Else', email: 'other@example.com' });
  });

  it('sets, replaces and removes the company; deletes one attribute', async () => {
    const v = await visitor(server, { attributes: { plan: 'pro', seats: 5 } });
    const set = await patch(v.token, { company: { id: 'acme', name: 'Acme', attributes: { tier: 'gold' } } });
    expect(set.body.company).toEqual({ id: 'acme', name: 'Acme', attributes: { tier: 'gold' } });
    const removed = await patch(v.token, { unset: ['plan'] });
    expect(removed.body.attributes).toEqual({ seats: 5 });
    expect(removed.body.company.id).toBe('acme');
    const cleared = await patch(v.token, { company: null });
    expect(cleared.body.company).toBeNull();
  });

  it('answers 400 naming the path of a bad lead, company or attribute name', async () => {
    const v = await visitor(server);
    const cases: [unknown, string][] = [
      [{ lead: {} }, 'body.lead'],
      [{ lead: { email: 'nope' } }, 'body.lead.email'],
      [{ lead: { phone: 'call me' } }, 'body.lead.phone'],
      [{ company: { name: 'No id' } }, 'body.company.id'],
      [{ unset: ['bad key!'] }, 'body.unset[0]'],
    ];
    for (const [body, path] of cases) {
      const reply = await patch(v.token, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('validation_failed');
      expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });
});

describe('conversation fields and tags', () => {
  it('puts fields and tags on the current conversation, and agents see the change live', async () => {
    const agent = await login(server);
    const socket = agentSocket(server, agent);
    try {
      await socket.until((f) => f.some((x) => x.frame === 'hello'));
      const v = await visitor(server);
      const { conversation: conv } = await conversation(server, v.token, 'about my order');
      const reply = await patch(v.token, {
        conversation: { fields: { orderId: '123', total: 49.5 }, addTags: ['VIP ', 'billing'] },
      });
      expect(reply.status).toBe(200);
      await socket.until((frames) =>
        frames.some(
          (f) =>
            f.frame === 'event' &&
            f.event.type === 'conversation.updated' &&
            f.event.conversation.id === conv.id &&
            f.event.conversation.tags?.includes('vip') === true,
        ),
      );
      await patch(v.token, { conversation: { fields: { total: null }, removeTags: ['billing'] } });
      const seen = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, { token: agent });
      expect(seen.body.conversation.fields).toEqual({ orderId: '123' });
      expect(seen.body.conversation.tags).toEqual(['vip']);
    } finally {
      socket.close();
    }
  });

  it('holds values set before any conversation and puts them on the next one', async () => {
    const v = await visitor(server);
    await patch(v.token, { conversation: { fields: { page: 'checkout' }, addTags: ['pre-sale'] } });
    const { conversation: conv } = await conversation(server, v.token, 'hi');
    expect(conv.fields).toEqual({ page: 'checkout' });
    const agent = await login(server);
    const tagsOf = async (id: string) =>
      (await request(server, 'GET', `/v1/agent/conversations/${id}`, { token: agent })).body.conversation
        .tags;
    expect(await tagsOf(conv.id)).toEqual(['pre-sale']);
    // Taken once: a later conversation does not get them again.
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      token: agent,
      body: { status: 'resolved' },
    });
    const { conversation: next } = await conversation(server, v.token, 'again');
    expect(await tagsOf(next.id)).toEqual([]);
    expect(next.fields).toEqual({});
  });

  it('lets a visitor touch only their own conversation', async () => {
    const owner = await visitor(server);
    const { conversation: conv } = await conversation(server, owner.token, 'mine');
    const other = await visitor(server);
    const reply = await patch(other.token, {
      conversation: { conversationId: conv.id, addTags: ['hacked'] },
    });
    expect(reply.status).toBe(404);
    const agent = await login(server);
    const seen = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, { token: agent });
    expect(seen.body.conversation.tags).toEqual([]);
    const anonymous = await request(server, 'PATCH', '/v1/visitor', {
      body: { conversation: { addTags: ['x'] } },
    });
    expect(anonymous.status).toBe(401);
  });

  it('validates tags and fields with errors naming the path, and the totals per conversation', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const cases: [unknown, string][] = [
      [{ addTags: [''] }, 'body.conversation.addTags[0]'],
      [{ addTags: ['x'.repeat(41)] }, 'body.conversation.addTags[0]'],
      [{ addTags: [] }, 'body.conversation.addTags'],
      [{ fields: { 'bad key': 1 } }, 'body.conversation.fields'],
      [{ fields: { nested: { a: 1 } } }, 'body.conversation.fields.nested'],
    ];
    for (const [change, path] of cases) {
      const reply = await patch(v.token, { conversation: change });
      expect(reply.status, JSON.stringify(change)).toBe(400);
      expect(reply.body.error.issues.map((i: { path: string }) => i.path).join()).toContain(path);
    }
    const tags = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect((await patch(v.token, { conversation: { addTags: tags } })).status).toBe(200);
    const over = await patch(v.token, { conversation: { conversationId: conv.id, addTags: ['one-more'] } });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain('at most 20 tags');
    expect(over.body.error.issues[0].path).toBe('body.conversation.addTags');
  });

  it('lets agents add and remove tags; checks the body and the site', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const agent = await login(server);
    const path = `/v1/agent/conversations/${conv.id}/tags`;
    const added = await request(server, 'POST', path, { token: agent, body: { add: ['Refund', 'urgent'] } });
    expect(added.status).toBe(200);
    expect(added.body.tags).toEqual(['refund', 'urgent']);
    const removed = await request(server, 'POST', path, { token: agent, body: { remove: ['urgent'] } });
    expect(removed.body.tags).toEqual(['refund']);
    const bad = await request(server, 'POST', path, { token: agent, body: { add: 'refund' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.add');
    expect((await request(server, 'POST', path, { body: { add: ['x'] } })).status).toBe(401);
    const visitorTry = await request(server, 'POST', path, { token: v.token, body: { add: ['x'] } });
    expect(visitorTry.status).toBe(401);
  });
});

describe('what the visitor sees', () => {
  it("never shows a conversation's tags to its visitor (lists, the conversation, events); fields stay", async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    await patch(v.token, { conversation: { fields: { orderId: '7' } } });
    const agent = await login(server);
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/tags`, {
      token: agent,
      body: { add: ['refund-abuse'] },
    });
    const list = await request(server, 'GET', '/v1/conversations', { token: v.token });
    const one = await request(server, 'GET', `/v1/conversations/${conv.id}`, { token: v.token });
    const events = await request(server, 'GET', '/v1/events?after=0', { token: v.token });
    const seen = JSON.stringify([list.body, one.body, events.body]);
    expect(seen).not.toContain('refund-abuse');
    expect(one.body.fields).toEqual({ orderId: '7' });
    const agentSide = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, { token: agent });
    expect(agentSide.body.conversation.tags).toEqual(['refund-abuse']);
  });
});

describe('erase', () => {
  it('clears the lead, company and conversation fields, also from stored events', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    await patch(v.token, {
      lead: { email: 'erase-me@example.com' },
      company: { id: 'erase-co', name: 'Erasecorp Ltd' },
      conversation: { fields: { orderId: 'secret-1' }, addTags: ['x'] },
    });
    const admin = await login(server, 'admin');
    const found = await request(server, 'GET', '/v1/admin/visitors?email=erase-me@example.com', {
      token: admin,
    });
    expect(found.body.visitors.map((x: { id: string }) => x.id)).toEqual([v.visitor.id]);
    const erased = await request(server, 'DELETE', '/v1/admin/visitors?email=erase-me@example.com', {
      token: admin,
    });
    expect(erased.body.deleted).toEqual([v.visitor.id]);
    const events = await request(server, 'GET', '/v1/agent/events?after=0&limit=500', { token: admin });
    const text = JSON.stringify(events.body.events);
    expect(text).not.toContain('erase-me@example.com');
    expect(text).not.toContain('Erasecorp');
    expect(text).not.toContain('secret-1');
    expect(text).toContain(conv.id);
  });
});
