import { parse, SiteConfigSchema } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';
import { reportingSqlIn } from '../src/db/noJit';
import { computeAnalytics } from '../src/services/quality/analytics';
import { hoursOfDay } from '../src/services/quality/hours';
import { bothEngines, holdTransaction } from './engines';

// Conversations counted per site and UTC quarter hour, and each visitor's last conversation (migration 19):
// filled for an existing install, then kept equal to what the conversations themselves give through every write;
// hours of the day read from the counts equal the hours of the conversations' own timestamps.

const engines = await bothEngines('analytics-rollups');

describe.each(engines)(
  "conversations per quarter hour, visitors' last conversation on %s",
  (engine, open) => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
    }, 180_000);
    afterAll(() => db?.close());

    const stored = () =>
      db.query(
        `select site_id, quarter, conversations from conversation_quarters
       order by site_id, quarter`,
      );
    const counted = () =>
      db.query(
        `select site_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00') as quarter,
         count(*)::int as conversations
       from conversations group by 1, 2 order by 1, 2`,
      );
    const lastStored = () => db.query('select id, last_conversation_at as last from visitors order by id');
    const lastCounted = () =>
      db.query(
        `select v.id, (select max(created_at) from conversations c where c.visitor_id = v.id) as last
       from visitors v order by v.id`,
      );
    const expectInStep = async () => {
      const rows = await stored();
      expect(rows).toEqual(await counted());
      expect(await lastStored()).toEqual(await lastCounted());
      return rows.length;
    };

    it('fills the counts of existing conversations, then follows inserts, updates, moves and deletions', async () => {
      const version = MIGRATIONS.find((m) => m.name.includes('quarter hour'))!.version;
      await migrate(db, version - 1);
      await db.exec(`
      insert into sites (id, key, secret, name) values ('s1', 'k1', 'x', 'Shop'), ('s2', 'k2', 'x', 'Other');
      insert into visitors (id, site_id) values ('v1', 's1'), ('v2', 's2'), ('v3', 's1'), ('v4', 's1');
      insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
        values ('c1', 's1', 'v1', 'c1', 'open', '2026-03-29T00:59:59.999Z'),
          ('c2', 's1', 'v1', 'c2', 'open', '2026-03-29T01:00:00Z'),
          ('c3', 's1', 'v1', 'c3', 'open', '2026-03-29T01:14:59Z'),
          ('c4', 's2', 'v2', 'c4', 'open', '2026-03-29T01:05:00Z'),
          ('c6', 's1', 'v3', 'c6', 'open', '2026-03-29T02:00:00Z');
    `);
      expect(await migrate(db)).toContain(version);
      expect(await expectInStep()).toBe(4);
      expect((await lastStored()).map((r) => r.last === null)).toEqual([false, false, false, true]);

      // One insert, then a bulk one (a statement trigger counts a whole statement's rows at once).
      await db.query(
        "insert into conversations (id, site_id, visitor_id, client_id, status, created_at) values ('c5', 's1', 'v1', 'c5', 'open', '2026-03-29T01:10:00Z')",
      );
      await db.query(
        `insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
       select 'b' || i, 's1', 'v1', 'b' || i, 'open', timestamptz '2026-03-28T22:00:00Z' + i * interval '7 minutes'
       from generate_series(1, 60) i`,
      );
      expect(await expectInStep()).toBeGreaterThan(20);
      // Changes that leave the start alone (reply, resolve, reassignment) change no count.
      const before = await stored();
      await db.query(
        "update conversations set status = 'resolved', resolved_at = created_at + interval '1 hour', first_response_at = created_at + interval '1 minute' where site_id = 's1'",
      );
      expect(await stored()).toEqual(before);
      // A start moved (within a quarter, to another, back), a conversation moved to another site.
      await db.query(
        "update conversations set created_at = created_at + interval '1 second' where id = 'c2'",
      );
      await expectInStep();
      await db.query("update conversations set created_at = '2026-03-30T12:00:00Z' where id = 'c3'");
      await expectInStep();
      await db.query("update conversations set site_id = 's2' where id = 'c1'");
      await expectInStep();
      await db.query(
        "update conversations set created_at = created_at - interval '30 minutes' where id like 'b%'",
      );
      await expectInStep();
      // A visitor merged into another takes their conversations along; an earlier one leaves the last alone.
      await db.query("update conversations set visitor_id = 'v1' where visitor_id = 'v3'");
      await expectInStep();
      await db.query(
        "insert into conversations (id, site_id, visitor_id, client_id, status, created_at) values ('c7', 's1', 'v4', 'c7', 'open', '2026-03-30T00:00:00Z'), ('c8', 's1', 'v4', 'c8', 'open', '2026-03-20T00:00:00Z')",
      );
      await expectInStep();
      await db.query("delete from conversations where id = 'c7'");
      await expectInStep();
      await db.query("delete from visitors where id = 'v4'");
      await expectInStep();
      // Deletions: one, several, a site with all its conversations.
      await db.query("delete from conversations where id = 'c5'");
      await expectInStep();
      await db.query("delete from conversations where id like 'b1%' or id = 'c4'");
      await expectInStep();
      await db.query("delete from sites where id = 's2'");
      await expectInStep();
      expect((await stored()).every((r) => r.site_id === 's1' && Number(r.conversations) > 0)).toBe(true);
    }, 60_000);

    it('gives the hours of the day of the conversations themselves, whole quarters or not, in any zone', async () => {
      await db.query(
        `insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
       select 'h' || i, 's1', 'v1', 'h' || i, 'open',
         timestamptz '2026-03-27T00:00:00Z' + make_interval(secs => (i * 7919 % (5 * 86400))::float8)
       from generate_series(1, 400) i`,
      );
      const zones = ['Europe/Prague', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'UTC', 'CET'];
      const ranges: Array<[string, string]> = [
        ['2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'],
        ['2026-03-27T03:07:11.123Z', '2026-03-31T17:52:48.5Z'],
        ['2026-03-29T00:55:00Z', '2026-03-29T01:05:00Z'],
        ['2026-03-29T01:01:00Z', '2026-03-29T01:14:00Z'],
      ];
      for (const tz of zones)
        for (const [from, to] of ranges) {
          const expected = await db.query<{ h: number; n: number }>(
            `select date_part('hour', created_at at time zone $4::text)::int as h, count(*)::int as n
           from conversations where site_id = $1 and created_at >= $2 and created_at < $3 group by 1 order by 1`,
            ['s1', from, to, tz],
          );
          const inZone = engine === 'PostgreSQL' ? reportingSqlIn(db, tz) : { sql: db, local: false };
          const got = await hoursOfDay(inZone, 's1', new Date(from), new Date(to), tz);
          expect(
            [...got].sort((a, b) => a.h - b.h),
            `${tz} ${from}`,
          ).toEqual(expected);
        }
    }, 60_000);

    it('counts help visitors deflected per day by their last conversation, looking up those with a later one', async () => {
      await db.exec(`
      insert into sites (id, key, secret, name) values ('s3', 'k3', 'x', 'Help');
      insert into visitors (id, site_id) values ('va', 's3'), ('vb', 's3'), ('vc', 's3'), ('vd', 's3'), ('ve', 's3'),
        ('vf', 's3');
      insert into activity (site_id, visitor_id, name, created_at) values
        ('s3', 'va', 'help.view', '2026-04-01T10:00:00Z'), ('s3', 'vb', 'help.search', '2026-04-01T11:00:00Z'),
        ('s3', 'vc', 'help.view', '2026-04-02T09:00:00Z'), ('s3', 'vd', 'help.view', '2026-04-02T10:00:00Z'),
        ('s3', 've', 'help.view', '2026-04-03T08:00:00Z'), ('s3', 'vf', 'help.view', '2026-03-31T10:00:00Z'),
        ('s3', 'vf', 'help.view', '2026-04-03T10:00:00Z');
      insert into conversations (id, site_id, visitor_id, client_id, status, created_at) values
        ('db', 's3', 'vb', 'db', 'open', '2026-04-02T00:00:00Z'),
        ('dc', 's3', 'vc', 'dc', 'open', '2026-04-01T00:00:00Z'),
        ('dd', 's3', 'vd', 'dd', 'open', '2026-04-05T00:00:00Z'),
        ('de1', 's3', 've', 'de1', 'open', '2026-04-03T09:00:00Z'),
        ('de2', 's3', 've', 'de2', 'open', '2026-04-06T00:00:00Z'),
        ('df', 's3', 'vf', 'df', 'open', '2026-04-01T00:00:00Z');
    `);
      const config = parse(SiteConfigSchema, { name: 'Help', timeZone: 'UTC' });
      const analytics = await computeAnalytics(
        db,
        { id: 's3', config },
        {
          from: new Date('2026-04-01T00:00:00Z'),
          to: new Date('2026-04-04T00:00:00Z'),
          interval: 'day',
          groupBy: 'period',
          businessHours: false,
        },
      );
      // va none; vb after the help; vc before it; vd only after the range; ve in it and after it; vf's first help
      // in the range is the 3rd's, its conversation before.
      expect(analytics.rows.map((r) => [r.key, r.deflection])).toEqual([
        ['2026-04-01', { helpVisitors: 2, deflected: 1, rate: 0.5 }],
        ['2026-04-02', { helpVisitors: 2, deflected: 2, rate: 1 }],
        ['2026-04-03', { helpVisitors: 2, deflected: 1, rate: 0.5 }],
      ]);
      expect(analytics.total.deflection).toEqual({ helpVisitors: 6, deflected: 4, rate: 0.67 });
    }, 60_000);

    // Writers on other connections (PostgreSQL only: the embedded database has one): a deletion that waits for a
    // concurrent insert's lock on the same quarter, and for the same visitor, still counts what that insert added.
    it.skipIf(engine !== 'PostgreSQL')(
      'keeps the counts and the last conversation right when a deletion waits for a concurrent insert',
      async () => {
        await db.exec(`
        insert into sites (id, key, secret, name) values ('s9', 'k9', 'x', 'Race');
        insert into visitors (id, site_id) values ('v9', 's9');
        insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
          values ('r1', 's9', 'v9', 'r1', 'open', '2026-05-01T10:01:00Z');`);
        // The insert takes the quarter's and the visitor's rows and holds them, uncommitted.
        const { tx: insert, release } = await holdTransaction(db, {
          first: `insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
             values ('r2', 's9', 'v9', 'r2', 'open', '2026-05-01T10:02:00Z')`,
        });
        const deletion = db.query("delete from conversations where id = 'r1'");
        // Bounded: until the deletion waits on a lock (or 3 s).
        for (let i = 0; i < 60; i++) {
          const [waiting] = await db.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'delete from conversations%'",
          );
          if (waiting!.n > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        release();
        await insert;
        await deletion;
        expect(
          await db.query("select conversations from conversation_quarters where site_id = 's9'"),
        ).toEqual([{ conversations: 1 }]);
        const [visitor] = await db.query<{ last: Date }>(
          "select last_conversation_at as last from visitors where id = 'v9'",
        );
        expect(visitor!.last.toISOString()).toBe('2026-05-01T10:02:00.000Z');
        await expectInStep();
      },
      30_000,
    );
  },
);
