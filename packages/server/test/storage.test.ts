import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/auth/crypto';
import { type Database, openDatabase } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';
import { Hub } from '../src/realtime/hub';
import { readEvents, streamCursor, withEvents } from '../src/services/events';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// The same storage contract, on the embedded database always and on a real PostgreSQL server when reachable.
const engines: Array<{
  name: string;
  skip: boolean;
  open(): Promise<{ db: Database; cleanup(): Promise<void> }>;
}> = [
  {
    name: 'PGlite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'frontdesk-storage-'));
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
  describe.skipIf(engine.skip)(`storage on ${engine.name}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    const hub = new Hub();

    beforeAll(async () => {
      ({ db, cleanup } = await engine.open());
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('runs the versioned migrations once, in order, numbered without gaps', async () => {
      const versions = MIGRATIONS.map((m) => m.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(await migrate(db)).toEqual(versions);
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>(
        'select version from schema_migrations order by version',
      );
      expect(rows.map((r) => r.version)).toEqual(versions);
    });

    it("keeps an upgraded site's one secret as both its identity and its webhook secret", async () => {
      const old = await engine.open();
      try {
        expect(await migrate(old.db, 2)).toEqual([1, 2]);
        await old.db.query(
          "insert into sites (id, key, secret, name) values ('site_old', 'old', 'sk_old', 'Old')",
        );
        expect(await migrate(old.db)).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => v > 2));
        const secrets = await old.db.query<{ purpose: string; secret: string; expires_at: unknown }>(
          "select purpose, secret, expires_at from site_secrets where site_id = 'site_old' order by purpose",
        );
        expect(secrets.filter((s) => s.purpose !== 'email')).toEqual([
          { purpose: 'identity', secret: 'sk_old', expires_at: null },
          { purpose: 'webhook', secret: 'sk_old', expires_at: null },
        ]);
        // The inbound email secret came later (docs/email.md): a new random one, never the old shared secret.
        const email = secrets.find((s) => s.purpose === 'email');
        expect(email?.secret).toMatch(/^emsec_[0-9a-f]{32}$/);
      } finally {
        await old.db.close();
        await old.cleanup();
      }
    }, 60_000);

    it('gives concurrent writers gap-free, ordered seqs per stream', async () => {
      const stream = `v:${newId('vis')}`;
      const seen: number[] = [];
      const stop = hub.subscribe(stream, (m) => {
        if (m.kind === 'event') seen.push(m.event.seq);
      });
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          withEvents(db, hub, (_tx, events) =>
            events.append(stream, { type: 'rating.requested', conversationId: `cv_${i}` }),
          ),
        ),
      );
      stop();
      const page = await readEvents(db, stream, 0, 100);
      expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await streamCursor(db, stream)).toBe(40);
      expect((await readEvents(db, stream, 10, 5)).hasMore).toBe(true);
    });

    it('rolls back a failed transaction: no event, no seq consumed', async () => {
      const stream = `v:${newId('vis')}`;
      await expect(
        withEvents(db, hub, async (_tx, events) => {
          await events.append(stream, { type: 'rating.requested', conversationId: 'cv_x' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await streamCursor(db, stream)).toBe(0);
      expect((await readEvents(db, stream, 0)).events).toEqual([]);
    });

    it('refuses a duplicate client id at the storage level (idempotency backstop)', async () => {
      await db.query(
        "insert into sites (id, key, secret, name) values ('s1', 'k1', 'x', 'S') on conflict do nothing",
      );
      await db.query("insert into visitors (id, site_id) values ('v1', 's1') on conflict do nothing");
      const insert = () =>
        db.query(
          "insert into conversations (id, site_id, visitor_id, client_id) values ($1, 's1', 'v1', 'same-client-id')",
          [newId('cv')],
        );
      await insert();
      await expect(insert()).rejects.toMatchObject({ code: '23505' });
    });
  });
}
