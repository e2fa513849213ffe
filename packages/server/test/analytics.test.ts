import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnalyticsRow, SiteConfigSchema } from '@frontdesk/protocol';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { computeAnalytics } from '../src/services/quality/analytics';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

const config = v.parse(SiteConfigSchema, {
  name: 'Shop',
  // Prague is UTC+1 in November: local midnight of 3 November is 2026-11-02T23:00Z.
  timeZone: 'Europe/Prague',
  businessHours: {
    timeZone: 'Europe/Prague',
    week: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']],
    },
    holidays: ['2026-11-09'],
  },
  teams: [
    { id: 'billing', name: 'Billing', agents: ['ana@example.com'] },
    // Ana is in both teams: her conversations count for each, and once in the total.
    { id: 'tech', name: 'Tech', agents: ['bo@example.com', 'ana@example.com'] },
  ],
});

interface Seed {
  id: string;
  at: string;
  agent?: 'ana' | 'bo';
  channel?: string;
  /** Seconds to the first agent reply. */
  frt?: number;
  /** Seconds to resolution (absent: still open). */
  rt?: number;
  reopens?: number;
  csat?: number;
  nps?: number;
  solved?: boolean;
}

// The data set, with each figure below worked out by hand from it.
const SEED: Seed[] = [
  { id: 'a1', at: '2026-11-02T08:00:00Z', agent: 'ana', frt: 60, rt: 600, csat: 5, nps: 10, solved: true },
  { id: 'a2', at: '2026-11-02T09:00:00Z', agent: 'ana', frt: 120, rt: 1200, csat: 4, nps: 9, solved: true },
  // 23:59 on 2 Nov in Prague; resolved 00:29 on 3 Nov local.
  {
    id: 'a3',
    at: '2026-11-02T22:59:00Z',
    agent: 'ana',
    channel: 'email',
    frt: 180,
    rt: 1800,
    csat: 2,
    nps: 3,
    solved: false,
  },
  // The time-zone boundary: 2 Nov in UTC, 00:00 on 3 Nov in Prague.
  { id: 'a4', at: '2026-11-02T23:00:00Z', agent: 'ana', frt: 240 },
  { id: 'a5', at: '2026-11-03T10:00:00Z', agent: 'ana', frt: 600, rt: 3600, reopens: 1, csat: 3, nps: 7 },
  { id: 'b1', at: '2026-11-03T12:00:00Z', agent: 'bo', frt: 30, rt: 300, csat: 5, nps: 10, solved: true },
  { id: 'b2', at: '2026-11-04T12:00:00Z', agent: 'bo', channel: 'email' },
  // Resolved, then reopened by the visitor: open now.
  { id: 'b3', at: '2026-11-04T13:00:00Z', agent: 'bo', frt: 90, reopens: 1, csat: 1, nps: 0, solved: false },
  { id: 'u1', at: '2026-11-05T10:00:00Z' },
  // Before the range: o1 still open, o2 resolved during the range.
  { id: 'o1', at: '2026-11-01T22:59:00Z', agent: 'ana', frt: 10 },
  { id: 'o2', at: '2026-11-01T12:00:00Z', agent: 'bo', rt: 48 * 3600 },
];
const FROM = new Date('2026-11-01T23:00:00Z'); // 2 Nov 00:00 in Prague
const TO = new Date('2026-11-05T23:00:00Z'); // 6 Nov 00:00 in Prague

