import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor, visitorSocket } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();
const hasRedisServer = await new Promise<boolean>((resolve) => {
  const probe = spawn('redis-server', ['--version'], { stdio: 'ignore' });
  probe.on('error', () => resolve(false));
  probe.on('exit', (code) => resolve(code === 0));
});
// Under CI a missing redis-server fails the run rather than silently testing less (as for PostgreSQL).
if (!hasRedisServer && process.env.CI) throw new Error('redis-server is not installed under CI');
if (!hasRedisServer) console.warn('\n⚠ SKIPPING the Redis restart test: no redis-server installed.\n');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A private redis-server on a loopback port, owned by this test (never the shared one). */
async function privateRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Two nodes on one PostgreSQL; a visitor follows on node B while the agent answers on node A. The bus between
 * them is interrupted; the replies sent meanwhile must still reach B's visitor live, with no later event to
 * trigger a catch-up.
 */
async function twoNodes(
  schema: string,
  extra: Record<string, string> = {},
): Promise<[TestServer, TestServer]> {
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    RATE_LIMIT_VISITOR: '0',
    ...extra,
  };
  const a = await startServer({ env });
  const b = await startServer({ env: { ...env, FRONTDESK_SEED_SITE_SECRET: a.siteSecret } });
  return [a, b];
}

async function replies(a: TestServer, conversationId: string, texts: string[]): Promise<void> {
  const agent = await login(a);
  for (const text of texts) {
    const reply = await request(a, 'POST', `/v1/agent/conversations/${conversationId}/messages`, {
      site: null,
      token: agent,
      body: { clientId: cid(), text },
    });
    expect(reply.status).toBe(201);
  }
}

describe.skipIf(!hasPostgres)('fan-out catch-up after a bus interruption', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  });

  it('delivers replies sent while the LISTEN connection was terminated', async () => {
    const schema = freshSchema();
    cleanup.push(() => dropSchema(schema));
    const [a, b] = await twoNodes(schema);
    cleanup.push(
      () => a.stop(),
      () => b.stop(),
    );
    const v = await visitor(b);
    const { conversation: conv } = await conversation(b, v.token, 'hello');
    const onB = visitorSocket(b, v.token);
    cleanup.push(async () => onB.close());
    await onB.until((f) => f.some((x) => x.frame === 'hello'));
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    cleanup.push(() => admin.end());
    const listeners = `frontdesk/${schema}/listen`;
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [listeners],
    );
    expect(killed.rowCount).toBe(2);
    // Gone for sure before the replies are sent: their NOTIFYs reach no listener at all.
    for (let i = 0; i < 200; i++) {
      const rows = await admin.query(
        'select 1 from pg_stat_activity where application_name = $1 and state is not null',
        [listeners],
      );
      if (rows.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await replies(a, conv.id, ['one', 'two', 'three']);
    await onB.until(
      () =>
        onB.events().filter((e) => e.type === 'message.created' && e.message.author.kind === 'agent')
          .length >= 3,
      15_000,
    );
    const texts = onB.events().flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
    expect(texts).toEqual(['one', 'two', 'three']);
    const seqs = onB.events().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  }, 120_000);

  it.skipIf(!hasRedisServer)(
    'delivers replies sent while Redis restarted, and is not ready while Redis is away',
    async () => {
      const port = await freePort();
      let redis = await privateRedis(port);
      cleanup.push(() => stop(redis));
      const schema = freshSchema();
      cleanup.push(() => dropSchema(schema));
      const [a, b] = await twoNodes(schema, { REDIS_URL: `redis://127.0.0.1:${port}` });
      cleanup.push(
        () => a.stop(),
        () => b.stop(),
      );
      const v = await visitor(b);
      const { conversation: conv } = await conversation(b, v.token, 'hello');
      const onB = visitorSocket(b, v.token);
      cleanup.push(async () => onB.close());
      await onB.until((f) => f.some((x) => x.frame === 'hello'));
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
      await stop(redis);
      const away = await fetch(`${b.url}/readyz`);
      expect(away.status).toBe(503);
      expect(await away.json()).toMatchObject({ checks: { redis: expect.stringMatching(/^unreachable/) } });
      await replies(a, conv.id, ['one', 'two']);
      redis = await privateRedis(port);
      await replies(a, conv.id, ['three']);
      await onB.until(
        () =>
          onB.events().filter((e) => e.type === 'message.created' && e.message.author.kind === 'agent')
            .length >= 3,
        15_000,
      );
      const texts = onB.events().flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
      expect(texts).toEqual(['one', 'two', 'three']);
      for (let i = 0; i < 100 && (await fetch(`${b.url}/readyz`)).status !== 200; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    },
    120_000,
  );
});
