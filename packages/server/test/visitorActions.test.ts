import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

// The visitor routes behind the widget's run-time verbs: endConversation, showTicket, popout.
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

describe('a visitor ends their conversation', () => {
  it('resolves it like an agent does (status, rating request, agent view), and only their own', async () => {
    const ana = await visitor(server);
    const bob = await visitor(server);
    const { conversation: conv } = await conversation(server, ana.token, 'I am done, thanks');

    const other = await request(server, 'POST', `/v1/conversations/${conv.id}/end`, { token: bob.token });
    expect(other.status).toBe(404);
    const nobody = await request(server, 'POST', `/v1/conversations/${conv.id}/end`);
    expect(nobody.status).toBe(401);

    const ended = await request(server, 'POST', `/v1/conversations/${conv.id}/end`, { token: ana.token });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: conv.id, status: 'resolved' });
    expect(ended.body.resolvedAt).toEqual(expect.any(String));
    // What follows a resolution follows: the demo site asks for a rating when a chat is resolved.
    const events = await request(server, 'GET', '/v1/events?after=0', { token: ana.token });
    const types = events.body.events.map((e: { type: string }) => e.type);
    expect(types).toContain('rating.requested');
    const agent = await login(server);
    const seen = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, {
      site: null,
      token: agent,
    });
    expect(seen.body.conversation.status).toBe('resolved');
    // Ending it again changes nothing.
    const again = await request(server, 'POST', `/v1/conversations/${conv.id}/end`, { token: ana.token });
    expect(again.body.resolvedAt).toBe(ended.body.resolvedAt);
  });
});

describe("a visitor's ticket", () => {
  it('is found by id or reference, by its visitor only', async () => {
    const ana = await visitor(server);
    const bob = await visitor(server);
    const body = {
      clientId: cid(),
      formId: 'question',
      values: { email: 'ana@example.com', topic: 'order', message: 'Where is my parcel?' },
    };
    const ticket = (
      await request(server, 'POST', '/v1/forms/question/submissions', { token: ana.token, body })
    ).body;
    for (const key of [ticket.id, ticket.reference]) {
      const found = await request(server, 'GET', `/v1/tickets/${key}`, { token: ana.token });
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ id: ticket.id, conversationId: ticket.conversationId });
      expect((await request(server, 'GET', `/v1/tickets/${key}`, { token: bob.token })).status).toBe(404);
    }
    const long = await request(server, 'GET', `/v1/tickets/${'x'.repeat(101)}`, { token: ana.token });
    expect(long.status).toBe(400);
    expect(long.body.error.issues[0].path).toBe('params.id');
  });
});

describe('popout codes', () => {
  it('exchange once, for a token of the same visitor; never twice', async () => {
    const ana = await visitor(server);
    const { conversation: conv } = await conversation(server, ana.token, 'Pop me out');
    const issued = await request(server, 'POST', '/v1/popout', { token: ana.token });
    expect(issued.status).toBe(201);
    expect(issued.body.expiresInSeconds).toBe(60);
    const code: string = issued.body.code;
    expect(code).toMatch(/^[\w-]{32}$/);
    expect(code).not.toContain(ana.token);

    const exchanged = await request(server, 'POST', '/v1/popout/exchange', { body: { code } });
    expect(exchanged.status).toBe(200);
    const token: string = exchanged.body.visitorToken;
    const list = await request(server, 'GET', '/v1/conversations', { token });
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([conv.id]);

    const twice = await request(server, 'POST', '/v1/popout/exchange', { body: { code } });
    expect(twice.status).toBe(401);
    expect(twice.body.error.message).toContain('expired or was already used');
  });

  it('needs the visitor token to issue, and a well-formed code to exchange', async () => {
    expect((await request(server, 'POST', '/v1/popout')).status).toBe(401);
    const bad = await request(server, 'POST', '/v1/popout/exchange', { body: { code: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.code');
    const unknown = await request(server, 'POST', '/v1/popout/exchange', { body: { code: 'a'.repeat(32) } });
    expect(unknown.status).toBe(401);
  });
});