async function seed(db: Database, siteId: string, rows: Seed[]) {
  const plus = (at: string, s: number | undefined) =>
    s === undefined ? null : new Date(Date.parse(at) + s * 1000).toISOString();
  for (const r of rows) {
    await db.query(
      `insert into conversations (id, site_id, visitor_id, client_id, status, channel, assignee_id, created_at,
         first_response_at, resolved_at, reopen_count) values ($1, $2, 'v1', $1, $3, $4, $5, $6, $7, $8, $9)`,
      [
        r.id,
        siteId,
        r.rt === undefined ? 'open' : 'resolved',
        r.channel ?? 'chat',
        r.agent ? `ag_${r.agent}` : null,
        r.at,
        plus(r.at, r.frt),
        plus(r.at, r.rt),
        r.reopens ?? 0,
      ],
    );
    if (r.csat !== undefined || r.solved !== undefined)
      await db.query(
        'insert into ratings (conversation_id, client_id, csat, nps, solved, created_at) values ($1, $1, $2, $3, $4, $5)',
        [r.id, r.csat ?? null, r.nps ?? null, r.solved ?? null, r.at],
      );
  }
}

const engines = [
  {
    name: 'PGlite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'frontdesk-analytics-'));
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

const byKey = (rows: AnalyticsRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

for (const engine of engines) {
  describe.skipIf(engine.skip)(`analytics on ${engine.name}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    const site = { id: 'site_shop', config };
    const run = (groupBy: 'period' | 'agent' | 'team' | 'channel', extra: object = {}) =>
      computeAnalytics(db, site, {
        from: FROM,
        to: TO,
        groupBy,
        interval: 'day',
        businessHours: false,
        ...extra,
      });

    beforeAll(async () => {
      ({ db, cleanup } = await engine.open());
      await migrate(db);
      await db.query(
        "insert into sites (id, key, secret, name) values ('site_shop', 'pk_shop', 's', 'Shop')",
      );
      await db.query("insert into visitors (id, site_id) values ('v1', 'site_shop')");
      for (const [id, email, name] of [
        ['ag_ana', 'ana@example.com', 'Ana Nováková'],
        ['ag_bo', 'bo@example.com', 'Bo Li'],
      ])
        await db.query(
          "insert into agents (id, email, name, role, password_hash) values ($1, $2, $3, 'agent', 'x')",
          [id, email, name],
        );
      await seed(db, site.id, SEED);
    }, 180_000);
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('gives per-agent medians, p90s, CSAT, NPS, solved and reopen rates and backlog', async () => {
      const { rows, total } = await run('agent');
      const { ag_ana: ana, ag_bo: bo, '': none } = byKey(rows);
      expect(ana).toEqual({
        key: 'ag_ana',
        label: 'Ana Nováková',
        conversations: 5,
        // 60, 120, 180, 240, 600: median 180; p90 at rank 0.9·4 = 3.6: 240 + 0.6·(600 − 240) = 456
        firstResponseSeconds: { median: 180, p90: 456 },
        // resolved 600, 1200, 1800, 3600: median 1500; p90 at rank 2.7: 1800 + 0.7·1800 = 3060
        resolutionSeconds: { median: 1500, p90: 3060 },
        // 5, 4, 2, 3
        csat: { responses: 4, average: 3.5, satisfied: 0.5 },
        // 10, 9 promoters, 7 passive, 3 detractor: (2 − 1) / 4
        nps: { responses: 4, score: 25 },
        solved: { responses: 3, rate: 0.67 },
        // a1, a2, a3, a5 were resolved; a5 reopened
        reopen: { resolved: 4, reopened: 1, rate: 0.25 },
        // a4 and o1 (from before the range) are open at the end
        backlog: 2,
        deflection: null,
      });
      expect(bo).toMatchObject({
        label: 'Bo Li',
        conversations: 3,
        // 30, 90 (b2 has no reply): median 60, p90 30 + 0.9·60 = 84
        firstResponseSeconds: { median: 60, p90: 84 },
        resolutionSeconds: { median: 300, p90: 300 },
        csat: { responses: 2, average: 3, satisfied: 0.5 },
        nps: { responses: 2, score: 0 },
        solved: { responses: 2, rate: 0.5 },
        reopen: { resolved: 2, reopened: 1, rate: 0.5 },
        backlog: 2,
      });
      expect(none).toMatchObject({ label: 'Unassigned', conversations: 1, backlog: 1 });
      expect(total).toMatchObject({ conversations: 9, backlog: 5, csat: { responses: 6 } });
    });

    it('counts days in the site time zone, with backlog at each day end and no missing days', async () => {
      const result = await run('period');
      expect(result.timeZone).toBe('Europe/Prague');
      expect(result.rows.map((r) => [r.key, r.conversations, r.backlog])).toEqual([
        // a4 (23:00Z on 2 Nov) belongs to 3 Nov in Prague
        ['2026-11-02', 3, 3],
        ['2026-11-03', 3, 2],
        ['2026-11-04', 2, 4],
        ['2026-11-05', 1, 5],
      ]);
      expect(result.rows[0]).toMatchObject({
        csat: { responses: 3, average: 3.67, satisfied: 0.67 },
        nps: { responses: 3, score: 33.33 },
        deflection: { helpVisitors: 0, deflected: 0, rate: null },
      });
      // Local hours: 9, 10, 23, 0, 11, 13, 13, 14, 11
      const hours = result.byHour;
      expect([hours[0], hours[9], hours[10], hours[11], hours[13], hours[14], hours[23]]).toEqual([
        1, 1, 1, 2, 2, 1, 1,
      ]);
      expect(hours.reduce((a, b) => a + b)).toBe(9);
    });

    it('groups by team membership and by channel', async () => {
      const byTeam = await run('team');
      const teams = byKey(byTeam.rows);
      expect(teams.billing).toMatchObject({ label: 'Billing', conversations: 5, backlog: 2 });
      expect(teams.tech).toMatchObject({ label: 'Tech', conversations: 8, backlog: 4 });
      expect(byTeam.total).toMatchObject({ conversations: 9, backlog: 5 });
      expect(teams['']).toMatchObject({ label: 'No team', conversations: 1 });
      const channels = byKey((await run('channel')).rows);
      // chat: 60, 120, 240, 600, 30, 90 → median (90 + 120) / 2, p90 at rank 4.5: 240 + 0.5·360
      expect(channels.chat).toMatchObject({
        conversations: 7,
        firstResponseSeconds: { median: 105, p90: 420 },
      });
      expect(channels.email).toMatchObject({ conversations: 2, csat: { responses: 1, average: 2 } });
    });

    it('counts business hours only when asked, skipping nights, weekends and holidays', async () => {
      const ana = byKey((await run('agent', { businessHours: true })).rows).ag_ana!;
      // a1 60, a2 120 in hours; a3 (23:59 Mon) and a4 (00:00 Tue) answered at night: 0; a5 600.
      // 0, 0, 60, 120, 600: p90 at rank 3.6: 120 + 0.6·480
      expect(ana.firstResponseSeconds).toEqual({ median: 60, p90: 408 });
      await seed(db, site.id, [
        // Friday 16:00 in Prague, answered Tuesday 09:30; Monday 9 Nov is a holiday: 1 h + 30 min
        { id: 'w1', at: '2026-11-06T15:00:00Z', agent: 'bo', frt: (4 * 24 - 6.5) * 3600 },
      ]);
      const later = { from: new Date('2026-11-05T23:00:00Z'), to: new Date('2026-11-12T23:00:00Z') };
      const week = await computeAnalytics(db, site, {
        ...later,
        groupBy: 'agent',
        interval: 'week',
        businessHours: true,
      });
      expect(byKey(week.rows).ag_bo!.firstResponseSeconds.median).toBe(5400);
    });

    it('refuses business hours without opening hours, and an empty range', async () => {
      const bare = { id: site.id, config: v.parse(SiteConfigSchema, { name: 'Bare' }) };
      await expect(
        computeAnalytics(db, bare, {
          from: FROM,
          to: TO,
          groupBy: 'agent',
          interval: 'day',
          businessHours: true,
        }),
      ).rejects.toThrow(/needs `businessHours`/);
      await expect(
        computeAnalytics(db, bare, {
          from: TO,
          to: FROM,
          groupBy: 'agent',
          interval: 'day',
          businessHours: false,
        }),
      ).rejects.toThrow(/after "from"/);
    });
  });
}
