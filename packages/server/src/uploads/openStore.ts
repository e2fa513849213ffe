import { join } from 'node:path';
import type { Database } from '../db/database';
import type { Settings } from '../env';
import type { UploadStore } from '../services/uploads';
import { diskUploadStore } from './diskStore';
import { postgresUploadStore } from './postgresStore';

/**
 * The upload store the settings choose: an S3-compatible bucket when `UPLOADS_S3_BUCKET` is set, else PostgreSQL
 * when the database is PostgreSQL (every node shares it), else files in `DATA_DIR/uploads` (one node). A shared
 * store still reads and deletes files an earlier version left on this node's disk, so nothing uploaded before
 * the switch is lost.
 */
export async function openUploadStore(settings: Settings, db: Database): Promise<UploadStore> {
  const disk = diskUploadStore(join(settings.dataDir, 'uploads'));
  if (settings.uploadsS3) {
    // Loaded only when configured: the AWS SDK is large.
    const { s3UploadStore } = await import('./s3Store');
    return withLegacy(s3UploadStore(settings.uploadsS3), disk);
  }
  if (db.kind === 'postgres') return withLegacy(postgresUploadStore(db), disk);
  return disk;
}

/** Write to `primary`; read from `legacy` what `primary` does not have; delete from both. */
export function withLegacy(primary: UploadStore, legacy: UploadStore): UploadStore {
  return {
    put: (id, body, maxBytes) => primary.put(id, body, maxBytes),
    get: async (id) => (await primary.get(id)) ?? legacy.get(id),
    async delete(id) {
      await Promise.all([primary.delete(id), legacy.delete(id)]);
    },
    exists: async (id) => (await primary.exists(id)) || legacy.exists(id),
    close: async () => primary.close?.(),
  };
}
