import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';
import { bothEngines } from './engines';

// Upgrading an install from before the stored analytics figures: existing conversations get theirs, and the
// database keeps them right on every later write, whoever writes.

const engines = await bothEngines('figures-migration');

describe.each(engines)('migration (stored analytics figures) on %s', (_engine, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  }, 180_000);
  afterAll(() => db?.close());

  const figures = (id: string) =>
    db
      .query(
        `select first_response_seconds as frt, resolution_seconds as rt, rating_csat as csat, rating_nps as nps,
           rating_solved as solved from conversations where id = $1`,
        [id],
      )
      .then((rows) => rows[0]);

  it('fills the figures of existing conversations, then follows every write', async () => {
    const version = MIGRATIONS.find((m) => m.name.startsWith('quality analytics: stored'))!.version;
    expect(await migrate(db, version - 1)).toContain(version - 1);
    await db.exec(`
      insert into sites (id, key, secret, name) values ('s1', 'k1', 'x', 'Shop');
      insert into visitors (id, site_id) values ('v1', 's1');
      insert into conversations (id, site_id, visitor_id, client_id, status, created_at, first_response_at, resolved_at)
        values ('c1', 's1', 'v1', 'c1', 'resolved', '2026-11-02T08:00:00Z', '2026-11-02T08:01:30.25Z',
          '2026-11-02T10:00:00Z'),
        ('c2', 's1', 'v1', 'c2', 'open', '2026-11-02T09:00:00Z', null, null);
      insert into ratings (conversation_id, client_id, csat, nps, solved) values ('c1', 'r1', 4, 10, true);
    `);
    expect(await migrate(db)).toContain(version);
    expect(await figures('c1')).toEqual({ frt: 90.25, rt: 7200, csat: 4, nps: 10, solved: true });
    expect(await figures('c2')).toEqual({ frt: null, rt: null, csat: null, nps: null, solved: null });

    // Written by any path, SQL included: the durations are generated, the rating copied by the trigger.
    await db.query(
      "update conversations set first_response_at = created_at + interval '2 minutes', status = 'resolved', resolved_at = created_at + interval '1 hour' where id = 'c2'",
    );
    await db.query("insert into ratings (conversation_id, client_id, solved) values ('c2', 'r2', false)");
    expect(await figures('c2')).toEqual({ frt: 120, rt: 3600, csat: null, nps: null, solved: false });
    await db.query("update conversations set resolved_at = null, status = 'open' where id = 'c1'");
    await db.query("update ratings set csat = 2, nps = null where conversation_id = 'c1'");
    expect(await figures('c1')).toEqual({ frt: 90.25, rt: null, csat: 2, nps: null, solved: true });
    await db.query("delete from ratings where conversation_id = 'c1'");
    expect(await figures('c1')).toEqual({ frt: 90.25, rt: null, csat: null, nps: null, solved: null });
    // Erasing a conversation takes its rating with it (the trigger then finds no conversation to update).
    await db.query("delete from conversations where id = 'c2'");
    expect(await db.query("select 1 from ratings where conversation_id = 'c2'")).toEqual([]);
  }, 60_000);
});
