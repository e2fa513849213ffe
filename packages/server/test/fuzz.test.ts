import { ROUTES } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, login, request, visitor } from './helpers';

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
];
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
            });
            if (reply.status >= 500)
              failures.push(`${method} ${path} as ${who} with ${JSON.stringify(body)}: ${reply.status}`);
            else if (reply.status >= 400)
              expect(reply.body?.error?.code, `${method} ${path}`).toBeTypeOf('string');
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
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
    }
    expect(missing).toEqual([]);
    // The check can fail: an unknown route does answer "No route".
    const unknown = await request(server, 'GET', '/v1/agent/no-such-thing', { token: tokens.admin });
    expect(unknown.body.error.message).toMatch(/^No route/);
  });
});
