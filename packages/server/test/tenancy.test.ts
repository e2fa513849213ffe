import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../src/routes/admin';
import { agentRoutes } from '../src/routes/agent';
import type { AppContext } from '../src/services/context';
import { cid, conversation, FrameLog, login, request, visitor } from './helpers';

// Sites as tenants (#11): an agent of site A never reaches site B's data, on any agent or admin route or socket.

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const B_KEY = 'other-site';

let server: TestServer;
/** Site B as the helpers see it (they send `server.siteKey`). */
let siteB: TestServer;
const tokens = { agentA: '', adminA: '', adminB: '', agentB: '' };
const b = {
  conversationId: '',
  visitorId: '',
  visitorToken: '',
  uploadId: '',
  cannedId: '',
  articleId: 'art_b_secret',
  categoryId: 'cat_b_secret',
  bobId: '',
  carolId: '',
  identitySecret: '',
  webhookSecret: '',
};
const MARKERS = () => [
  b.conversationId,
  b.visitorId,
  b.uploadId,
  b.cannedId,
  b.articleId,
  b.identitySecret,
  b.webhookSecret,
  'B-secret-message',
  'B-secret-article',
  'bob@b.test',
  B_KEY,
];

const cli = async (args: string[]) =>
  (
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
    })
  ).stdout;

