import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = await login(server, 'admin');
}, 120_000);
afterAll(() => server?.stop());

const admin = (method: string, path: string, body?: unknown) =>
  request(server, method, `/v1/admin${path}`, { site: null, token, body });

describe('config', () => {
  it('pushes a validated config as a new version, serves it to widgets and rolls back', async () => {
    const current = await admin('GET', '/config');
    expect(current.body).toMatchObject({ version: 1, config: { name: 'Frontdesk Demo' } });
    const config = { ...current.body.config, name: 'Renamed Shop', theme: { brandColor: '#112233' } };
    const pushed = await admin('POST', '/config', { config, note: 'rename' });
    expect(pushed.status).toBe(201);
    expect(pushed.body.version).toBe(2);
    const served = await request(server, 'GET', '/v1/config');
    expect(served.body).toMatchObject({ version: 2, config: { name: 'Renamed Shop' } });
    expect(served.body.config).not.toHaveProperty('webhooks');
    const versions = await admin('GET', '/config/versions');
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.versions[0]).toMatchObject({ author: server.admin.email, note: 'rename' });
    const rolled = await admin('POST', '/config/rollback', { version: 1 });
    expect(rolled.body).toMatchObject({ version: 3, config: { name: 'Frontdesk Demo' } });
    expect((await admin('POST', '/config/rollback', { version: 42 })).status).toBe(404);
  });

  it('rejects an invalid config with every issue named by path, and keeps the old one', async () => {
    const bad = await admin('POST', '/config', {
      config: { name: '', theme: { brandColor: 'blue', mode: 'neon' }, extra: true },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.config.name',
        'body.config.theme.brandColor',
        'body.config.theme.mode',
        'body.config.extra',
      ]),
    );
    expect((await admin('GET', '/config')).body.config.name).not.toBe('');
  });

  it('applies the cross-field rules of the CLI and console, with suggestions', async () => {
    const current = await admin('GET', '/config');
    const bad = await admin('POST', '/config', {
      config: { ...current.body.config, preChatFormId: 'nope', thme: {} },
    });
    expect(bad.status).toBe(400);
    const issues = bad.body.error.issues as { path: string; message: string; suggestion?: string }[];
    expect(issues.find((i) => i.path === 'body.config.thme')?.suggestion).toMatch(/theme/);
    expect(issues.find((i) => i.path === 'body.config.preChatFormId')?.message).toMatch(
      /^body\.config\.preChatFormId: /,
    );
  });
});

describe('help center admin', () => {
  it('creates, publishes, searches and deletes an article; drafts stay hidden from visitors', async () => {
    const input = {
      slug: 'gift-cards',
      status: 'draft',
      translations: { en: { title: 'Gift cards', body: 'Gift cards never expire.' } },
    };
    const created = await admin('PUT', '/articles/art-gift', input);
    expect(created.status).toBe(200);
    expect((await request(server, 'GET', '/v1/help/articles/art-gift')).status).toBe(404);
    expect((await request(server, 'GET', '/v1/help/search?q=gift')).body).toEqual([]);
    await admin('PUT', '/articles/art-gift', { ...input, status: 'published' });
    const hits = await request(server, 'GET', '/v1/help/search?q=gift&locale=en');
    expect(hits.body[0]).toMatchObject({ articleId: 'art-gift', title: 'Gift cards' });
    const clash = await admin('PUT', '/articles/art-other', { ...input, slug: 'gift-cards' });
    expect(clash.status).toBe(409);
    const invalid = await admin('PUT', '/articles/art-x', { slug: 'Bad Slug', translations: {} });
    expect(invalid.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.slug',
      'body.translations',
    ]);
    expect((await admin('DELETE', '/articles/art-gift')).status).toBe(204);
    expect((await request(server, 'GET', '/v1/help/search?q=gift')).body).toEqual([]);
    expect((await admin('GET', '/articles')).body.length).toBe(4);
  });

  it('upserts categories', async () => {
    const put = await admin('PUT', '/categories/cat-new', { slug: 'new', names: { en: 'New' }, order: 9 });
    expect(put.body).toEqual({ id: 'cat-new', slug: 'new', names: { en: 'New' }, order: 9 });
    expect((await admin('GET', '/categories')).body.map((c: { id: string }) => c.id)).toContain('cat-new');
    const listed = await request(server, 'GET', '/v1/help/categories');
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual(['cat-orders', 'cat-account', 'cat-new']);
  });
});

