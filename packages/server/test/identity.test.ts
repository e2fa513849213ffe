import { createHmac } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, login, request, visitor, visitorSocket } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { FRONTDESK_SECRET: TOKEN_SECRET } });
}, 120_000);
const TOKEN_SECRET = 'identity-test-token-secret';
afterAll(() => server?.stop());

const hash = (userId: string, secret = server.siteSecret) =>
  createHmac('sha256', secret).update(userId).digest('hex');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object, secret = server.siteSecret, alg = 'HS256') => {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

describe('identity verification', () => {
  it("merges an anonymous visitor's conversations into the verified user, across devices", async () => {
    const anonymous = await visitor(server);
    const { conversation: conv } = await conversation(server, anonymous.token, 'before login');
    const identity = { userId: 'user-1', email: 'ana@example.com', name: 'Ana', userHash: hash('user-1') };
    const signedIn = await visitor(server, { visitorToken: anonymous.token, identity });
    expect(signedIn.visitor).toMatchObject({ userId: 'user-1', email: 'ana@example.com', name: 'Ana' });
    const list = await request(server, 'GET', '/v1/conversations', { token: signedIn.token });
    expect(list.body.map((c: { id: string }) => c.id)).toContain(conv.id);
    // Another device, another anonymous history, same user: both end up together.
    const phone = await visitor(server);
    const { conversation: phoneConv } = await conversation(server, phone.token, 'from my phone');
    const phoneSignedIn = await visitor(server, { visitorToken: phone.token, identity });
    expect(phoneSignedIn.visitor.id).toBe(signedIn.visitor.id);
    // The phone's anonymous visitor is gone: its token is refused at once (used a moment ago, so remembered).
    const stale = await request(server, 'GET', '/v1/conversations', { token: phone.token });
    expect(stale.status).toBe(401);
    const merged = await request(server, 'GET', '/v1/conversations', { token: phoneSignedIn.token });
    expect(merged.body.map((c: { id: string }) => c.id).sort()).toEqual([conv.id, phoneConv.id].sort());
    const events = await request(server, 'GET', '/v1/events?after=0', { token: phoneSignedIn.token });
    const created = events.body.events.filter((e: { type: string }) => e.type === 'conversation.created');
    expect(created.map((e: { conversation: { id: string } }) => e.conversation.id)).toContain(phoneConv.id);
  });

  it('accepts an HS256 JWT signed with the site secret', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const session = await visitor(server, {
      identity: { userId: 'user-jwt', jwt: jwt({ sub: 'user-jwt', exp }) },
    });
    expect(session.visitor.userId).toBe('user-jwt');
  });

  it('refuses a forged userHash, a JWT for someone else, an expired or unsigned one', async () => {
    const anonymous = await visitor(server);
    await conversation(server, anonymous.token, 'mine');
    const exp = Math.floor(Date.now() / 1000) + 600;
    const attempts = [
      { userId: 'user-1', userHash: hash('user-1', 'wrong-secret') },
      { userId: 'user-1', userHash: hash('user-2') },
      { userId: 'user-1', jwt: jwt({ sub: 'user-2', exp }) },
      { userId: 'user-1', jwt: jwt({ sub: 'user-1', exp }, 'wrong-secret') },
      { userId: 'user-1', jwt: jwt({ sub: 'user-1', exp: 1000 }) },
      { userId: 'user-1', jwt: jwt({ sub: 'user-1', exp }, server.siteSecret, 'none') },
    ];
    for (const identity of attempts) {
      const reply = await request(server, 'POST', '/v1/session', {
        body: { visitorToken: anonymous.token, identity },
      });
      expect(reply.status, JSON.stringify(identity)).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
    // An unverified identity (allowed here) never switches to or merges with the verified user.
    const unverified = await visitor(server, {
      visitorToken: anonymous.token,
      identity: { userId: 'user-1', name: 'Mallory' },
    });
    expect(unverified.visitor.id).toBe(anonymous.visitor.id);
    expect(unverified.visitor.userId).toBeNull();
  });

  it('refuses a JWT without an expiry, saying so', async () => {
    const reply = await request(server, 'POST', '/v1/session', {
      body: { identity: { userId: 'user-forever', jwt: jwt({ sub: 'user-forever' }) } },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe('Identity verification failed: the JWT has no exp (expiry) claim.');
  });

  it('visitor tokens expire after VISITOR_TOKEN_DAYS (90), renewed at every session start', async () => {
    const payload = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { v: string; exp: number };
    const first = await visitor(server);
    const days = (payload(first.token).exp - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const resumed = await visitor(server, { visitorToken: first.token });
    expect(resumed.visitor.id).toBe(first.visitor.id);
    expect(payload(resumed.token).exp).toBeGreaterThanOrEqual(payload(first.token).exp);

    // The same visitor's token, correctly signed, but expired or without expiry: refused by the API and realtime.
    const sign = (body: object) => {
      const head = b64(body);
      return `${head}.${createHmac('sha256', TOKEN_SECRET).update(head).digest('base64url')}`;
    };
    const site = payload(first.token) as unknown as { s: string };
    const control = sign({ k: 'v', s: site.s, v: first.visitor.id, exp: Date.now() + 60_000 });
    expect((await request(server, 'GET', '/v1/conversations', { token: control })).status).toBe(200);
    const expired = sign({ k: 'v', s: site.s, v: first.visitor.id, exp: Date.now() - 1000 });
    const legacy = sign({ k: 'v', s: site.s, v: first.visitor.id }); // never expires: refused
    for (const stale of [expired, legacy]) {
      const listing = await request(server, 'GET', '/v1/conversations', { token: stale });
      expect(listing.status).toBe(401);
      expect(listing.body.error.code).toBe('unauthorized');
      const socket = visitorSocket(server, stale);
      expect(await socket.closed).toBe(4401);
    }
    // Starting a session with either gives a new anonymous visitor (with a token that expires), not the old one.
    for (const stale of [expired, legacy]) {
      const restarted = await visitor(server, { visitorToken: stale });
      expect(restarted.visitor.id).not.toBe(first.visitor.id);
      expect(payload(restarted.token).exp).toBeGreaterThan(Date.now());
    }
  });

  it('enforces identity.verificationRequired', async () => {
    const admin = await login(server, 'admin');
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const config = { ...current.body.config, identity: { verificationRequired: true } };
    expect(
      (await request(server, 'POST', '/v1/admin/config', { site: null, token: admin, body: { config } }))
        .status,
    ).toBe(201);
    const unverified = await request(server, 'POST', '/v1/session', {
      body: { identity: { userId: 'user-9' } },
    });
    expect(unverified.status).toBe(401);
    const verified = await request(server, 'POST', '/v1/session', {
      body: { identity: { userId: 'user-9', userHash: hash('user-9') } },
    });
    expect(verified.status).toBe(200);
  });
});
