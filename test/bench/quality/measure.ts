import { performance } from 'node:perf_hooks';
import { parse, SiteConfigSchema } from '@frontdesk/protocol';
import { type Database, openDatabase } from '../../../packages/server/src/db/database';
import { migrate } from '../../../packages/server/src/db/migrations';
import { createActionPlan, listActionPlans } from '../../../packages/server/src/services/quality/actionPlans';
import { computeAnalytics } from '../../../packages/server/src/services/quality/analytics';
import { listVoice } from '../../../packages/server/src/services/quality/voice';
import { weeklySummary } from '../../../packages/server/src/services/quality/weeklySummary';
import { computeStats } from '../../../packages/server/src/services/stats';

const AGENTS = 20;
const DAY = 86_400_000;

export const config = parse(SiteConfigSchema, {
  name: 'Bench shop',
  timeZone: 'Europe/Prague',
  businessHours: {
    timeZone: 'Europe/Prague',
    week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '18:00']]])),
  },
  teams: [0, 1, 2].map((t) => ({
    id: `team-${t}`,
    name: `Team ${t}`,
    agents: Array.from({ length: AGENTS }, (_, i) => i)
      .filter((i) => i % 3 === t)
      .map((i) => `agent${i}@bench.example`),
  })),
});

/**
 * Seed `n` conversations over the year before `now` in one set-based statement per table (seconds, not minutes):
 * 20 agents in 3 teams, four channels, first replies from 10 s to 2 h, 85 % resolved, 8 % reopened, 30 % rated
 * (CSAT, NPS, solved, some comments), and help-center activity for deflection.
 */
export async function seed(db: Database, n: number, now: Date): Promise<string> {
  const site = 'site_bench';
  await db.query("insert into sites (id, key, secret, name) values ($1, 'pk_bench', 's', 'Bench shop')", [
    site,
  ]);
  await db.query(
    `insert into agents (id, email, name, role, password_hash)
     select 'ag_' || i, 'agent' || i || '@bench.example', 'Agent ' || i, 'agent', 'x' from generate_series(0, $1 - 1) i`,
    [AGENTS],
  );
  const visitors = Math.max(1, Math.floor(n / 5));
  await db.query(
    `insert into visitors (id, site_id, name) select 'v' || i, $1, 'Visitor ' || i from generate_series(1, $2::int) i`,
    [site, visitors],
  );
  // Deterministic pseudo-random numbers from the row number, so every run measures the same data.
  await db.query(
    `insert into conversations (id, site_id, visitor_id, client_id, status, channel, assignee_id, created_at,
       first_response_at, resolved_at, reopen_count)
     select 'cv' || i, $1, 'v' || (1 + i % $3::int), 'c' || i,
       case when i % 20 < 17 then 'resolved' else 'open' end,
       (array['chat', 'chat', 'email', 'form', 'phone'])[(1 + i % 5)::int],
       case when i % 50 = 0 then null else 'ag_' || (i * 7 % ${AGENTS}) end,
       t, t + make_interval(secs => 10 + (i * 7919 % 7200)),
       case when i % 20 < 17 then t + make_interval(secs => 600 + (i * 104729 % 172800)) end,
       case when i % 25 < 2 then 1 else 0 end
     from (select i, $2::timestamptz - make_interval(secs => (i * 2654435761 % (365 * 86400))::float8) as t
           from generate_series(1, $4::bigint) i) s`,
    [site, now.toISOString(), visitors, n],
  );
  await db.query(
    `insert into ratings (conversation_id, client_id, csat, nps, solved, comment, created_at)
     select c.id, c.id, 1 + i % 5, i % 11, case when i % 4 = 0 then false else true end,
       case when i % 3 = 0 then 'Comment ' || i || case when i % 5 < 2 then ' the refund was slow' else ' thanks' end end,
       c.created_at + interval '1 hour'
     from conversations c, lateral (select substr(c.id, 3)::int as i) x where c.site_id = $1 and x.i % 10 < 3`,
    [site],
  );
  await db.query(
    `insert into activity (site_id, visitor_id, name, created_at)
     select $1, 'v' || (1 + i % $3::int), case when i % 2 = 0 then 'help.search' else 'help.view' end,
       $2::timestamptz - make_interval(secs => (i * 40503 % (365 * 86400))::float8)
     from generate_series(1, $4::bigint) i`,
    [site, now.toISOString(), visitors, Math.floor(n / 2)],
  );
  // As autovacuum leaves a table between bursts of writes: statistics, and the visibility map that lets a range of
  // an index be read without the table (index-only scans). Without it the first views measured the table's pages,
  // and later ones whatever autovacuum had reached meanwhile.
  const tables = await db.query<{ name: string }>(
    'select tablename as name from pg_tables where schemaname = current_schema()',
  );
  await db.query(`vacuum (analyze) ${tables.map((t) => `"${t.name}"`).join(', ')}`);
  return site;
}

