import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import type { UploadStore } from '../src/services/uploads';
import { diskUploadStore } from '../src/uploads/diskStore';
import { withLegacy } from '../src/uploads/openStore';
import { CHUNK_BYTES, postgresUploadStore } from '../src/uploads/postgresStore';
import { s3UploadStore } from '../src/uploads/s3Store';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';
import { readAll, uploadStoreSuite } from './uploadStoreSuite';

const hasPostgres = await postgresAvailable();

describe('disk upload store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-disk-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  uploadStoreSuite(() => diskUploadStore(dir));
});

describe.skipIf(!hasPostgres)('PostgreSQL upload store (the real server)', () => {
  const schema = freshSchema();
  let db: Database;
  let store: UploadStore;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '', schema });
    await migrate(db);
    store = postgresUploadStore(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });
  uploadStoreSuite(() => store);

  it('keeps a 10 MB file as rows of 256 KB and reads it back one row at a time', async () => {
    await store.put('up_rows', randomBytes(10 * 1024 * 1024), 10 * 1024 * 1024);
    const [rows] = await db.query<{ n: number }>(
      "select count(*)::int as n from upload_chunks where upload_id = 'up_rows'",
    );
    expect(rows!.n).toBe(40);
    const { pieces } = await readAll((await store.get('up_rows'))!.stream);
    expect(pieces).toHaveLength(40);
    expect(Math.max(...pieces)).toBe(CHUNK_BYTES);
  });
});

// s3rver (from the npm registry) is a real S3-compatible HTTP server on 127.0.0.1: the SDK talks to it over HTTP.
describe('S3 upload store (against s3rver, an S3-compatible server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-s3rver-'));
  let server: S3rver;
  let store: UploadStore;
  beforeAll(async () => {
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'frontdesk-test', configs: [] }],
    });
    const { port } = await server.run();
    store = s3UploadStore({
      bucket: 'frontdesk-test',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    await store?.close?.();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  uploadStoreSuite(() => store);
});

describe('a shared store in front of files an earlier version left on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-legacy-'));
  const primaryDir = mkdtempSync(join(tmpdir(), 'frontdesk-primary-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(primaryDir, { recursive: true, force: true });
  });

  it('serves the old file, writes new ones to the shared store, and deletes from both', async () => {
    const legacy = diskUploadStore(dir);
    const primary = diskUploadStore(primaryDir);
    const store = withLegacy(primary, legacy);
    await legacy.put('up_old', new TextEncoder().encode('old'), 10);
    expect((await readAll((await store.get('up_old'))!.stream)).bytes.toString()).toBe('old');
    await store.put('up_new', new TextEncoder().encode('new'), 10);
    expect(await primary.exists('up_new')).toBe(true);
    expect(await legacy.exists('up_new')).toBe(false);
    await store.delete('up_old');
    expect(await store.exists('up_old')).toBe(false);
  });
});
