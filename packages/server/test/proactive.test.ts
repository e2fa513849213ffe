import type { PublicConfig } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, login, request, visitor } from './helpers';

// Proactive messages on the server: a reply stores the configured message first (authored from the config, never
// from the browser), counts are validated and reach the stats. The seeded demo config has `help-section`.

let server: TestServer;
let agentToken: string;
let adminToken: string;
beforeAll(async () => {
  server = await startServer();
  agentToken = await login(server);
  adminToken = await login(server, 'admin');
}, 120_000);
afterAll(() => server?.stop());

const agent = (method: string, path: string, token = agentToken) =>
  request(server, method, `/v1/agent${path}`, { site: null, token });

describe('proactive messages', () => {
  it('sends the proactive messages to the widget in the public config', async () => {
    const v = await visitor(server);
    const proactive = (v.config as PublicConfig).proactive;
    expect(proactive.map((m) => m.id)).toEqual(['help-section']);
    expect(proactive[0]!.from).toEqual({ agent: 'Dana' });
  });

  it('stores the proactive message first, as its agent, in the visitor locale, and the agent sees it first', async () => {
    const v = await visitor(server, { locale: 'cs' });
    const created = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: {
        clientId: cid('conv'),
        message: { clientId: cid('msg'), text: 'Kde je moje objednávka?' },
        proactive: { id: 'help-section' },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.conversation.id as string;
    const list = await agent('GET', `/conversations/${id}/messages`);
    expect(list.body.map((m: { text: string }) => m.text)).toEqual([
      'Hledáte něco? Zeptejte se nás, obvykle odpovídáme do 5 minut.',
      'Kde je moje objednávka?',
    ]);
    expect(list.body[0].author).toMatchObject({ kind: 'agent', name: 'Dana' });
    expect(list.body[1].author.kind).toBe('visitor');
    // Said before the visitor wrote: it is not the team's first response.
    expect(created.body.conversation.firstResponseAt).toBeNull();
    // The visitor's own view has it first too.
    const mine = await request(server, 'GET', `/v1/conversations/${id}/messages`, { token: v.token });
    expect(mine.body[0].author.name).toBe('Dana');
  });

  it('stores showMessage text from the page as the bot, never as a person', async () => {
    const v = await visitor(server);
    const created = await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: {
        clientId: cid('conv'),
        message: { clientId: cid('msg'), text: 'Yes please' },
        proactive: { text: 'Want 10% off your first order?' },
      },
    });
    expect(created.status).toBe(201);
    const list = await agent('GET', `/conversations/${created.body.conversation.id}/messages`);
    expect(list.body[0]).toMatchObject({ text: 'Want 10% off your first order?', author: { kind: 'bot' } });
  });

  it('refuses an unknown proactive id and a reference with both or neither of id and text', async () => {
    const v = await visitor(server);
    const create = (proactive: unknown) =>
      request(server, 'POST', '/v1/conversations', {
        token: v.token,
        body: { clientId: cid('conv'), message: { clientId: cid('msg'), text: 'Hi' }, proactive },
      });
    const unknown = await create({ id: 'no-such' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('body.proactive.id');
    expect(unknown.body.error.message).toContain('help-section');
    const both = await create({ id: 'help-section', text: 'x' });
    expect(both.status).toBe(400);
    expect(both.body.error.issues[0].path).toBe('body.proactive');
    expect((await create({})).status).toBe(400);
    // Nothing was created by the refused requests.
    const mine = await request(server, 'GET', '/v1/conversations', { token: v.token });
    expect(mine.body).toEqual([]);
  });

  it('validates the proactive counts and reports shown, clicked, dismissed and replied in the stats', async () => {
    const before = (await request(server, 'GET', '/v1/admin/stats', { site: null, token: adminToken })).body
      .proactive;
    const v = await visitor(server);
    const track = (name: string, data?: unknown) =>
      request(server, 'POST', '/v1/track', { token: v.token, body: { name, data } });
    expect((await track('proactive.shown', { id: 'help-section' })).status).toBe(204);
    expect((await track('proactive.shown', { id: 'help-section' })).status).toBe(204);
    expect((await track('proactive.clicked', { id: 'help-section' })).status).toBe(204);
    expect((await track('proactive.dismissed', { id: 'page' })).status).toBe(204);
    const badName = await track('proactive.loved', { id: 'help-section' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain('body.name');
    const badId = await track('proactive.shown', { id: 'nope' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('body.data.id');
    expect((await track('proactive.shown', { id: 'help-section', extra: 1 })).status).toBe(400);
    // The site's own events are untouched by the rule.
    expect((await track('cart.add', { total: 30 })).status).toBe(204);
    await request(server, 'POST', '/v1/conversations', {
      token: v.token,
      body: {
        clientId: cid('conv'),
        message: { clientId: cid('msg'), text: 'Where is my order?' },
        proactive: { id: 'help-section' },
      },
    });
    const stats = await request(server, 'GET', '/v1/admin/stats', { site: null, token: adminToken });
    expect(stats.status).toBe(200);
    const after = stats.body.proactive;
    expect(after.shown - before.shown).toBe(2);
    expect(after.clicked - before.clicked).toBe(1);
    expect(after.dismissed - before.dismissed).toBe(1);
    expect(after.replied - before.replied).toBe(1);
    expect(after.byMessage['help-section'].shown).toBeGreaterThanOrEqual(2);
    expect(after.byMessage.page.dismissed).toBeGreaterThanOrEqual(1);
  });
});
