import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { applyRetention } from '../src/services/retention';
import { Sites } from '../src/services/sites';
import { expireUploads } from '../src/services/uploads';
import { diskUploadStore } from '../src/uploads/diskStore';

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

  it('erases through the same path as visitor deletion: tickets, files, webhook payloads, idle visitors', async () => {
    const sites = new Sites(db);
    const store = diskUploadStore(join(dir, 'uploads'));
    const site = await db.transaction((tx) =>
      sites.create(tx, {
        name: 'Old shop',
        key: 'old-shop',
        config: { name: 'Old shop', privacy: { retentionDays: 7 } },
      }),
    );
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await db.query('insert into visitors (id, site_id, name, last_seen_at) values ($1, $2, $3, $4)', [
      'v_old',
      site.id,
      'Ada Oldname',
      old,
    ]);
    await db.query(
      "insert into conversations (id, site_id, visitor_id, client_id, subject, created_at, last_message_at) values ('cv_t', $1, 'v_old', 'cv_t', 'Ada wants a refund', $2, $2)",
      [site.id, old],
    );
    await db.query(
      "insert into tickets (id, site_id, reference, form_id, visitor_id, conversation_id, client_id, values) values ('tk_1', $1, 'FD-1', 'q', 'v_old', 'cv_t', 'tk_1', $2)",
      [site.id, JSON.stringify({ email: 'ada@example.com', proof: 'up_1' })],
    );
    await db.query(
      "insert into uploads (id, site_id, visitor_id, name, type, size, conversation_id, attached_at) values ('up_1', $1, 'v_old', 'ada-id.pdf', 'application/pdf', 3, 'cv_t', now())",
      [site.id],
    );
    await store.put('up_1', new TextEncoder().encode('ada'), 1024);
    const ticket = {
      id: 'tk_1',
      visitorId: 'v_old',
      conversationId: 'cv_t',
      values: { email: 'ada@example.com' },
    };
    await db.query("insert into events (stream_id, seq, type, data) values ($1, 1, 'ticket.created', $2)", [
      `s:${site.id}`,
      JSON.stringify({ type: 'ticket.created', ticket }),
    ]);
    await db.query(
      "insert into webhook_deliveries (id, site_id, url, event, payload) values ('wh_1', $1, 'https://hooks.example/x', 'ticket.created', $2)",
      [site.id, JSON.stringify({ id: 'wh_1', event: 'ticket.created', data: { ticket } })],
    );

    expect(await applyRetention(db, store, await sites.list())).toBe(1);
    const everything = JSON.stringify(
      await Promise.all(
        ['visitors', 'conversations', 'tickets', 'uploads', 'events', 'webhook_deliveries'].map((table) =>
          db.query(`select * from ${table}`),
        ),
      ),
    );
    for (const personal of ['Ada', 'ada@example.com', 'ada-id.pdf'])
      expect(everything).not.toContain(personal);
    expect(await store.get('up_1')).toBeNull();
    const [delivery] = await db.query<{ status: string; error: string }>(
      "select status, error from webhook_deliveries where id = 'wh_1'",
    );
    expect(delivery).toEqual({ status: 'failed', error: 'not sent: its data was erased' });
    // The site stream keeps its event (cursors stay valid), without the values.
    const [event] = await db.query<{ data: { ticket: { values: object } } }>(
      'select data from events where stream_id = $1',
      [`s:${site.id}`],
    );
    expect(event!.data.ticket.values).toEqual({});
  });
});

describe('upload expiry', () => {
  it('deletes uploads never attached once older than the configured age, keeping attached ones', async () => {
    const store = diskUploadStore(join(dir, 'uploads'));
    const [site] = await db.query<{ id: string }>('select id from sites limit 1');
    for (const [id, attached] of [
      ['up_loose', false],
      ['up_used', true],
    ] as const) {
      await db.query(
        `insert into uploads (id, site_id, name, type, size, attached_at) values ($1, $2, $1, 'text/plain', 1, ${attached ? 'now()' : 'null'})`,
        [id, site!.id],
      );
      await store.put(id, new TextEncoder().encode(id), 1024);
    }
    const day = 86_400_000;
    // Younger than the age: kept.
    expect(await expireUploads(db, store, day)).toBe(0);
    expect(await expireUploads(db, store, day, new Date(Date.now() + 2 * day))).toBe(1);
    const left = await db.query<{ id: string }>("select id from uploads where id like 'up_%' order by id");
    expect(left.map((r) => r.id)).toEqual(['up_used']);
    expect(await store.get('up_loose')).toBeNull();
    expect(await store.get('up_used')).not.toBeNull();
  });
});
