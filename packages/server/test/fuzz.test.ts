import { ROUTES } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, login, type Reply, request, visitor } from './helpers';

let server: TestServer;
let tokens: Record<'none' | 'visitor' | 'agent' | 'admin', string | undefined>;
let conversationId = '';
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_IP: '0', RATE_LIMIT_VISITOR: '0' } });
  const v = await visitor(server);
  conversationId = (await conversation(server, v.token)).conversation.id;
  tokens = {
    none: undefined,
    visitor: v.token,
    agent: await login(server),
    admin: await login(server, 'admin'),
  };
}, 120_000);
afterAll(() => server?.stop());

// Malformed input of every kind a careless or hostile client might send.
const BODIES: unknown[] = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '42',
  {},
  { clientId: null, text: {}, readSeq: 'x', typing: 'yes', status: 7, assigneeId: 5 },
  { clientId: 'a'.repeat(65), text: 'x'.repeat(6000), values: [1], config: 'x', version: -1 },
  { identity: { userId: '', userHash: 'zz', jwt: 'a.b' }, visitorToken: 123, attributes: { 'bad key!': [] } },
  { name: 'x', data: { nested: { deep: true } }, slug: '../../etc', translations: { 'not a locale': 1 } },
  { __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } },
  // PostgreSQL cannot store NUL: it must be refused before storage, not fail there.
  { clientId: 'c_nul_00001', text: 'a\u0000b', name: '\u0000', values: { 'k\u0000': 'v' }, typing: true },
  // Not well-formed Unicode: lone surrogates in values and keys.
  { clientId: 'c_sur_00001', text: 'a\ud800b', page: { url: 'https://x.example/p', title: '\udc00' } },
  { values: { '\ud83d': 'x' }, attributes: { plan: '\ud83d' }, name: '\ud800', typing: true },
  // Out-of-range and non-finite numbers where integers are stored.
  { readSeq: 2 ** 40, version: 2 ** 53, order: -(2 ** 33), csat: 1e308, nps: -1e308, limit: 2 ** 31 },
  '{"readSeq": 1e400, "version": -1e400}',
  // Deeply nested (arrays and objects) and huge bodies.
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  { config: nest(200), data: nest(100), attributes: nest(80) },
  { text: 'x'.repeat(300 * 1024) },
];

/** An object nested `depth` levels deep. */
function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value, b: [value === 'leaf' ? 1 : 2] };
  return value;
}
const IDS = ['nope', 'a'.repeat(300), "' or 1=1 --", 'cv_\u0000'];

