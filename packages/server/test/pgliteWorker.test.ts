import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';

// The embedded database runs in a worker thread: these check what that must not change (errors, transactions,
// notifications) and what it is for (the server's own thread keeps running during a long statement).
describe('embedded database in its worker thread', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-'));
    db = await openDatabase({ dataDir: dir });
    await db.exec('create table items (id int primary key, label text not null, data bytea, at timestamptz)');
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns rows with their types, and errors with their SQL state and constraint', async () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    await db.query('insert into items values ($1, $2, $3, $4)', [1, 'one', new Uint8Array([1, 2]), at]);
    const [row] = await db.query<{ id: number; label: string; data: Uint8Array; at: Date }>(
      'select * from items where id = 1',
    );
    expect(row).toEqual({ id: 1, label: 'one', data: new Uint8Array([1, 2]), at });
    const error = await db.query('insert into items (id, label) values (1, $1)', ['again']).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey' });
    expect(error.message).toMatch(/duplicate key/);
  });

  it('keeps a transaction whole: others wait for it, and a throw rolls it back', async () => {
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.query("insert into items (id, label) values (10, 'a')");
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('tx');
      await t.query("insert into items (id, label) values (11, 'b')");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = db
      .query<{ n: number }>('select count(*)::int as n from items where id >= 10')
      .then((r) => {
        order.push('outside');
        return r[0]!.n;
      });
    await tx;
    expect(await outside).toBe(2);
    expect(order).toEqual(['tx', 'outside']);

    const failed = db.transaction(async (t) => {
      await t.query("insert into items (id, label) values (12, 'c')");
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await db.query('select id from items where id = 12')).toEqual([]);
  });

  it('delivers notifications to listeners until they stop', async () => {
    const received: string[] = [];
    const stop = await db.listen('worker_test', (payload) => received.push(payload));
    await db.notify('worker_test', 'hello');
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual(['hello']);
    await stop();
    await db.notify('worker_test', 'after stop');
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual(['hello']);
  });

  it('leaves this thread free during a long statement', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    let during = 0;
    await db
      .query('select count(*) from generate_series(1, 1000000) a, lateral (select md5(a::text)) b')
      .finally(() => {
        during = ticks;
        clearInterval(timer);
      });
    // On one thread the statement runs synchronously in WebAssembly and no timer fires until it ends.
    expect(during).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
