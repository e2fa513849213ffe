import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

// Routing and automatic assignment against the real server and its embedded database.

let server: TestServer;
let admin: string;
// biome-ignore lint/suspicious/noExplicitAny: the published config is edited field by field.
let baseConfig: any;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server, 'admin');
  baseConfig = (await request(server, 'GET', '/v1/admin/config', { site: null, token: admin })).body.config;
}, 120_000);
afterAll(() => server?.stop());

const as = (token: string, method: string, path: string, body?: unknown) =>
  request(server, method, `/v1/agent${path}`, { site: null, token, body });

/** Publish the demo config with these teams and routing (and extra keys). */
async function publish(config: object) {
  const reply = await request(server, 'POST', '/v1/admin/config', {
    site: null,
    token: admin,
    body: { config: { ...baseConfig, ...config } },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

let agentCount = 0;
/** A fresh agent account, signed in, with a presence. */
async function staff(status: 'online' | 'away' | 'offline' = 'online') {
  const email = `routing-${++agentCount}-${Date.now().toString(36)}@test.local`;
  const created = await request(server, 'POST', '/v1/admin/agents', {
    site: null,
    token: admin,
    body: { email, name: `Agent ${agentCount}`, password: 'routing-password' },
  });
  expect(created.status).toBe(201);
  const signIn = await request(server, 'POST', '/v1/agent/login', {
    site: null,
    body: { email, password: 'routing-password' },
  });
  const token = signIn.body.token as string;
  expect((await as(token, 'POST', '/presence', { status })).status).toBe(200);
  return { id: created.body.id as string, email, token };
}

/** The conversation as agents see it. */
async function agentView(token: string, id: string) {
  return (await as(token, 'GET', `/conversations/${id}`)).body.conversation;
}

async function newChat(body: object = {}, text = 'Hello') {
  const v = await visitor(server, body);
  return (await conversation(server, v.token, text)).conversation;
}

describe('automatic assignment', { timeout: 120_000 }, () => {
  it('round-robin across three online agents with capacity 1: the fourth waits, freed capacity assigns it', async () => {
    const team = [await staff(), await staff(), await staff()];
    await publish({
      teams: [{ id: 'sales', name: 'Sales', agents: team.map((a) => a.email) }],
      routing: { defaultTeam: 'sales', assignment: 'round-robin', capacity: 1 },
    });
    const chats = [];
    for (let i = 0; i < 4; i++) chats.push(await newChat());
    const views = await Promise.all(chats.map((c) => agentView(team[0]!.token, c.id)));
    expect(views.map((v) => v.teamId)).toEqual(['sales', 'sales', 'sales', 'sales']);
    expect(views.slice(0, 3).map((v) => v.assigneeId)).toEqual(team.map((a) => a.id));
    expect(views[3].assigneeId).toBeNull();
    // The visitor is not told which team has them.
    const v = await visitor(server);
    const own = await conversation(server, v.token);
    expect(own.conversation).not.toHaveProperty('teamId');

    const teams = await as(team[0]!.token, 'GET', '/teams');
    const sales = teams.body.find((t: { id: string }) => t.id === 'sales');
    expect(sales.waiting).toBeGreaterThanOrEqual(1);
    expect(sales.members.map((m: { open: number; capacity: number }) => [m.open, m.capacity])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);

    // The second agent resolves theirs: the waiting conversation goes to them at once.
    await as(team[1]!.token, 'POST', `/conversations/${chats[1]!.id}/status`, { status: 'resolved' });
    expect((await agentView(admin, chats[3]!.id)).assigneeId).toBe(team[1]!.id);

    const filtered = await as(admin, 'GET', '/conversations?status=open&team=sales');
    expect(filtered.status).toBe(200);
    const ids = filtered.body.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([chats[0]!.id, chats[2]!.id, chats[3]!.id]));
    expect(filtered.body.every((c: { teamId: string }) => c.teamId === 'sales')).toBe(true);
    const none = await as(admin, 'GET', '/conversations?status=open&team=none');
    expect(none.body.map((c: { id: string }) => c.id)).not.toContain(chats[0]!.id);
    const bad = await as(admin, 'GET', '/conversations?team=Sales!');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('query.team');
  });

  it('gives an away agent nothing; they get what waits when they come online', async () => {
    const away = await staff('away');
    const offline = await staff('offline');
    await publish({
      teams: [{ id: 'night', name: 'Night shift', agents: [away.email, offline.email] }],
      routing: { defaultTeam: 'night', capacity: 2 },
    });
    const first = await newChat();
    const second = await newChat();
    expect((await agentView(admin, first.id)).assigneeId).toBeNull();
    expect((await agentView(admin, second.id)).assigneeId).toBeNull();
    await as(away.token, 'POST', '/presence', { status: 'online' });
    expect((await agentView(admin, first.id)).assigneeId).toBe(away.id);
    expect((await agentView(admin, second.id)).assigneeId).toBe(away.id);
  });

  it('least-busy picks the least loaded online member', async () => {
    const busy = await staff();
    const idle = await staff();
    await publish({
      teams: [{ id: 'support', name: 'Support', agents: [busy.email, idle.email] }],
      routing: { assignment: 'manual', defaultTeam: 'support' },
    });
    // Two conversations given to `busy` by hand (manual override works whatever the assignment mode).
    for (let i = 0; i < 2; i++) {
      const chat = await newChat();
      const assigned = await as(admin, 'POST', `/conversations/${chat.id}/assign`, { assigneeId: busy.id });
      expect(assigned.body.assigneeId).toBe(busy.id);
    }
    await publish({
      teams: [{ id: 'support', name: 'Support', agents: [busy.email, idle.email] }],
      routing: { assignment: 'least-busy', defaultTeam: 'support', capacity: 5 },
    });
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await agentView(admin, (await newChat()).id)).assigneeId);
    // idle (0) → idle (1) → tie at 2: the one assigned longest ago.
    expect(got).toEqual([idle.id, idle.id, busy.id]);
  });

  it('a per-agent capacity overrides the site capacity, and manual assignment ignores both', async () => {
    const small = await staff();
    await publish({
      teams: [{ id: 'vip', name: 'VIP', agents: [small.email] }],
      routing: { defaultTeam: 'vip', capacity: 5, agentCapacity: { [small.email]: 1 } },
    });
    const one = await newChat();
    const two = await newChat();
    expect((await agentView(admin, one.id)).assigneeId).toBe(small.id);
    expect((await agentView(admin, two.id)).assigneeId).toBeNull();
    const forced = await as(admin, 'POST', `/conversations/${two.id}/assign`, { assigneeId: small.id });
    expect(forced.body.assigneeId).toBe(small.id);
    // Over capacity now (2 of 1): the next waits until a published config gives the agent room.
    const three = await newChat();
    expect((await agentView(admin, three.id)).assigneeId).toBeNull();
    await publish({
      teams: [{ id: 'vip', name: 'VIP', agents: [small.email] }],
      routing: { defaultTeam: 'vip', capacity: 5, agentCapacity: { [small.email]: 3 } },
    });
    expect((await agentView(admin, three.id)).assigneeId).toBe(small.id);
  });
});

