import { createHmac } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server, 'admin');
  const config = (await request(server, 'GET', '/v1/admin/config', { token: admin })).body.config;
  const identity = {
    audience: 'shop',
    issuer: 'https://shop.example',
    maxTokenMinutes: 60,
    clockSkewSeconds: 60,
  };
  const pushed = await request(server, 'POST', '/v1/admin/config', {
    token: admin,
    body: { config: { ...config, identity: { ...config.identity, ...identity } } },
  });
  if (pushed.status !== 201) throw new Error(JSON.stringify(pushed.body));
}, 120_000);
afterAll(() => server?.stop());

const now = () => Math.floor(Date.now() / 1000);
const hash = (userId: string, secret: string) => createHmac('sha256', secret).update(userId).digest('hex');
async function jwt(claims: Record<string, unknown>, secret = server.siteSecret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}
const session = (identity: object) => request(server, 'POST', '/v1/session', { body: { identity } });
const good = () => ({ sub: 'u-1', aud: 'shop', iss: 'https://shop.example', iat: now(), exp: now() + 1800 });

describe('identity JWTs', () => {
  it('accepts a JWT within the site rules, and one expired within the clock skew', async () => {
    expect((await session({ userId: 'u-1', jwt: await jwt(good()) })).status).toBe(200);
    const skewed = { ...good(), exp: now() - 20 };
    expect((await session({ userId: 'u-1', jwt: await jwt(skewed) })).status).toBe(200);
  });

  it('refuses each broken rule with a 401 naming it', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...good(), exp: now() + 100 * 365 * 86_400 }, /lives longer than this site allows \(60 minutes\)/],
      [{ ...good(), nbf: now() + 600 }, /not valid yet \(nbf\)/],
      [{ ...good(), aud: 'other' }, /audience \(aud\)/],
      [{ ...good(), aud: undefined }, /audience \(aud\)/],
      [{ ...good(), iss: 'https://evil.example' }, /issuer \(iss\)/],
      [{ ...good(), exp: undefined }, /no exp \(expiry\) claim/],
      [{ ...good(), exp: now() - 600 }, /expired/],
      [{ ...good(), iat: now() + 600 }, /issued in the future/],
      [{ ...good(), sub: 'u-2' }, /another user/],
    ];
    for (const [claims, reason] of cases) {
      const clean = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
      const reply = await session({ userId: 'u-1', jwt: await jwt(clean) });
      expect(reply.status, JSON.stringify(claims)).toBe(401);
      expect(reply.body.error.message).toMatch(reason);
    }
  });
});

