import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresAvailable, TEST_DATABASE_URL } from '../../packages/server/test/postgres';
import { measure, openBenchDatabase, seed } from '../bench/quality/measure';

// `pnpm bench:quality` at 2,000 conversations, for correctness only (no time budget here).
const hasPostgres = await postgresAvailable();
const schema = `fd_test_quality_${randomBytes(4).toString('hex')}`;

describe.skipIf(!hasPostgres)('the quality benchmark at small size', () => {
  let drop = async () => {};
  afterAll(() => drop());

  it('seeds conversations and runs every quality view on them', async () => {
    const db = await openBenchDatabase(TEST_DATABASE_URL, schema);
    drop = async () => {
      await db.query(`drop schema if exists "${schema}" cascade`);
      await db.close();
    };
    const now = new Date();
    const site = await seed(db, 2000, now);
    const timings = await measure(db, site, now, 1);
    expect(timings.map((t) => t.view)).toHaveLength(12);
    const check = Object.fromEntries(timings.map((t) => [t.view, t.check]));
    // Seeded evenly over a year: the month holds about 1/12 of them; all 2,000 in 365 days.
    expect(check['analytics by month (365 days)']).toMatch(/^1[23] rows, 2000 conversations$/);
    expect(check['analytics by team (30 days)']).toMatch(/^4 rows, [1-9]\d* conversations$/);
    expect(check['voice of the customer, first page']).toMatch(/^[1-9]\d* answers$/);
    expect(check['action plans with figures now']).toBe('1 plans');
    for (const t of timings) expect(t.ms).toBeGreaterThan(0);
  }, 120_000);
});