describe('routing rules', { timeout: 120_000 }, () => {
  it('sends a complaint form (a ticket) to the complaints team and its online agent', async () => {
    const clerk = await staff();
    const handler = await staff();
    await publish({
      forms: [
        ...baseConfig.forms,
        {
          id: 'complaint',
          module: 'complaint',
          title: { en: 'Make a complaint' },
          fields: [{ name: 'details', type: 'textarea', label: { en: 'What went wrong?' }, required: true }],
        },
      ],
      teams: [
        { id: 'orders', name: 'Orders', agents: [clerk.email] },
        { id: 'complaints', name: 'Complaints', agents: [handler.email] },
      ],
      routing: { rules: [{ formId: ['complaint'], team: 'complaints' }], defaultTeam: 'orders' },
    });
    const v = await visitor(server);
    const ticket = await request(server, 'POST', '/v1/forms/complaint/submissions', {
      token: v.token,
      body: { clientId: cid(), formId: 'complaint', values: { details: 'It arrived broken' } },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.body).not.toHaveProperty('teamId');
    const view = await agentView(handler.token, ticket.body.conversationId);
    expect(view).toMatchObject({ teamId: 'complaints', assigneeId: handler.id, channel: 'form' });
    const tickets = await as(handler.token, 'GET', '/tickets');
    expect(tickets.body.find((t: { id: string }) => t.id === ticket.body.id).teamId).toBe('complaints');
    // A plain chat matches no rule: the default team.
    const chat = await newChat();
    expect(await agentView(admin, chat.id)).toMatchObject({ teamId: 'orders', assigneeId: clerk.id });
  });

  it('routes by page, language, attribute and pre-chat answer; the first matching rule wins', async () => {
    await publish({
      teams: [
        { id: 'billing', name: 'Billing' },
        { id: 'czech', name: 'Czech' },
        { id: 'vip', name: 'VIP' },
        { id: 'returns', name: 'Returns' },
      ],
      routing: {
        assignment: 'manual',
        rules: [
          { attribute: { name: 'plan', equals: ['enterprise'] }, team: 'vip' },
          { page: ['https://shop.example.com/billing/*'], team: 'billing' },
          { field: { name: 'topic', equals: ['return'] }, team: 'returns' },
          { language: ['cs'], team: 'czech' },
        ],
      },
    });
    const page = (url: string) => ({ page: { url } });
    const teamOf = async (body: object) => (await agentView(admin, (await newChat(body)).id)).teamId;
    expect(await teamOf(page('https://shop.example.com/billing/invoices'))).toBe('billing');
    expect(await teamOf({ locale: 'cs-CZ' })).toBe('czech');
    expect(await teamOf({ locale: 'cs', ...page('https://shop.example.com/billing/x') })).toBe('billing');
    expect(await teamOf({ attributes: { plan: 'enterprise' }, locale: 'cs' })).toBe('vip');
    expect(await teamOf({ attributes: { topic: 'Return' } })).toBe('returns');
    expect(await teamOf({ locale: 'en', ...page('https://shop.example.com/') })).toBeNull();
  });

  it('routes by the fields and tags the site set before the chat started', async () => {
    await publish({
      teams: [
        { id: 'sales', name: 'Sales' },
        { id: 'priority', name: 'Priority' },
      ],
      routing: {
        assignment: 'manual',
        rules: [
          { conversationField: { name: 'plan', equals: ['enterprise'] }, team: 'priority' },
          // Tags are stored lowercase and trimmed: the rule's are too.
          { tags: ['Pre-Sale '], team: 'sales' },
        ],
      },
    });
    const teamOf = async (data: object | null) => {
      const v = await visitor(server);
      if (data) {
        const set = await request(server, 'PATCH', '/v1/visitor', {
          token: v.token,
          body: { conversation: data },
        });
        expect(set.status).toBe(200);
      }
      const { conversation: conv } = await conversation(server, v.token, 'Hello');
      return (await agentView(admin, conv.id)).teamId;
    };
    expect(await teamOf({ fields: { plan: 'Enterprise' }, addTags: ['pre-sale'] })).toBe('priority');
    expect(await teamOf({ addTags: ['PRE-SALE'] })).toBe('sales');
    expect(await teamOf({ fields: { plan: 'free' } })).toBeNull();
    expect(await teamOf(null)).toBeNull();
  });

  it('moves a conversation to another team by hand; the assignee outside it hands it back', async () => {
    const first = await staff();
    const second = await staff();
    await publish({
      teams: [
        { id: 'alpha', name: 'Alpha', agents: [first.email] },
        { id: 'beta', name: 'Beta', agents: [second.email] },
      ],
      routing: { defaultTeam: 'alpha' },
    });
    const chat = await newChat();
    expect(await agentView(admin, chat.id)).toMatchObject({ teamId: 'alpha', assigneeId: first.id });
    const moved = await as(first.token, 'POST', `/conversations/${chat.id}/team`, { teamId: 'beta' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ teamId: 'beta', assigneeId: second.id });
    const unknown = await as(first.token, 'POST', `/conversations/${chat.id}/team`, { teamId: 'gamma' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('body.teamId');
    const cleared = await as(first.token, 'POST', `/conversations/${chat.id}/team`, { teamId: null });
    expect(cleared.body).toMatchObject({ teamId: null, assigneeId: second.id });
  });

  it('refuses rules that name a missing team and warns about team emails that are no agent', async () => {
    const bad = await request(server, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: {
        config: {
          ...baseConfig,
          teams: [{ id: 'billing', name: 'Billing' }],
          routing: { rules: [{ team: 'biling', language: ['en'] }] },
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('routing.rules[0].team');
    expect(bad.body.error.message).toContain('did you mean "billing"?');
    const warned = await publish({
      teams: [{ id: 'billing', name: 'Billing', agents: [server.agent.email.replace('agent', 'agnet')] }],
      routing: {},
    });
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0].path).toBe('teams[0].agents[0]');
    expect(warned.warnings[0].suggestion).toBe(`did you mean "${server.agent.email}"?`);
  });
});