async function signIn(email: string, password: string): Promise<string> {
  const reply = await request(server, 'POST', '/v1/agent/login', { site: null, body: { email, password } });
  expect(reply.status).toBe(200);
  return reply.body.token;
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', MEMBERSHIP_CHECK_MS: '300' } });
  siteB = Object.assign(Object.create(server), { siteKey: B_KEY });
  // The platform owner's CLI opens the embedded database itself: stop the server meanwhile.
  await server.kill();
  const created = JSON.parse(await cli(['site', 'create', '--name', 'Other shop', '--key', B_KEY, '--json']));
  b.identitySecret = created.secret;
  b.webhookSecret = created.webhookSecret;
  const bob = JSON.parse(await cli(['site', 'invite', '--site', B_KEY, '--email', 'bob@b.test', '--json']));
  const carol = JSON.parse(
    await cli(['site', 'invite', '--site', B_KEY, '--email', 'Carol@B.test', '--roles', 'agent', '--json']),
  );
  await server.restart();
  for (const [invite, password] of [
    [bob, 'bob-password'],
    [carol, 'carol-password'],
  ] as const) {
    const accepted = await request(server, 'POST', '/v1/agent/invite', {
      site: null,
      body: { code: invite.invite.code, password },
    });
    expect(accepted.status).toBe(200);
  }
  b.bobId = bob.member.id;
  b.carolId = carol.member.id;
  tokens.agentA = await login(server, 'agent');
  tokens.adminA = await login(server, 'admin');
  tokens.adminB = await signIn('bob@b.test', 'bob-password');
  tokens.agentB = await signIn('carol@b.test', 'carol-password');

  // Site B's data: a conversation with a visitor's upload, an article, a category, a canned response.
  const v = await visitor(siteB);
  b.visitorToken = v.token;
  b.visitorId = v.visitor.id;
  const conv = await conversation(siteB, v.token, 'B-secret-message');
  b.conversationId = conv.conversation.id;
  const form = new FormData();
  form.set('file', new Blob(['B bytes'], { type: 'application/pdf' }), 'b.pdf');
  const upload = await fetch(`${server.url}/v1/uploads`, {
    method: 'POST',
    headers: { 'x-frontdesk-site': B_KEY, authorization: `Bearer ${v.token}` },
    body: form,
  });
  expect(upload.status).toBe(201);
  b.uploadId = ((await upload.json()) as { id: string }).id;
  const asB = { site: B_KEY, token: tokens.adminB };
  expect(
    (
      await request(server, 'PUT', `/v1/admin/categories/${b.categoryId}`, {
        ...asB,
        body: { slug: 'b-cat', names: { en: 'B category' }, order: 0 },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await request(server, 'PUT', `/v1/admin/articles/${b.articleId}`, {
        ...asB,
        body: {
          slug: 'b-article',
          status: 'published',
          translations: { en: { title: 'B-secret-article', body: 'Only for B.' } },
        },
      })
    ).status,
  ).toBe(200);
  const canned = await request(server, 'POST', '/v1/agent/canned', {
    ...asB,
    body: { shortcut: 'b-hello', title: 'B hello', text: 'Hello from B' },
  });
  expect(canned.status).toBe(201);
  b.cannedId = canned.body.id;
}, 180_000);
afterAll(() => server?.stop());

/** Every route of the agent and admin API, read from the Hono apps themselves. */
function apiRoutes(): string[] {
  const ctx = {} as AppContext;
  const list = (prefix: string, routes: Array<{ method: string; path: string }>) =>
    routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${prefix}${r.path}`);
  return [
    ...new Set([
      ...list('/v1/agent', agentRoutes(ctx).routes),
      ...list('/v1/admin', adminRoutes(ctx).routes),
    ]),
  ];
}

/** How to call each route against site B's data; a route missing here fails the test until it is added. */
type Call = {
  path?: string;
  query?: string;
  body?: unknown;
  /** Acts on the caller's own account only. */
  account?: boolean;
  /** Needs no site (sign-in, invites, the caller's site list). */
  open?: boolean;
  /** A search: answers 200 with no match rather than 404. */
  search?: boolean;
};
const ROUTE_CALLS = (): Record<string, Call> => ({
  'POST /v1/agent/login': { open: true },
  'POST /v1/agent/invite': { open: true },
  // Account-level: lists only the caller's own sites (checked below).
  'GET /v1/agent/sites': { open: true },
  'GET /v1/agent/me': { account: true },
  'POST /v1/agent/ticket': { account: true },
  'POST /v1/agent/logout': { account: true },
  'POST /v1/agent/password': { account: true, body: { currentPassword: 'wrong', newPassword: 'whatever-1' } },
  'POST /v1/agent/presence': { account: true, body: { status: 'away' } },
  'GET /v1/agent/conversations': {},
  'GET /v1/agent/conversations/:id': {},
  'GET /v1/agent/conversations/:id/messages': {},
  'POST /v1/agent/conversations/:id/messages': { body: { clientId: cid('m'), text: 'intruder' } },
  'POST /v1/agent/conversations/:id/assign': { body: { assigneeId: null } },
  'POST /v1/agent/conversations/:id/status': { body: { status: 'resolved' } },
  'POST /v1/agent/conversations/:id/read': { body: { readSeq: 1 } },
  'POST /v1/agent/conversations/:id/typing': { body: { typing: true } },
  'GET /v1/agent/events': {},
  'GET /v1/agent/canned': {},
  'POST /v1/agent/canned': { body: { shortcut: 'b-hello', title: 't', text: 'x' } },
  'DELETE /v1/agent/canned/:id': { path: `/v1/agent/canned/${b.cannedId}` },
  'GET /v1/agent/tickets': {},
  'PATCH /v1/agent/tickets/:id': {
    path: `/v1/agent/tickets/${b.conversationId}`,
    body: { status: 'resolved' },
  },
  'POST /v1/agent/uploads': { body: { conversationId: b.conversationId } },
  'GET /v1/agent/articles': {},
  'POST /v1/agent/articles/:id/questions': { body: { locale: 'en', question: 'Is this B?' } },
  'GET /v1/agent/visitors/:id': { path: `/v1/agent/visitors/${b.visitorId}` },
  'GET /v1/admin/config': {},
  'GET /v1/admin/config/versions': {},
  'POST /v1/admin/config': { body: { config: { name: 'Hijacked' } } },
  'GET /v1/admin/config/refused-origins': {},
  'POST /v1/admin/config/rollback': { body: { version: 1 } },
  'GET /v1/admin/articles': {},
  'PUT /v1/admin/articles/:id': {
    body: { slug: 'hijack', status: 'published', translations: { en: { title: 'Hijacked', body: 'x' } } },
  },
  'POST /v1/admin/articles/:id/unpublish': {},
  'DELETE /v1/admin/articles/:id': {},
  'GET /v1/admin/question-proposals': {},
  'POST /v1/admin/question-proposals/:id/accept': {},
  'POST /v1/admin/question-proposals/:id/dismiss': {},
  'GET /v1/admin/categories': {},
  'PUT /v1/admin/categories/:id': {
    path: `/v1/admin/categories/${b.categoryId}`,
    body: { slug: 'hijack', names: { en: 'Hijacked' }, order: 0 },
  },
  'GET /v1/admin/agents': {},
  'POST /v1/admin/agents': { body: { email: 'mallory@a.test', name: 'M', password: 'mallory-pass' } },
  'PATCH /v1/admin/agents/:id': { path: `/v1/admin/agents/${b.bobId}`, body: { disabled: true } },
  'DELETE /v1/admin/agents/:id': { path: `/v1/admin/agents/${b.bobId}` },
  'GET /v1/admin/members': {},
  'POST /v1/admin/members': { body: { email: 'mallory@a.test', roles: ['agent'] } },
  'PUT /v1/admin/members/:id': { path: `/v1/admin/members/${b.bobId}`, body: { roles: ['agent'] } },
  'DELETE /v1/admin/members/:id': { path: `/v1/admin/members/${b.carolId}` },
  'GET /v1/admin/secrets': {},
  'POST /v1/admin/secrets/rotate': { body: { purpose: 'identity', overlapHours: 0 } },
  'GET /v1/admin/visitors': { query: `visitorId=${b.visitorId}`, search: true },
  'GET /v1/admin/visitors/export': { query: `visitorId=${b.visitorId}` },
  'DELETE /v1/admin/visitors': { query: `visitorId=${b.visitorId}` },
  'GET /v1/admin/visitors/:id/export': { path: `/v1/admin/visitors/${b.visitorId}/export` },
  'DELETE /v1/admin/visitors/:id': { path: `/v1/admin/visitors/${b.visitorId}` },
  'GET /v1/admin/stats': {},
  'GET /v1/admin/webhooks/deliveries': {},
  'GET /v1/admin/email/deliveries': {},
  'POST /v1/agent/email-digest': { account: true, body: { enabled: false } },
  'GET /v1/agent/teams': {},
  'POST /v1/agent/conversations/:id/team': { body: { teamId: null } },
  'POST /v1/agent/conversations/:id/tags': { body: { add: ['intruder'] } },
  'GET /v1/agent/quality/analytics': {},
  'GET /v1/agent/quality/voice': {},
  'GET /v1/agent/quality/weekly-summary': {},
  'GET /v1/agent/quality/action-plans': {},
  'POST /v1/agent/quality/action-plans': {
    body: { title: 'Intruder plan', conversationIds: [b.conversationId] },
  },
  'PATCH /v1/agent/quality/action-plans/:id': { body: { status: 'done' } },
  'GET /v1/agent/quality/rubrics': {},
  'GET /v1/agent/quality/reviewers': {},
  'GET /v1/agent/quality/queue': {},
  'POST /v1/agent/quality/queue/sample': {},
  'POST /v1/agent/quality/queue/:id/claim': {},
  'POST /v1/agent/quality/queue/:id/release': {},
  'GET /v1/agent/quality/reviews': {},
  'POST /v1/agent/quality/reviews': {
    body: { conversationId: b.conversationId, rubricId: 'default', scores: [] },
  },
  'GET /v1/agent/quality/reviews/:id': {},
  'POST /v1/agent/quality/reviews/:id/acknowledge': {},
  'POST /v1/agent/quality/reviews/:id/dispute': { body: { reason: 'intruder' } },
  'POST /v1/agent/quality/reviews/:id/resolve': { body: { outcome: 'upheld', note: 'intruder' } },
  'GET /v1/agent/quality/calibrations': {},
  'POST /v1/agent/quality/calibrations': {
    body: { name: 'Intruder', rubricId: 'default', conversationIds: [b.conversationId], reviewerIds: [] },
  },
  'GET /v1/agent/quality/calibrations/:id': {},
  'POST /v1/agent/quality/calibrations/:id/close': {},
  'GET /v1/agent/quality/scores': {},
});

/** The path of a route call, its `:id` filled with the B resource it is about. */
function target(route: string, call: Call): { method: string; url: string } {
  const [method, pattern] = route.split(' ') as [string, string];
  const id = pattern.includes('/articles/:id') ? b.articleId : b.conversationId;
  const path = call.path ?? pattern.replace(':id', id);
  return { method, url: call.query ? `${path}?${call.query}` : path };
}

describe('every agent and admin route is scoped to the sites the agent is a member of', () => {
  it('lists a way to call every route (a new route must be added here, with its check)', () => {
    const known = Object.keys(ROUTE_CALLS());
    const missing = apiRoutes().filter((route) => !known.includes(route));
    expect(missing).toEqual([]);
    expect(known.filter((route) => !apiRoutes().includes(route))).toEqual([]);
  });

  it("refuses site A's agent and admin on site B with 403, on every route", async () => {
    const calls = ROUTE_CALLS();
    const answers: Record<string, number> = {};
    for (const route of apiRoutes()) {
      const call = calls[route]!;
      if (call.open) continue;
      const { method, url } = target(route, call);
      for (const token of [tokens.agentA, tokens.adminA]) {
        const reply = await request(server, method, url, { site: B_KEY, token, body: call.body });
        answers[`${route} ${token === tokens.adminA ? 'admin' : 'agent'}`] = reply.status;
        for (const marker of MARKERS()) expect(JSON.stringify(reply.body ?? '')).not.toContain(marker);
      }
    }
    const refused = Object.entries(answers).filter(([, status]) => status !== 403);
    expect(refused).toEqual([]);
    expect(Object.keys(answers).length).toBeGreaterThan(100);
  });

  it("never shows or changes site B's data to site A's admin acting on A with B's ids", async () => {
    const calls = ROUTE_CALLS();
    const leaks: string[] = [];
    for (const route of apiRoutes()) {
      const call = calls[route]!;
      if (call.open || call.account) continue;
      const { method, url } = target(route, call);
      const reply = await request(server, method, url, { token: tokens.adminA, body: call.body });
      const text = JSON.stringify(reply.body ?? '');
      for (const marker of MARKERS()) if (text.includes(marker)) leaks.push(`${route}: ${marker}`);
      // A route about one resource (an id in the path or the query) of site B never succeeds from site A.
      const aboutB =
        route.includes(':id') || (call.query !== undefined && !call.search) || route.endsWith('/uploads');
      if (aboutB && reply.status < 400) leaks.push(`${route}: ${reply.status}`);
    }
    expect(leaks).toEqual([]);

    // Site B is as it was.
    const asB = { site: B_KEY, token: tokens.adminB };
    const messages = await request(
      server,
      'GET',
      `/v1/agent/conversations/${b.conversationId}/messages`,
      asB,
    );
    expect(messages.body.map((m: { text: string }) => m.text)).toEqual(['B-secret-message']);
    const conv = await request(server, 'GET', `/v1/agent/conversations/${b.conversationId}`, asB);
    expect(conv.body.conversation.status).toBe('open');
    const articles = await request(server, 'GET', '/v1/admin/articles', asB);
    expect(JSON.stringify(articles.body)).toContain('B-secret-article');
    expect(JSON.stringify(articles.body)).not.toContain('Hijacked');
    const categories = await request(server, 'GET', '/v1/admin/categories', asB);
    expect(JSON.stringify(categories.body)).toContain('B category');
    const canned = await request(server, 'GET', '/v1/agent/canned', asB);
    expect(canned.body.map((c: { id: string }) => c.id)).toEqual([b.cannedId]);
    const members = await request(server, 'GET', '/v1/admin/members', asB);
    expect(members.body.map((m: { email: string; roles: string[] }) => [m.email, m.roles])).toEqual([
      ['bob@b.test', ['admin']],
      ['carol@b.test', ['agent']],
    ]);
    const secrets = await request(server, 'GET', '/v1/admin/secrets', asB);
    expect(secrets.body.identity[0].secret).toBe(b.identitySecret);
    const visitors = await request(server, 'GET', `/v1/agent/visitors/${b.visitorId}`, asB);
    expect(visitors.status).toBe(200);
  });

  it("lets site B's own members use those routes (the refusals are about membership)", async () => {
    const asB = { site: B_KEY };
    expect(
      (await request(server, 'GET', '/v1/agent/conversations', { ...asB, token: tokens.agentB })).status,
    ).toBe(200);
    expect((await request(server, 'GET', '/v1/admin/config', { ...asB, token: tokens.agentB })).status).toBe(
      403,
    );
    expect((await request(server, 'GET', '/v1/admin/secrets', { ...asB, token: tokens.adminB })).status).toBe(
      200,
    );
  });
});

describe('sites, uploads, assignment and agent lists per site', () => {
  it("lists only the agent's own sites, and defaults to the agent's first site", async () => {
    const sitesA = await request(server, 'GET', '/v1/agent/sites', { site: null, token: tokens.agentA });
    expect(sitesA.body).toEqual([{ key: server.siteKey, name: expect.any(String), roles: ['agent'] }]);
    const sitesB = await request(server, 'GET', '/v1/agent/sites', { site: null, token: tokens.adminB });
    expect(sitesB.body).toEqual([{ key: B_KEY, name: 'Other shop', roles: ['admin'] }]);
    // No header: Bob lands on B (his first site), though A is older.
    const config = await request(server, 'GET', '/v1/admin/config', { site: null, token: tokens.adminB });
    expect(config.body.siteKey).toBe(B_KEY);
    const me = await request(server, 'GET', '/v1/agent/me', { site: null, token: tokens.agentB });
    expect(me.body.roles).toEqual(['agent']);
  });

  it("opens site B's uploads to B's agents only (404 for A's)", async () => {
    const fetchAs = (token: string) =>
      fetch(`${server.url}/v1/uploads/${b.uploadId}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await fetchAs(tokens.adminA)).status).toBe(404);
    expect((await fetchAs(tokens.agentA)).status).toBe(404);
    const mine = await fetchAs(tokens.agentB);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toBe('B bytes');
  });

  it('refuses to assign a conversation to an agent who is not a member of its site', async () => {
    const agentAId = (await request(server, 'GET', '/v1/agent/me', { site: null, token: tokens.agentA })).body
      .id;
    const path = `/v1/agent/conversations/${b.conversationId}/assign`;
    const asB = { site: B_KEY, token: tokens.adminB };
    const refused = await request(server, 'POST', path, { ...asB, body: { assigneeId: agentAId } });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/member of the site/);
    const ok = await request(server, 'POST', path, { ...asB, body: { assigneeId: b.carolId } });
    expect(ok.status).toBe(200);
    expect(ok.body.assigneeId).toBe(b.carolId);
  });

  it('lists the agents of the request site only', async () => {
    const agentsB = await request(server, 'GET', '/v1/admin/agents', { site: B_KEY, token: tokens.adminB });
    expect(agentsB.body.map((a: { email: string }) => a.email).sort()).toEqual([
      'bob@b.test',
      'carol@b.test',
    ]);
    const agentsA = await request(server, 'GET', '/v1/admin/agents', { token: tokens.adminA });
    expect(agentsA.body.map((a: { email: string }) => a.email)).not.toContain('bob@b.test');
  });
});

