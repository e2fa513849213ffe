import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiteConfigSchema } from '@frontdesk/protocol';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { computeAnalytics } from '../src/services/quality/analytics';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// A view by period reads each period's medians and p90s, and the whole range's, from arrays it sorted once per
// period (services/quality/percentiles.ts) instead of PostgreSQL's percentile_cont over the range: these tests hold
// every figure to percentile_cont's own answer: on months alike, on months far apart, and on times most of which are
// the same value (the one case where the values near the answer do not settle it and it sorts them all again).

const hasPostgres = await postgresAvailable();
const config = v.parse(SiteConfigSchema, { name: 'Shop', timeZone: 'Europe/Prague' });
const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');

/**
 * Conversations over three months, reply and resolution times with milliseconds (so medians interpolate), ties,
 * unanswered and open ones; `scale` multiplies each month's times (far apart months when it differs a lot); `ties`
 * makes three in five first replies take exactly 100 s and resolutions 1000 s.
 */
async function seed(db: Database, siteId: string, scale: [number, number, number], ties = false) {
  await db.query("insert into sites (id, key, secret, name) values ($1, $1, 's', 'Shop')", [siteId]);
  await db.query("insert into visitors (id, site_id, name) values ($1, $2, 'V')", [`v_${siteId}`, siteId]);
  await db.query(
    `insert into conversations (id, site_id, visitor_id, client_id, status, channel, created_at, first_response_at,
       resolved_at)
     select $1 || '_' || i, $1, 'v_' || $1, 'c' || i, case when i % 7 = 0 then 'open' else 'resolved' end, 'chat', t,
       case when i % 11 <> 0 then t + make_interval(secs => case when $4 and i % 5 < 3 then 100
         else s * (5 + (i * 37 % 400) + (i % 3) * 0.125) end) end,
       case when i % 7 <> 0 then t + make_interval(secs => case when $4 and i % 5 < 3 then 1000
         else s * (300 + (i * 53 % 9000) + (i % 5) * 0.001) end) end
     from generate_series(0, 899) i,
       lateral (select $2::timestamptz + make_interval(days => (i % 3) * 31 + (i / 3) % 28, secs => i) as t,
         ($3::float8[])[1 + i % 3] as s) x`,
    [siteId, FROM.toISOString(), scale, ties],
  );
}

/** What PostgreSQL's percentile_cont says, rounded as the API rounds. */
async function expected(db: Database, siteId: string, from: string, to: string) {
  const [row] = await db.query<{ frt: number[] | null; rt: number[] | null; n: number }>(
    `select count(*)::int as n,
       percentile_cont(array[0.5, 0.9]) within group (order by first_response_seconds) as frt,
       percentile_cont(array[0.5, 0.9]) within group (order by resolution_seconds) as rt
     from conversations where site_id = $1 and created_at >= $2 and created_at < $3`,
    [siteId, from, to],
  );
  const r = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
  return {
    conversations: row!.n,
    firstResponseSeconds: { median: r(row!.frt?.[0]), p90: r(row!.frt?.[1]) },
    resolutionSeconds: { median: r(row!.rt?.[0]), p90: r(row!.rt?.[1]) },
  };
}

const engines = [
  {
    name: 'PGlite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'frontdesk-percentiles-'));
      const db = await openDatabase({ dataDir: dir });
      return { db, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !hasPostgres,
    async open() {
      const schema = freshSchema();
      const db = await openDatabase({ dataDir: '', databaseUrl: TEST_DATABASE_URL, schema });
      return { db, cleanup: () => dropSchema(schema) };
    },
  },
];

for (const engine of engines) {
  describe.skipIf(engine.skip)(`period percentiles on ${engine.name}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await engine.open());
      await migrate(db);
      await seed(db, 'site_alike', [1, 1.01, 0.99]);
      await seed(db, 'site_apart', [1, 60, 3600]);
      await seed(db, 'site_ties', [1, 1, 1], true);
    });
    afterAll(async () => {
      await db.close();
      await cleanup();
    });

    for (const siteId of ['site_alike', 'site_apart', 'site_ties'])
      for (const interval of ['month', 'week'] as const)
        it(`gives percentile_cont's medians and p90s per ${interval} and in total (${siteId})`, async () => {
          const a = await computeAnalytics(
            db,
            { id: siteId, config },
            { from: FROM, to: TO, interval, groupBy: 'period', businessHours: false },
          );
          const pick = (row: (typeof a.rows)[number]) => ({
            conversations: row.conversations,
            firstResponseSeconds: row.firstResponseSeconds,
            resolutionSeconds: row.resolutionSeconds,
          });
          expect(pick(a.total)).toEqual(await expected(db, siteId, FROM.toISOString(), TO.toISOString()));
          expect(a.total.conversations).toBe(900);
          // Each period's own range, as the view reports it: from its first local day to the next period's.
          const starts = await db.query<{ at: Date | string }>(
            `select (g at time zone 'Europe/Prague') as at from generate_series(
               date_trunc($1, $2::timestamptz at time zone 'Europe/Prague'),
               $3::timestamptz at time zone 'Europe/Prague', ('1 ' || $1)::interval) g`,
            [interval, FROM.toISOString(), TO.toISOString()],
          );
          const bounds = starts.map((s) => new Date(s.at).getTime());
          expect(a.rows.length).toBe(bounds.length);
          for (const [i, row] of a.rows.entries()) {
            const from = new Date(Math.max(bounds[i]!, FROM.getTime())).toISOString();
            const to = new Date(Math.min(bounds[i + 1] ?? TO.getTime(), TO.getTime())).toISOString();
            expect(pick(row), `${interval} ${row.key}`).toEqual(await expected(db, siteId, from, to));
          }
          expect(a.rows.some((r) => r.firstResponseSeconds.median !== null)).toBe(true);
        });

    it('counts conversations by local hour of day across the change to summer time (29 March)', async () => {
      const a = await computeAnalytics(
        db,
        { id: 'site_alike', config },
        { from: FROM, to: TO, interval: 'month', groupBy: 'period', businessHours: false },
      );
      const rows = await db.query<{ h: number; n: number }>(
        `select date_part('hour', created_at at time zone 'Europe/Prague')::int as h, count(*)::int as n
         from conversations where site_id = 'site_alike' and created_at >= $1 and created_at < $2 group by 1`,
        [FROM.toISOString(), TO.toISOString()],
      );
      const expected = Array.from({ length: 24 }, (_, h) => rows.find((r) => r.h === h)?.n ?? 0);
      expect(a.byHour).toEqual(expected);
      expect(expected.reduce((x, y) => x + y)).toBe(900);
    });

    it('gives null percentiles for a range without conversations', async () => {
      const a = await computeAnalytics(
        db,
        { id: 'site_alike', config },
        {
          from: new Date('2025-01-01T00:00:00Z'),
          to: new Date('2025-03-01T00:00:00Z'),
          interval: 'month',
          groupBy: 'period',
          businessHours: false,
        },
      );
      expect(a.total.conversations).toBe(0);
      expect(a.total.firstResponseSeconds).toEqual({ median: null, p90: null });
      expect(a.rows.length).toBeGreaterThan(1);
      for (const row of a.rows) expect(row.resolutionSeconds).toEqual({ median: null, p90: null });
    });
  });
}
