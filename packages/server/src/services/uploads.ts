import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database';

/** Where upload bytes live. The default keeps them on local disk; implement this to use object storage. */
export interface UploadStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when missing. */
  get(id: string): Promise<Uint8Array | null>;
  delete(id: string): Promise<void>;
}

/** Store uploads as files in `dir` (named by their server id, never by the client's file name). */
export function diskUploadStore(dir: string): UploadStore {
  const path = (id: string) => join(dir, id.replace(/[^\w-]/g, ''));
  return {
    async put(id, bytes) {
      await mkdir(dir, { recursive: true });
      await writeFile(path(id), bytes);
    },
    async get(id) {
      try {
        return await readFile(path(id));
      } catch {
        return null;
      }
    },
    async delete(id) {
      await rm(path(id), { force: true });
    },
  };
}

/** MIME types accepted for uploads by default. */
export const UPLOAD_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
] as const;

/**
 * Delete uploads never attached to a message or ticket that are older than `maxAgeMs` (rows and bytes). Returns
 * how many were removed. Runs with retention (on start and hourly).
 */
export async function expireUploads(
  db: Database,
  store: UploadStore,
  maxAgeMs: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - maxAgeMs).toISOString();
  const rows = await db.query<{ id: string }>(
    'delete from uploads where attached_at is null and created_at < $1 returning id',
    [cutoff],
  );
  for (const row of rows) await store.delete(row.id);
  return rows.length;
}