describe('site secrets', () => {
  it('shows both secrets to admins only; an upgraded or seeded site starts with one value for both', async () => {
    const shown = await request(server, 'GET', '/v1/admin/secrets', { token: admin });
    expect(shown.status).toBe(200);
    expect(shown.body.identity[0]).toMatchObject({ secret: server.siteSecret, expiresAt: null });
    expect(shown.body.webhook[0]).toMatchObject({ secret: server.siteSecret, expiresAt: null });
    const agent = await login(server, 'agent');
    expect((await request(server, 'GET', '/v1/admin/secrets', { token: agent })).status).toBe(403);
  });

  it('rotates with an overlap: the old identity secret works until it ends; webhook signatures are no identity', async () => {
    const old = server.siteSecret;
    const rotated = await request(server, 'POST', '/v1/admin/secrets/rotate', {
      token: admin,
      body: { purpose: 'identity', overlapHours: 2 },
    });
    expect(rotated.status).toBe(200);
    const [current, previous] = rotated.body.identity;
    expect(current.secret).not.toBe(old);
    expect(current.expiresAt).toBeNull();
    expect(previous).toMatchObject({ secret: old });
    expect(Date.parse(previous.expiresAt) - Date.now()).toBeGreaterThan(3600_000);
    // Both verify during the overlap (userHash and JWT).
    expect((await session({ userId: 'u-9', userHash: hash('u-9', old) })).status).toBe(200);
    expect((await session({ userId: 'u-9', userHash: hash('u-9', current.secret) })).status).toBe(200);
    expect((await session({ userId: 'u-1', jwt: await jwt(good(), current.secret) })).status).toBe(200);
    // The webhook secret (still the old value) is now a different secret: rotate it too, with no overlap.
    const hooks = await request(server, 'POST', '/v1/admin/secrets/rotate', {
      token: admin,
      body: { purpose: 'webhook', overlapHours: 0 },
    });
    const webhookSecret = hooks.body.webhook[0].secret;
    expect(hooks.body.webhook).toHaveLength(1);
    expect(webhookSecret).not.toBe(current.secret);
    // A webhook signature (HMAC with the webhook secret) is not a valid userHash.
    expect((await session({ userId: 'u-9', userHash: hash('u-9', webhookSecret) })).status).toBe(401);
    // Ending the overlap at once: the old identity secret is refused.
    await request(server, 'POST', '/v1/admin/secrets/rotate', {
      token: admin,
      body: { purpose: 'identity', overlapHours: 0 },
    });
    expect((await session({ userId: 'u-9', userHash: hash('u-9', old) })).status).toBe(401);
    const bad = await request(server, 'POST', '/v1/admin/secrets/rotate', {
      token: admin,
      body: { purpose: 'signing', overlapHours: 99999 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.purpose',
      'body.overlapHours',
    ]);
  });
});

describe('agent tokens are revocable', () => {
  it('signing out revokes the token', async () => {
    const token = await login(server, 'agent');
    expect((await request(server, 'GET', '/v1/agent/me', { token })).status).toBe(200);
    expect((await request(server, 'POST', '/v1/agent/logout', { token })).status).toBe(204);
    expect((await request(server, 'GET', '/v1/agent/me', { token })).status).toBe(401);
  });

  it('a password change revokes other tokens and the old password', async () => {
    const other = await login(server, 'agent');
    const current = await login(server, 'agent');
    const wrong = await request(server, 'POST', '/v1/agent/password', {
      token: current,
      body: { currentPassword: 'nope', newPassword: 'a-new-password-1' },
    });
    expect(wrong.status).toBe(403);
    const changed = await request(server, 'POST', '/v1/agent/password', {
      token: current,
      body: { currentPassword: server.agent.password, newPassword: 'a-new-password-1' },
    });
    expect(changed.status).toBe(200);
    expect((await request(server, 'GET', '/v1/agent/me', { token: other })).status).toBe(401);
    expect((await request(server, 'GET', '/v1/agent/me', { token: changed.body.token })).status).toBe(200);
    const signIn = (password: string) =>
      request(server, 'POST', '/v1/agent/login', {
        site: null,
        body: { email: server.agent.email, password },
      });
    expect((await signIn(server.agent.password)).status).toBe(401);
    expect((await signIn('a-new-password-1')).status).toBe(200);
    server.agent.password = 'a-new-password-1';
  });

  it('an admin disabling an agent revokes their tokens and refuses their sign-in until re-enabled', async () => {
    const token = await login(server, 'agent');
    const me = (await request(server, 'GET', '/v1/agent/me', { token })).body;
    const disable = (disabled: boolean) =>
      request(server, 'PATCH', `/v1/admin/agents/${me.id}`, { token: admin, body: { disabled } });
    expect((await disable(true)).body).toMatchObject({ id: me.id, disabled: true });
    expect((await request(server, 'GET', '/v1/agent/me', { token })).status).toBe(401);
    const refused = await request(server, 'POST', '/v1/agent/login', { site: null, body: server.agent });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/disabled/);
    await disable(false);
    expect(
      (await request(server, 'POST', '/v1/agent/login', { site: null, body: server.agent })).status,
    ).toBe(200);
  });
});
