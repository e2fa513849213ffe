import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, request, visitor } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: { RATE_LIMIT_VISITOR: '5', RATE_LIMIT_IP: '60', RATE_LIMIT_LOGIN: '3' },
  });
}, 120_000);
afterAll(() => server?.stop());

describe('rate limits', () => {
  it('answers 429 with Retry-After once a visitor sends too much, without storing the excess', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token); // write 1
    const replies = [];
    for (let i = 0; i < 6; i++)
      replies.push(
        await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
          token: v.token,
          body: { clientId: cid(), text: `m${i}` },
        }),
      );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 429, 429]);
    const limited = replies[4]!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
    expect(limited.body.error.retryAfter).toBeGreaterThan(0);
    const messages = await request(server, 'GET', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
    });
    expect(messages.body).toHaveLength(5);
    // Reads are not writes: still served.
    expect((await request(server, 'GET', '/v1/conversations', { token: v.token })).status).toBe(200);
  });

  it('refuses agent logins after too many failures, even with the right password, with Retry-After', async () => {
    const attempt = (password: string) =>
      request(server, 'POST', '/v1/agent/login', {
        site: null,
        body: { email: server.admin.email, password },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('guess')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await attempt(server.admin.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits requests per IP across visitors', async () => {
    let reply = await request(server, 'GET', '/v1/help/categories', { origin: server.url });
    for (let i = 0; i < 80 && reply.status !== 429; i++)
      reply = await request(server, 'GET', '/v1/help/categories', { origin: server.url });
    expect(reply.status).toBe(429);
    // A browser can read why: the refusal carries the CORS header too.
    expect(reply.headers.get('access-control-allow-origin')).toBe(server.url);
  });
});