describe('agents', () => {
  it('creates agents who can log in, refuses duplicates and deletes them', async () => {
    const body = { email: 'new@test.local', name: 'New Agent', password: 'long-enough', role: 'agent' };
    const created = await admin('POST', '/agents', body);
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('password_hash');
    expect((await admin('POST', '/agents', body)).status).toBe(409);
    const short = await admin('POST', '/agents', { ...body, email: 'x@test.local', password: 'short' });
    expect(short.body.error.issues[0].path).toBe('body.password');
    const login = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      body: { email: body.email, password: body.password },
    });
    expect(login.status).toBe(200);
    expect((await admin('GET', '/agents')).body).toHaveLength(3);
    expect((await admin('DELETE', `/agents/${created.body.id}`)).status).toBe(204);
    const after = await request(server, 'GET', '/v1/agent/me', { site: null, token: login.body.token });
    expect(after.status).toBe(401);
  });
});

describe('visitor data', () => {
  it('exports everything about a visitor, then deletes it so its token no longer works', async () => {
    const v = await visitor(server, { attributes: { plan: 'gold' } });
    const { conversation: conv } = await conversation(server, v.token, 'export me');
    const exported = await admin('GET', `/visitors/${v.visitor.id}/export`);
    expect(exported.body.visitor.attributes).toEqual({ plan: 'gold' });
    expect(exported.body.conversations[0].messages[0].text).toBe('export me');
    expect((await admin('DELETE', `/visitors/${v.visitor.id}`)).status).toBe(204);
    expect((await request(server, 'GET', '/v1/conversations', { token: v.token })).status).toBe(401);
    expect((await admin('GET', `/visitors/${v.visitor.id}/export`)).status).toBe(404);
    const agentToken = await login(server);
    const gone = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, {
      site: null,
      token: agentToken,
    });
    expect(gone.status).toBe(404);
    const stream = await request(server, 'GET', '/v1/agent/events?after=0&limit=500', {
      site: null,
      token: agentToken,
    });
    expect(JSON.stringify(stream.body)).not.toContain('export me');
  });
});

describe('stats', () => {
  it('reports volume, response and resolution times, CSAT, NPS and deflection', async () => {
    const agentToken = await login(server);
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agentToken,
      body: { clientId: cid(), text: 'hi' },
    });
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      site: null,
      token: agentToken,
      body: { status: 'resolved' },
    });
    await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
      token: v.token,
      body: { clientId: cid(), csat: 4, nps: 10 },
    });
    // A visitor who reads the help center and never writes is deflected.
    const reader = await visitor(server);
    await request(server, 'GET', '/v1/help/search?q=delivery', { token: reader.token });
    await new Promise((r) => setTimeout(r, 200));
    const stats = await admin('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.conversations).toBeGreaterThanOrEqual(1);
    expect(stats.body.byChannel.chat).toBeGreaterThanOrEqual(1);
    expect(stats.body.byHour).toHaveLength(24);
    expect(stats.body.firstResponseSeconds.average).not.toBeNull();
    expect(stats.body.resolutionSeconds.average).not.toBeNull();
    expect(stats.body.csat).toMatchObject({ responses: 1, average: 4, satisfied: 1 });
    expect(stats.body.nps).toMatchObject({ responses: 1, score: 100 });
    expect(stats.body.deflection.helpVisitors).toBeGreaterThanOrEqual(1);
    expect(stats.body.deflection.deflected).toBeGreaterThanOrEqual(1);
    expect((await admin('GET', '/stats?from=yesterday')).status).toBe(400);
  });
});
