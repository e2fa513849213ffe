import type { Database, Sql } from '../db/database';
import type { UploadStore } from '../services/uploads';
import { cappedPieces, rechunk } from './capped';

/** Bytes per row of `upload_chunks`: a 10 MB file is 40 rows, and a reader holds one at a time. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Store uploads in PostgreSQL, as `bytea` rows of {@link CHUNK_BYTES} in `upload_chunks`, so every node sharing the
 * database serves every file. Written in one transaction (a reader never sees half a file; a failure or a file
 * past the cap leaves nothing) and read back one row per pull, so neither side holds a whole file in memory.
 */
export function postgresUploadStore(db: Database): UploadStore {
  return {
    async put(id, body, maxBytes) {
      return db.transaction(async (tx) => {
        await tx.query('delete from upload_chunks where upload_id = $1', [id]);
        let seq = 0;
        let size = 0;
        for await (const chunk of rechunk(cappedPieces(body, maxBytes), CHUNK_BYTES)) {
          await insertChunk(tx, id, seq++, chunk);
          size += chunk.byteLength;
        }
        // An empty file still has a row, so it exists.
        if (seq === 0) await insertChunk(tx, id, 0, new Uint8Array(0));
        return size;
      });
    },
    async get(id) {
      const [found] = await db.query<{ chunks: number; size: number }>(
        `select count(*)::int as chunks, coalesce(sum(length(data)), 0)::int8 as size
           from upload_chunks where upload_id = $1`,
        [id],
      );
      if (!found || found.chunks === 0) return null;
      let seq = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const [row] = await db.query<{ data: Uint8Array }>(
              'select data from upload_chunks where upload_id = $1 and seq = $2',
              [id, seq++],
            );
            if (!row) controller.close();
            else if (row.data.byteLength > 0) controller.enqueue(row.data);
            else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      return { size: Number(found.size), stream };
    },
    async delete(id) {
      await db.query('delete from upload_chunks where upload_id = $1', [id]);
    },
    async exists(id) {
      return (await db.query('select 1 from upload_chunks where upload_id = $1 limit 1', [id])).length > 0;
    },
  };
}

function insertChunk(tx: Sql, id: string, seq: number, chunk: Uint8Array): Promise<unknown> {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return tx.query('insert into upload_chunks (upload_id, seq, data) values ($1, $2, $3)', [id, seq, bytes]);
}
