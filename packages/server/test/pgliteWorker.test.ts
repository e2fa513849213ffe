import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { readiness } from '../src/http/health';
import { holdTransaction } from './engines';

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

// The worker thread can die (out of memory, a WebAssembly abort). Without its database the server cannot serve:
// what waits fails with the reason, readiness says so, and the server process exits non-zero for its supervisor.
// The crash is made by the test-only hook `FRONTDESK_TEST_HOOKS=1` (SIGUSR2 makes the worker throw).
describe('when the embedded database worker dies', () => {
  it('rejects pending and later statements with the reason, and readiness reports not ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-crash-'));
    process.env.FRONTDESK_TEST_HOOKS = '1';
    const db = await openDatabase({ dataDir: dir }).finally(() => delete process.env.FRONTDESK_TEST_HOOKS);
    try {
      await db.exec('create table settings (key text primary key, value text not null)');
      const lost = new Promise<Error>((resolve) => db.onLost?.(resolve));
      // A statement waits behind an open transaction inside the worker when the worker dies.
      const { tx, release } = await holdTransaction(db, { after: 'select 2' });
      const waiting = db.query('select 3');
      waiting.catch(() => undefined);
      process.kill(process.pid, 'SIGUSR2');
      const reason = /The embedded database stopped: its worker thread failed \(crash requested/;
      await expect(waiting).rejects.toThrow(reason);
      expect((await lost).message).toMatch(reason);
      release();
      await expect(tx).rejects.toThrow(reason);
      await expect(db.query('select 4')).rejects.toThrow(reason);
      const ready = await readiness({
        ready: true,
        draining: false,
        db,
        hub: null,
        redis: false,
        email: 'ok',
      });
      expect(ready.ready).toBe(false);
      expect(ready.checks.database).toMatch(reason);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('still closes when the worker dies while closing, without reporting the database lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-crash-close-'));
    process.env.FRONTDESK_TEST_HOOKS = '1';
    const db = await openDatabase({ dataDir: dir }).finally(() => delete process.env.FRONTDESK_TEST_HOOKS);
    let reported = false;
    db.onLost?.(() => {
      reported = true;
    });
    // A transaction holds the worker, so the close waits in it when the worker dies.
    const { tx, release } = await holdTransaction(db);
    tx.catch(() => undefined);
    const closed = db.close();
    process.kill(process.pid, 'SIGUSR2');
    const settled = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10_000)),
    ]);
    release();
    expect(settled).toBe('closed');
    expect(reported).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('makes the server process exit non-zero with a log line naming the cause', async () => {
    const server = spawnServer({ env: { FRONTDESK_TEST_HOOKS: '1' } });
    try {
      const url = await server.ready;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      process.kill(server.pid, 'SIGUSR2');
      const code = await Promise.race([
        server.exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      expect(code).toBe(1);
      expect(server.output()).toMatch(
        /"level":60.*"msg":"The embedded database stopped: its worker thread failed \(crash requested by FRONTDESK_TEST_HOOKS\)\."/,
      );
      expect(server.output()).toMatch(/The embedded database stopped: .* Exiting \(code 1\)\./);
    } finally {
      await server.kill();
    }
  }, 180_000);
});
