import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { createAgent, login } from '../src/services/agents';
import { request } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      TRUST_PROXY: '1',
      RATE_LIMIT_LOGIN: '6',
      LOGIN_FREE_ATTEMPTS: '2',
      LOGIN_DELAY_MS: '1000',
      LOGIN_DELAY_MAX_MS: '2000',
    },
  });
}, 120_000);
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const signIn = (email: string, password: string, forwardedFor: string) =>
  request(server, 'POST', '/v1/agent/login', {
    site: null,
    body: { email, password },
    headers: { 'x-forwarded-for': forwardedFor },
  });

describe('login protection', () => {
  it('keys the account delay on the normalised email: padding and case do not reset it', async () => {
    const email = server.agent.email;
    // Each attempt from a different real address (the last X-Forwarded-For entry, added by the trusted proxy).
    const variants = [
      email,
      `  ${email.toUpperCase()} `,
      `\t${email}`,
      email.replace(/^./, (c) => c.toUpperCase()),
    ];
    const statuses = [];
    for (const [i, variant] of variants.entries())
      statuses.push((await signIn(variant, 'wrong guess', `198.51.100.${10 + i}`)).status);
    // Two free failures, then the account is delayed whatever the spelling.
    expect(statuses).toEqual([401, 401, 429, 429]);
    // The owner, from their own address, gets in after the (bounded) delay.
    let reply = await signIn(email, server.agent.password, '192.0.2.1');
    for (let i = 0; i < 10 && reply.status === 429; i++) {
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
      await sleep(Number(reply.headers.get('retry-after')) * 1000);
      reply = await signIn(email, server.agent.password, '192.0.2.1');
    }
    expect(reply.status).toBe(200);
    expect(reply.body.token).toBeTypeOf('string');
  });

  it('limits failures per real client address; forged X-Forwarded-For entries do not reset it', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++)
      // The attacker writes a new address first each time; the proxy appends the real one (203.0.113.7).
      statuses.push((await signIn(`nobody${i}@example.com`, 'guess', `10.0.${i}.1, 203.0.113.7`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Another address is not affected, and the admin can still sign in.
    const admin = await signIn(server.admin.email, server.admin.password, '192.0.2.2');
    expect(admin.status).toBe(200);
  });

  it('lets the real agent sign in after an attacker failed many times from many addresses', async () => {
    const email = server.admin.email;
    for (let i = 0; i < 12; i++) await signIn(email, `guess ${i}`, `198.18.${i}.1`);
    let reply = await signIn(email, server.admin.password, '192.0.2.3');
    for (let i = 0; i < 10 && reply.status === 429; i++) {
      await sleep(Number(reply.headers.get('retry-after')) * 1000);
      reply = await signIn(email, server.admin.password, '192.0.2.3');
    }
    expect(reply.status).toBe(200);
  });
});

describe('password hashes', () => {
  it('stores new hashes at N=2^17 and rehashes a legacy N=2^14 hash at the next login', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-hash-'));
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrate(db);
      const agent = await createAgent(db, {
        email: 'Old@Example.com ',
        name: 'Old',
        password: 'pw-123456',
        role: 'agent',
      });
      const fresh = await db.query<{ password_hash: string }>(
        'select password_hash from agents where id = $1',
        [agent.id],
      );
      expect(fresh[0]!.password_hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
      // A hash as written before the cost was raised.
      const salt = randomBytes(16);
      const key = scryptSync('pw-123456', salt, 64, { N: 16384, r: 8, p: 1 });
      const legacy = `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
      await db.query('update agents set password_hash = $2 where id = $1', [agent.id, legacy]);
      await expect(login(db, 'old@example.com', 'wrong')).rejects.toThrow(/wrong/);
      expect(
        (await db.query<{ password_hash: string }>('select password_hash from agents')).at(0)!.password_hash,
      ).toBe(legacy);
      expect((await login(db, '  OLD@example.com', 'pw-123456')).id).toBe(agent.id);
      const after = await db.query<{ password_hash: string }>(
        'select password_hash from agents where id = $1',
        [agent.id],
      );
      expect(after[0]!.password_hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
      expect((await login(db, 'old@example.com', 'pw-123456')).id).toBe(agent.id);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
