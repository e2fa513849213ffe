import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { applyRetention } from '../src/services/retention';
import { Sites } from '../src/services/sites';
import { diskUploadStore } from '../src/services/uploads';

let db: Database;
const dir = mkdtempSync(join(tmpdir(), 'frontdesk-retention-'));
beforeAll(async () => {
  db = await openDatabase({ dataDir: dir });
  await migrate(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention', () => {
  it('deletes conversations idle longer than privacy.retentionDays and blanks their event texts', async () => {
    const sites = new Sites(db);
    const site = await db.transaction((tx) =>
      sites.create(tx, {
        name: 'Shop',
        key: 'shop',
        config: { name: 'Shop', privacy: { retentionDays: 30 } },
      }),
    );
    await db.query("insert into visitors (id, site_id) values ('v1', $1)", [site.id]);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    for (const [id, at] of [
      ['cv_old', old],
      ['cv_new', new Date().toISOString()],
    ] as const) {
      await db.query(
        "insert into conversations (id, site_id, visitor_id, client_id, created_at, last_message_at) values ($1, $2, 'v1', $1, $3, $3)",
        [id, site.id, at],
      );
      await db.query(
        "insert into messages (id, conversation_id, client_id, seq, author_kind, text) values ($1, $2, $1, 1, 'visitor', 'my address is …')",
        [`m_${id}`, id],
      );
      const event = {
        type: 'message.created',
        message: { conversationId: id, text: 'my address is …', attachments: [] },
      };
      await db.query(
        "insert into events (stream_id, seq, type, data) values ('v:v1', $1, 'message.created', $2)",
        [id === 'cv_old' ? 1 : 2, JSON.stringify(event)],
      );
    }
    expect(await applyRetention(db, diskUploadStore(join(dir, 'uploads')), await sites.list())).toBe(1);
    const left = await db.query<{ id: string }>('select id from conversations order by id');
    expect(left.map((r) => r.id)).toEqual(['cv_new']);
    const texts = await db.query<{ text: string }>(
      "select data->'message'->>'text' as text from events order by seq",
    );
    expect(texts.map((r) => r.text)).toEqual(['[deleted]', 'my address is …']);
    expect(await applyRetention(db, diskUploadStore(join(dir, 'uploads')), await sites.list())).toBe(0);
  });
});