describe('no client mistake is ever a 500', () => {
  it('answers every route with garbage ids, bodies and tokens with a 4xx, never a 500', async () => {
    const failures: string[] = [];
    for (const route of Object.values(ROUTES)) {
      const [method, template] = route.split(' ') as [string, string];
      if (template.endsWith('realtime')) continue;
      for (const id of [...IDS, conversationId]) {
        const path = template.replace(/:(\w+)/g, () => encodeURIComponent(id));
        for (const who of ['none', 'visitor', 'agent', 'admin'] as const) {
          // Every malformed body against the real id; garbage ids with one malformed body each.
          const bodies =
            method === 'GET' || method === 'DELETE'
              ? [undefined]
              : id === conversationId
                ? BODIES
                : [BODIES[8]];
          for (const body of bodies) {
            const query =
              method === 'GET' ? '?after=-5&limit=abc&q=%FF&status=bogus&from=x&afterSeq=1e99' : '';
            const reply = await request(server, method, `${path}${query}`, {
              token: tokens[who],
              body: body as never,
            }).catch((error: Error) => ({ status: 599, body: String(error.cause ?? error) }) as Reply);
            // Signing out revokes the token for real: sign in again for the next requests.
            if (route === ROUTES.logout && reply.status === 204 && (who === 'agent' || who === 'admin'))
              tokens[who] = await login(server, who);
            if (reply.status >= 500)
              failures.push(`${method} ${path} as ${who} with ${JSON.stringify(body)}: ${reply.status}`);
            else if (reply.status >= 400)
              expect(reply.body?.error?.code, `${method} ${path}`).toBeTypeOf('string');
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 450_000); // every route of ROUTES (the quality routes added 16), on a busy CI machine
});

describe('malformed input answers 400 with the path named', () => {
  it('refuses JSON nested 10,000 deep with a 400, not a stack overflow', async () => {
    const deep = `{"clientId":"c_deep_0001","text":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const reply = await request(server, 'POST', `/v1/conversations/${conversationId}/messages`, {
      token: tokens.visitor,
      body: deep,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(reply.body.error.message).toMatch(/nested at most 64 levels/);
  });

  it('refuses a lone surrogate before storage, naming the path', async () => {
    const reply = await request(server, 'POST', '/v1/session', {
      body: '{"page":{"url":"https://x.example/p","title":"\\ud800"}}',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0]).toMatchObject({ path: 'body.page.title', received: 'lone surrogate' });
    expect(reply.body.error.message).toContain('body.page.title');
    // A well-formed pair (an emoji) is fine.
    const ok = await request(server, 'POST', '/v1/session', {
      body: { page: { url: 'https://x.example/p', title: 'Hi \ud83d\ude00' } },
    });
    expect(ok.status).toBe(200);
  });

  it('refuses integers a PostgreSQL int cannot hold (category order, rollback version, read seq)', async () => {
    const order = await request(server, 'PUT', '/v1/admin/categories/cat_big', {
      token: tokens.admin,
      body: { slug: 'big', names: { en: 'Big' }, order: 2 ** 40 },
    });
    expect(order.status).toBe(400);
    expect(order.body.error.issues[0].path).toBe('body.order');
    const rollback = await request(server, 'POST', '/v1/admin/config/rollback', {
      token: tokens.admin,
      body: { version: 2 ** 40 },
    });
    expect(rollback.status).toBe(400);
    expect(rollback.body.error.issues[0].path).toBe('body.version');
    const read = await request(server, 'POST', `/v1/conversations/${conversationId}/read`, {
      token: tokens.visitor,
      body: { readSeq: 2 ** 31 },
    });
    expect(read.status).toBe(400);
    const after = await request(server, 'GET', '/v1/events?after=3000000000', { token: tokens.visitor });
    expect(after.status).toBe(400);
  });
});

describe('NUL characters', () => {
  it('are refused at the boundary with the path named', async () => {
    const reply = await request(server, 'POST', `/v1/conversations/${conversationId}/messages`, {
      token: tokens.visitor,
      body: { clientId: 'c_nul_00002', text: 'a\u0000b' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0].path).toBe('body.text');
    const url = await request(server, 'GET', '/v1/conversations/cv_%00/messages', { token: tokens.visitor });
    expect(url.status).toBe(400);
  });
});

describe('every route of the protocol is served', () => {
  it('answers each ROUTES entry with something other than "no such route"', async () => {
    const missing: string[] = [];
    for (const [name, route] of Object.entries(ROUTES)) {
      const [method, template] = route.split(' ') as [string, string];
      if (template.endsWith('realtime')) continue;
      const path = template.replace(/:(\w+)/g, () => conversationId);
      const reply = await request(server, method, path, {
        token: tokens.admin,
        body: method === 'GET' ? undefined : {},
      });
      if (reply.status === 404 && String(reply.body?.error?.message).startsWith('No route'))
        missing.push(`${name}: ${route}`);
      if (route === ROUTES.logout) tokens.admin = await login(server, 'admin');
    }
    expect(missing).toEqual([]);
    // The check can fail: an unknown route does answer "No route".
    const unknown = await request(server, 'GET', '/v1/agent/no-such-thing', { token: tokens.admin });
    expect(unknown.body.error.message).toMatch(/^No route/);
  });
});