describe('realtime channels', () => {
  const agentSocketUrl = (token: string, siteKey?: string) => {
    const query = new URLSearchParams({ token });
    if (siteKey) query.set('siteKey', siteKey);
    return `${server.url.replace('http', 'ws')}/v1/agent/realtime?${query}`;
  };

  it("refuses site A's agent on site B's socket with 4403", async () => {
    const socket = new FrameLog(agentSocketUrl(tokens.agentA, B_KEY));
    expect(await socket.closed).toBe(4403);
    expect(socket.frames[0]).toMatchObject({ frame: 'error', code: 'forbidden' });
  });

  it("streams each agent only their own site's events, typing and presence", async () => {
    const socketA = new FrameLog(agentSocketUrl(tokens.agentA));
    const socketB = new FrameLog(agentSocketUrl(tokens.agentB));
    await socketA.until((f) => f.some((x) => x.frame === 'hello'));
    await socketB.until((f) => f.some((x) => x.frame === 'hello'));
    // B: a visitor writes, B's agent types and goes online. A: a visitor writes (a control).
    const sent = await request(siteB, 'POST', `/v1/conversations/${b.conversationId}/messages`, {
      token: b.visitorToken,
      body: { clientId: cid('m'), text: 'B-secret-message again' },
    });
    expect(sent.status).toBe(201);
    await request(server, 'POST', `/v1/agent/conversations/${b.conversationId}/typing`, {
      site: B_KEY,
      token: tokens.agentB,
      body: { typing: true },
    });
    await request(server, 'POST', '/v1/agent/presence', {
      site: B_KEY,
      token: tokens.agentB,
      body: { status: 'online' },
    });
    const va = await visitor(server);
    const convA = await conversation(server, va.token, 'hello A');
    await socketB.until((f) => JSON.stringify(f).includes('B-secret-message again'));
    await socketB.until((f) =>
      f.some((x) => x.frame === 'ephemeral' && x.event.type === 'presence' && x.event.agentId === b.carolId),
    );
    await socketA.until((f) => JSON.stringify(f).includes(convA.conversation.id));
    const seenByA = JSON.stringify(socketA.frames);
    expect(seenByA).not.toContain(b.conversationId);
    expect(seenByA).not.toContain('B-secret-message');
    expect(seenByA).not.toContain(b.carolId);
    expect(JSON.stringify(socketB.frames)).not.toContain(convA.conversation.id);
    socketA.close();
    socketB.close();
  });

  it("answers the agent long poll with the agent's own site only", async () => {
    const poll = await request(server, 'GET', '/v1/agent/events?after=0&wait=1', {
      site: null,
      token: tokens.agentA,
    });
    expect(poll.status).toBe(200);
    expect(JSON.stringify(poll.body)).not.toContain(b.conversationId);
    const refused = await request(server, 'GET', '/v1/agent/events?after=0&wait=1', {
      site: B_KEY,
      token: tokens.agentA,
    });
    expect(refused.status).toBe(403);
  });
});

