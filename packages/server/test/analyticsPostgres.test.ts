import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTING_CONNECTIONS } from '../src/db/noJit';
import { cid, conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// Analytics on PostgreSQL: the figures stored with each conversation (migration 16) follow every write through the
// API; heavy views must not take the pool's connections from chat (at most REPORTING_CONNECTIONS reporting
// statements at once, however many views are open), and a visitor's message goes through meanwhile.
const hasPostgres = await postgresAvailable();
const schema = freshSchema();
const N = 40_000;
let server: TestServer;
let client: pg.Client;

beforeAll(async () => {
  if (!hasPostgres) return;
  server = await startServer({ env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } });
  client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const [site] = (await client.query('select id from sites where key = $1', [server.siteKey])).rows;
  // A year of conversations with reply and resolution times and ratings, in two set-based statements.
  await client.query(
    `insert into visitors (id, site_id, name) select 'pv' || i, $1, 'Visitor ' || i from generate_series(1, 5000) i`,
    [site.id],
  );
  await client.query(
    `insert into conversations (id, site_id, visitor_id, client_id, status, created_at, first_response_at,
       resolved_at, reopen_count)
     select 'pc' || i, $1, 'pv' || (1 + i % 5000), 'pc' || i, 'resolved', t, t + make_interval(secs => 10 + i % 7200),
       t + make_interval(secs => 600 + i % 172800), i % 25 / 24
     from (select i, now() - make_interval(secs => (i * 2654435761 % (365 * 86400))::float8) as t
           from generate_series(1, $2::int) i) s`,
    [site.id, N],
  );
  await client.query(
    `insert into ratings (conversation_id, client_id, csat, nps, solved)
     select id, id, 1 + length(id) % 5, length(id) % 11, length(id) % 3 > 0 from conversations where id like 'pc%0'`,
  );
  await client.query('analyze');
}, 180_000);

afterAll(async () => {
  await client?.end();
  await server?.stop();
  if (hasPostgres) await dropSchema(schema);
});

describe.skipIf(!hasPostgres)('analytics on PostgreSQL', () => {
  it('keeps the stored figures right through reply, resolve, rating, reopen and a visitor message', async () => {
    const agent = await login(server);
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'My order is late');
    // The stored figures, and what they must equal: computed here from the conversation's own timestamps.
    const figures = async () =>
      (
        await client.query(
          `select first_response_seconds as frt, extract(epoch from first_response_at - created_at)::float8 as frt_now,
             resolution_seconds as rt, extract(epoch from resolved_at - created_at)::float8 as rt_now,
             reopen_count as reopens, rating_csat as csat, rating_nps as nps, rating_solved as solved
           from conversations where id = $1`,
          [conv.id],
        )
      ).rows[0];
    const agentSays = (text: string) =>
      request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
        token: agent,
        body: { clientId: cid('msg'), text },
      });
    const status = (to: 'resolved' | 'open') =>
      request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
        token: agent,
        body: { status: to },
      });
    const rate = (body: object) =>
      request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
        token: v.token,
        body: { clientId: cid('rate'), ...body },
      });

    expect(await figures()).toMatchObject({
      frt: null,
      rt: null,
      reopens: 0,
      csat: null,
      nps: null,
      solved: null,
    });
    expect((await agentSays('Let me check')).status).toBe(201);
    const first = await figures();
    expect(first.frt).toBeGreaterThan(0);
    expect(first.frt).toBe(first.frt_now);
    await agentSays('Found it');
    expect((await figures()).frt).toBe(first.frt); // the first reply only

    expect((await status('resolved')).status).toBe(200);
    const resolved = await figures();
    expect(resolved.rt).toBeGreaterThan(first.frt);
    expect(resolved.rt).toBe(resolved.rt_now);

    expect((await rate({ csat: 5, nps: 9 })).status).toBe(201);
    expect(await figures()).toMatchObject({ rt: resolved.rt, csat: 5, nps: 9, solved: null });
    // "Not solved" reopens it: no resolution time, one reopen; the stars stay.
    expect((await rate({ solved: false })).status).toBe(201);
    expect(await figures()).toMatchObject({ rt: null, reopens: 1, csat: 5, nps: 9, solved: false });

    await status('resolved');
    const again = await figures();
    expect(again.rt).toBe(again.rt_now);
    expect(again.rt).toBeGreaterThan(resolved.rt);
    // A visitor's message reopens a resolved conversation.
    const sent = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid('msg'), text: 'Still not here' },
    });
    expect(sent.status).toBe(201);
    expect(await figures()).toMatchObject({ frt: first.frt, rt: null, reopens: 2, solved: false });
    expect((await rate({ solved: true, csat: 4 })).status).toBe(201);
    expect(await figures()).toMatchObject({ csat: 4, nps: 9, solved: true });
  });

  it('caps the connections heavy views use, and a chat message goes through while they run', async () => {
    const admin = await login(server, 'admin');
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'Before the reports');
    const from = new Date(Date.now() - 366 * 86_400_000).toISOString();
    const views = Array.from({ length: 6 }, (_, i) =>
      request(
        server,
        'GET',
        `/v1/agent/quality/analytics?groupBy=period&interval=month&from=${from}${i % 2 ? '&businessHours=false' : ''}`,
        { token: admin },
      ),
    );
    let running = true;
    const allViews = Promise.all(views).finally(() => {
      running = false;
    });
    // Count the connections busy with reporting statements while the views run.
    let most = 0;
    const sampler = (async () => {
      for (let i = 0; running && i < 3000; i++) {
        const { rows } = await client.query(
          `select count(*)::int as n from pg_stat_activity
           where application_name = $1 and state <> 'idle' and query like '/* frontdesk:reporting */%'`,
          [`frontdesk/${schema}`.slice(0, 63)],
        );
        most = Math.max(most, rows[0].n);
        await sleep(10);
      }
    })();
    // Wait until the views hold their connections, then send a message.
    for (let i = 0; most < REPORTING_CONNECTIONS && running && i < 500; i++) await sleep(10);
    expect(running).toBe(true);
    const started = performance.now();
    const sent = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid('msg'), text: 'While the reports run' },
    });
    const took = performance.now() - started;
    const viewsStillRunning = running;
    const answers = await allViews;
    await sampler;

    console.log(`message answered in ${Math.round(took)} ms; at most ${most} reporting statements at once`);
    expect(sent.status).toBe(201);
    expect(sent.body.text).toBe('While the reports run');
    // It did not queue behind the reports: answered while they were still running, and promptly.
    expect(viewsStillRunning).toBe(true);
    expect(took).toBeLessThan(500);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(REPORTING_CONNECTIONS);
    const { rows } = await client.query(
      'select count(*)::int as n from conversations c join sites s on s.id = c.site_id where s.key = $1 and c.created_at >= $2',
      [server.siteKey, from],
    );
    expect(rows[0].n).toBeGreaterThan(N);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.total.conversations).toBe(rows[0].n);
      expect(answer.body.rows.length).toBeGreaterThanOrEqual(13);
    }
  }, 180_000);
});
