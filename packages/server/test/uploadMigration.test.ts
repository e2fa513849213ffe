import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-upload-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 3 (upload ownership)', () => {
  it("takes the visitor's id off agents' uploads and marks uploads in use as attached, so none expire", async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      await db.exec(
        'create table schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
      );
      for (const migration of MIGRATIONS.filter((m) => m.version < 3)) {
        await db.exec(migration.sql);
        await db.query('insert into schema_migrations (version, name) values ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      await db.exec(`
        insert into sites (id, key, secret, name) values ('s1', 'k1', 'secret', 'Shop');
        insert into visitors (id, site_id) values ('v1', 's1');
        insert into conversations (id, site_id, visitor_id, client_id) values ('cv1', 's1', 'v1', 'cv1');
        insert into uploads (id, site_id, visitor_id, agent_id, name, type, size) values
          ('up_sent', 's1', 'v1', null, 'a.pdf', 'application/pdf', 1),
          ('up_agent', 's1', 'v1', 'ag1', 'b.pdf', 'application/pdf', 1),
          ('up_form', 's1', 'v1', null, 'c.pdf', 'application/pdf', 1),
          ('up_loose', 's1', 'v1', null, 'd.pdf', 'application/pdf', 1);
        insert into messages (id, conversation_id, client_id, seq, author_kind, text, attachments) values
          ('m1', 'cv1', 'm1', 1, 'visitor', '', '[{"id":"up_sent"}]'),
          ('m2', 'cv1', 'm2', 2, 'agent', '', '[{"id":"up_agent"}]');
        insert into tickets (id, site_id, reference, form_id, visitor_id, conversation_id, client_id, values)
          values ('t1', 's1', 'FD-1', 'f', 'v1', 'cv1', 't1', '{"proof":"up_form"}');
      `);
      expect((await migrate(db))[0]).toBe(3);
      const rows = await db.query<{
        id: string;
        visitor_id: string | null;
        conversation_id: string | null;
        attached: boolean;
      }>(
        'select id, visitor_id, conversation_id, attached_at is not null as attached from uploads order by id',
      );
      expect(rows).toEqual([
        { id: 'up_agent', visitor_id: null, conversation_id: 'cv1', attached: true },
        { id: 'up_form', visitor_id: 'v1', conversation_id: 'cv1', attached: true },
        { id: 'up_loose', visitor_id: 'v1', conversation_id: null, attached: false },
        { id: 'up_sent', visitor_id: 'v1', conversation_id: 'cv1', attached: true },
      ]);
    } finally {
      await db.close();
    }
  });
});
