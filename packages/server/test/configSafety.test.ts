import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';

let server: TestServer;
let token: string;
// biome-ignore lint/suspicious/noExplicitAny: the published config is edited field by field.
let config: any;
beforeAll(async () => {
  server = await startServer();
  token = await login(server, 'admin');
  config = (await request(server, 'GET', '/v1/admin/config', { token })).body.config;
}, 120_000);
afterAll(() => server?.stop());

const push = (body: unknown) => request(server, 'POST', '/v1/admin/config', { token, body });

describe('config pushes cannot block the server', () => {
  it('refuses an 18 KB config nested 3,000 deep while /healthz keeps answering', async () => {
    const deep = `{"config":{"name":"Deep","texts":{"en":${'{"a":'.repeat(3000)}"x"${'}'.repeat(3000)}}}}`;
    expect(deep.length).toBeGreaterThan(18_000);
    const [pushed, health] = await Promise.all([
      push(deep),
      fetch(`${server.url}/healthz`).then((r) => r.status),
    ]);
    expect(pushed.status).toBe(400);
    expect(pushed.body.error.code).toBe('validation_failed');
    expect(health).toBe(200);
    // And after it.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a config nested deeper than the config limit, naming where', async () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 30; i++) nested = { a: nested };
    const reply = await push({ config: { ...config, texts: { en: nested } } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0].path).toMatch(/^body\.config\.texts\.en(\.a)+$/);
    expect(reply.body.error.issues[0].expected).toMatch(/nested at most 16 levels/);
  });
});

describe('admin regular expressions', () => {
  it('refuses redaction and form patterns with catastrophic backtracking, naming the path', async () => {
    const forms = structuredClone(config.forms);
    const i = forms.findIndex((f: { fields: { type: string }[] }) => f.fields.some((x) => x.type === 'text'));
    const j = forms[i].fields.findIndex((x: { type: string }) => x.type === 'text');
    forms[i].fields[j].pattern = '(\\w+\\s?)*';
    const reply = await push({
      config: {
        ...config,
        privacy: { ...config.privacy, redactPatterns: ['\\b\\d(?:[ -]?\\d){12,15}\\b', '(a+)+$'] },
        forms,
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.config.privacy.redactPatterns[1]',
      `body.config.forms[${i}].fields[${j}].pattern`,
    ]);
    expect(reply.body.error.issues[0].message).toMatch(/exponential/);
  }, 60_000);

  it('accepts safe patterns', async () => {
    const reply = await push({
      config: {
        ...config,
        privacy: { ...config.privacy, redactPatterns: ['\\b\\d(?:[ -]?\\d){12,15}\\b'] },
      },
    });
    expect(reply.status).toBe(201);
  }, 60_000);
});
