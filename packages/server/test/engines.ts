import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

/**
 * The two storage engines a test file runs against, each opened unmigrated on first call: PGlite in a temporary
 * folder, and PostgreSQL in a fresh schema when the test server is reachable (see `postgresAvailable`). Both are
 * removed after the file.
 */
export async function bothEngines(name: string): Promise<Array<[string, () => Promise<Database>]>> {
  const dir = mkdtempSync(join(tmpdir(), `frontdesk-${name}-`));
  const schema = freshSchema();
  const onPostgres = await postgresAvailable();
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (onPostgres) await dropSchema(schema);
  });
  const engines: Array<[string, () => Promise<Database>]> = [
    ['PGlite', () => openDatabase({ dataDir: dir })],
  ];
  if (onPostgres)
    engines.push([
      'PostgreSQL',
      () => openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: dir, schema }),
    ]);
  return engines;
}

/**
 * A transaction that ran `first` (default `select 1`) and then stays open, holding its locks (and, on the embedded
 * database, its one connection) until `release` is called; then it runs `after` (if given) and commits. Resolves
 * once `first` ran.
 */
export async function holdTransaction(
  db: Database,
  { first = 'select 1', after }: { first?: string; after?: string } = {},
) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let inside!: () => void;
  const started = new Promise<void>((resolve) => {
    inside = resolve;
  });
  const tx = db.transaction(async (t) => {
    await t.query(first);
    inside();
    await gate;
    if (after) await t.query(after);
  });
  await started;
  return { tx, release };
}