/** One quality view and how long its queries took (the best of `rounds`, after one warm-up). */
export interface Timing {
  view: string;
  ms: number;
  /** Something from the answer, to show it computed real figures. */
  check: string;
}

/** Time every quality view of the console and API on the seeded site. */
export async function measure(db: Database, siteId: string, now: Date, rounds = 3): Promise<Timing[]> {
  const site = { id: siteId, name: 'Bench shop', config };
  const month = {
    from: new Date(now.getTime() - 30 * DAY),
    to: now,
    interval: 'day' as const,
    businessHours: false,
  };
  const plan = await createActionPlan(
    db,
    site,
    {
      title: 'Faster first replies',
      owner: 'agent1@bench.example',
      dueDate: '2030-01-01',
      metric: 'firstResponseMedian',
      scope: { kind: 'team', id: 'team-1' },
      conversationIds: [],
      reviewIds: [],
    },
    'bench',
  );
  const views: Array<[string, () => Promise<string>]> = [
    [
      'overview (stats, 30 days)',
      async () =>
        `${(await computeStats(db, siteId, month.from, now, 'Europe/Prague')).conversations} conversations`,
    ],
    [
      'analytics by day (30 days)',
      async () => rows(await computeAnalytics(db, site, { ...month, groupBy: 'period' })),
    ],
    [
      'analytics by week (90 days)',
      async () =>
        rows(
          await computeAnalytics(db, site, {
            ...month,
            from: new Date(now.getTime() - 90 * DAY),
            interval: 'week',
            groupBy: 'period',
          }),
        ),
    ],
    [
      'analytics by month (365 days)',
      async () =>
        rows(
          await computeAnalytics(db, site, {
            ...month,
            from: new Date(now.getTime() - 365 * DAY),
            interval: 'month',
            groupBy: 'period',
          }),
        ),
    ],
    [
      'analytics by agent (30 days)',
      async () => rows(await computeAnalytics(db, site, { ...month, groupBy: 'agent' })),
    ],
    [
      'analytics by team (30 days)',
      async () => rows(await computeAnalytics(db, site, { ...month, groupBy: 'team' })),
    ],
    [
      'analytics by channel (30 days)',
      async () => rows(await computeAnalytics(db, site, { ...month, groupBy: 'channel' })),
    ],
    [
      'analytics by agent, business hours (30 days)',
      async () => rows(await computeAnalytics(db, site, { ...month, groupBy: 'agent', businessHours: true })),
    ],
    [
      'voice of the customer, first page',
      async () => `${(await listVoice(db, siteId, { page: 1, pageSize: 25 })).total} answers`,
    ],
    [
      'voice of the customer, search + filters',
      async () =>
        `${(await listVoice(db, siteId, { q: 'refund', rating: 'low', agent: 'ag_3', page: 2, pageSize: 25 })).total} answers`,
    ],
    [
      'action plans with figures now',
      async () => `${(await listActionPlans(db, site, { team: 'team-1' })).length} plans`,
    ],
    [
      'weekly summary',
      async () => `${(await weeklySummary(db, site)).data.week.conversations} conversations`,
    ],
  ];
  const timings: Timing[] = [];
  for (const [view, run] of views) {
    await run();
    let best = Number.POSITIVE_INFINITY;
    let check = '';
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      check = await run();
      best = Math.min(best, performance.now() - start);
    }
    timings.push({ view, ms: Math.round(best * 10) / 10, check });
  }
  void plan;
  return timings;
}

const rows = (a: { rows: unknown[]; total: { conversations: number } }) =>
  `${a.rows.length} rows, ${a.total.conversations} conversations`;

/** Open a fresh schema on a PostgreSQL server and migrate it. */
export async function openBenchDatabase(url: string, schema: string): Promise<Database> {
  const db = await openDatabase({ dataDir: '', databaseUrl: url, schema });
  await migrate(db);
  return db;
}
