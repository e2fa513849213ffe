import type { Database } from '../db/database';

/** The bytes of a stored upload, read as a stream (never held whole in memory by the store). */
export interface StoredUpload {
  /** Length in bytes. */
  size: number;
  stream: ReadableStream<Uint8Array>;
}

/**
 * Where upload bytes live: on local disk (the embedded default), in PostgreSQL (every node shares them), or in an
 * S3-compatible bucket. Implement it for other object storage; `test/uploadStores.test.ts` is the suite it must pass.
 */
export interface UploadStore {
  /**
   * Store the bytes of `id`, from a stream or a buffer. Past `maxBytes` it rejects with `payload_too_large` and
   * keeps nothing. Resolves to the size stored.
   */
  put(id: string, body: ReadableStream<Uint8Array> | Uint8Array, maxBytes: number): Promise<number>;
  /** The bytes as a stream, or null when missing. */
  get(id: string): Promise<StoredUpload | null>;
  /** Remove the bytes; a missing upload is fine. */
  delete(id: string): Promise<void>;
  /** Are there bytes for `id`? */
  exists(id: string): Promise<boolean>;
  /** Release connections (S3 client); the database is closed by its owner. */
  close?(): Promise<void>;
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
