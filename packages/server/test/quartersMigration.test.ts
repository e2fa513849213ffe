import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';
import { reportingSqlIn } from '../src/db/noJit';
import { hoursOfDay } from '../src/services/quality/hours';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// Conversations counted per site and UTC quarter hour (migration 19): filled for an existing install, then kept
// equal to a count of the conversations themselves through every write; hours of the day read from them equal
// the hours of the conversations' own timestamps.

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-quarters-migration-'));
const schema = freshSchema();
const onPostgres = await postgresAvailable();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (onPostgres) await dropSchema(schema);
});

const engines: Array<[string, () => Promise<Database>]> = [
  ['PGlite', () => openDatabase({ dataDir: dir })],
  ...(onPostgres
    ? [
        ['PostgreSQL', () => openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: dir, schema })] as [
          string,
          () => Promise<Database>,
        ],
      ]
    : []),
];

describe.each(engines)('conversations per quarter hour on %s', (engine, open) => {
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
  const expectInStep = async () => {
    const rows = await stored();
    expect(rows).toEqual(await counted());
    return rows.length;
  };

  it('fills the counts of existing conversations, then follows inserts, updates, moves and deletions', async () => {
    const version = MIGRATIONS.find((m) => m.name.includes('quarter hour'))!.version;
    await migrate(db, version - 1);
    await db.exec(`
      insert into sites (id, key, secret, name) values ('s1', 'k1', 'x', 'Shop'), ('s2', 'k2', 'x', 'Other');
      insert into visitors (id, site_id) values ('v1', 's1'), ('v2', 's2');
      insert into conversations (id, site_id, visitor_id, client_id, status, created_at)
        values ('c1', 's1', 'v1', 'c1', 'open', '2026-03-29T00:59:59.999Z'),
          ('c2', 's1', 'v1', 'c2', 'open', '2026-03-29T01:00:00Z'),
          ('c3', 's1', 'v1', 'c3', 'open', '2026-03-29T01:14:59Z'),
          ('c4', 's2', 'v2', 'c4', 'open', '2026-03-29T01:05:00Z');
    `);
    expect(await migrate(db)).toContain(version);
    expect(await expectInStep()).toBe(3);

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
    await db.query("update conversations set created_at = created_at + interval '1 second' where id = 'c2'");
    await expectInStep();
    await db.query("update conversations set created_at = '2026-03-30T12:00:00Z' where id = 'c3'");
    await expectInStep();
    await db.query("update conversations set site_id = 's2' where id = 'c1'");
    await expectInStep();
    await db.query(
      "update conversations set created_at = created_at - interval '30 minutes' where id like 'b%'",
    );
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
});