describe('members and invites', () => {
  const asBob = () => ({ site: B_KEY, token: tokens.adminB });

  it("never removes or demotes a site's last admin", async () => {
    const demote = await request(server, 'PUT', `/v1/admin/members/${b.bobId}`, {
      ...asBob(),
      body: { roles: ['agent'] },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last admin/);
    expect((await request(server, 'DELETE', `/v1/admin/members/${b.bobId}`, asBob())).status).toBe(409);
    // With a second admin, Bob may step down.
    const promote = await request(server, 'PUT', `/v1/admin/members/${b.carolId}`, {
      ...asBob(),
      body: { roles: ['admin'] },
    });
    expect(promote.status).toBe(200);
    const stepDown = await request(server, 'PUT', `/v1/admin/members/${b.bobId}`, {
      ...asBob(),
      body: { roles: ['manager'] },
    });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.roles).toEqual(['manager']);
    // Now Bob is no admin: the admin API refuses him; Carol restores him.
    expect((await request(server, 'GET', '/v1/admin/members', asBob())).status).toBe(403);
    const restore = await request(server, 'PUT', `/v1/admin/members/${b.bobId}`, {
      site: B_KEY,
      token: tokens.agentB,
      body: { roles: ['admin'] },
    });
    expect(restore.status).toBe(200);
  });

  it('checks roles at the boundary and names what was wrong', async () => {
    const bad = await request(server, 'PUT', `/v1/admin/members/${b.carolId}`, {
      ...asBob(),
      body: { roles: ['owner'] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/roles/);
    const empty = await request(server, 'POST', '/v1/admin/members', {
      ...asBob(),
      body: { email: 'x@b.test', roles: [] },
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toMatch(/at least one role/);
  });

  it('invites a new account by code (once), and adds an existing account from another site', async () => {
    const added = await request(server, 'POST', '/v1/admin/members', {
      ...asBob(),
      body: { email: 'dave@b.test', name: 'Dave', roles: ['reviewer'] },
    });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ email: 'dave@b.test', roles: ['reviewer'], invited: true });
    const code = added.body.invite.code as string;
    // No password before the invite is redeemed.
    const early = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      body: { email: 'dave@b.test', password: '' + 'anything-at-all' },
    });
    expect(early.status).toBe(401);
    const accept = await request(server, 'POST', '/v1/agent/invite', {
      site: null,
      body: { code, password: 'dave-password' },
    });
    expect(accept.status).toBe(200);
    const again = await request(server, 'POST', '/v1/agent/invite', {
      site: null,
      body: { code, password: 'other-password' },
    });
    expect(again.status).toBe(403);
    const dave = await signIn('dave@b.test', 'dave-password');
    const me = await request(server, 'GET', '/v1/agent/me', { site: null, token: dave });
    expect(me.body.roles).toEqual(['reviewer']);
    expect(
      (await request(server, 'GET', '/v1/agent/conversations', { site: null, token: dave })).status,
    ).toBe(200);

    // Site A's agent joins B too: no invite (the account has a password), both sites listed.
    const join = await request(server, 'POST', '/v1/admin/members', {
      ...asBob(),
      body: { email: server.agent.email, roles: ['agent'] },
    });
    expect(join.status).toBe(201);
    expect(join.body.invite).toBeNull();
    const twice = await request(server, 'POST', '/v1/admin/members', {
      ...asBob(),
      body: { email: server.agent.email, roles: ['agent'] },
    });
    expect(twice.status).toBe(409);
    const sites = await request(server, 'GET', '/v1/agent/sites', { site: null, token: tokens.agentA });
    expect(sites.body.map((s: { key: string }) => s.key)).toEqual([server.siteKey, B_KEY]);
    const query = new URLSearchParams({ token: tokens.agentA, siteKey: B_KEY });
    const socket = new FrameLog(`${server.url.replace('http', 'ws')}/v1/agent/realtime?${query}`);
    await socket.until((f) => f.some((x) => x.frame === 'hello'));
    // Removed again, B is closed to them: the API at once, the open socket within MEMBERSHIP_CHECK_MS.
    const agentAId = join.body.member.id;
    expect((await request(server, 'DELETE', `/v1/admin/members/${agentAId}`, asBob())).status).toBe(204);
    expect(await socket.closed).toBe(4403);
    expect(
      (await request(server, 'GET', '/v1/agent/conversations', { site: B_KEY, token: tokens.agentA })).status,
    ).toBe(403);
  });

  it('lists sites and members in the owner CLI', async () => {
    await server.kill();
    const text = await cli(['site', 'list']);
    await server.restart();
    expect(text).toContain(`key ${B_KEY}`);
    expect(text).toMatch(/bob@b\.test {2}admin/);
    expect(text).toMatch(/carol@b\.test {2}admin/);
    expect(text).toContain(`${server.admin.email}  admin`);
  }, 60_000);
});
