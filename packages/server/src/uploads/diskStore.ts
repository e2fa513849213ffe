import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../auth/crypto';
import type { UploadStore } from '../services/uploads';
import { cappedPieces } from './capped';

/**
 * Store uploads as files in `dir` (named by their server id, never by the client's file name). The default of
 * the embedded database: one node, so its own disk is shared by everyone. Written to a temporary name first, so a
 * reader never sees half a file.
 */
export function diskUploadStore(dir: string): UploadStore {
  const path = (id: string) => join(dir, id.replace(/[^\w-]/g, ''));
  return {
    async put(id, body, maxBytes) {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${newId('tmp')}`);
      let size = 0;
      try {
        const pieces = cappedPieces(body, maxBytes);
        const counted = (async function* () {
          for await (const piece of pieces) {
            size += piece.byteLength;
            yield piece;
          }
        })();
        await pipeline(Readable.from(counted), createWriteStream(temp));
        await rename(temp, path(id));
        return size;
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(id) {
      const file = path(id);
      try {
        const { size } = await stat(file);
        return { size, stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> };
      } catch {
        return null;
      }
    },
    async delete(id) {
      await rm(path(id), { force: true });
    },
    async exists(id) {
      return stat(path(id)).then(
        () => true,
        () => false,
      );
    },
  };
}
