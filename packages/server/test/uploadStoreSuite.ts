import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { UploadStore } from '../src/services/uploads';

/** Read a stored upload back: its bytes and the sizes of the pieces the stream gave. */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<{ bytes: Buffer; pieces: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return { bytes: Buffer.concat(parts), pieces: parts.map((p) => p.byteLength) };
}

/** A stream of `bytes` in pieces of uneven sizes, as a network would deliver them. */
export function piecewise(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  let n = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      const size = [1, 65_536, 100_003, 7][n++ % 4]!;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const id = () => `up_${randomBytes(9).toString('base64url')}`;
const MB = 1024 * 1024;

/**
 * The behaviour every {@link UploadStore} must have. Call inside a `describe` with a function giving the store
 * (created in that describe's `beforeAll`).
 */
export function uploadStoreSuite(store: () => UploadStore): void {
  it('stores bytes and gives them back with their size; exists says so', async () => {
    const key = id();
    const bytes = new TextEncoder().encode('hello, shared storage');
    expect(await store().put(key, bytes, 1024)).toBe(bytes.byteLength);
    expect(await store().exists(key)).toBe(true);
    const stored = await store().get(key);
    expect(stored?.size).toBe(bytes.byteLength);
    expect((await readAll(stored!.stream)).bytes.toString()).toBe('hello, shared storage');
  });

  it('streams a 10 MB file in and out unchanged', async () => {
    const key = id();
    const bytes = randomBytes(10 * MB);
    expect(await store().put(key, piecewise(bytes), 10 * MB)).toBe(10 * MB);
    const stored = await store().get(key);
    expect(stored?.size).toBe(10 * MB);
    const back = await readAll(stored!.stream);
    expect(back.bytes.byteLength).toBe(10 * MB);
    expect(sha(back.bytes)).toBe(sha(bytes));
    // Streamed out, not handed over whole.
    expect(back.pieces.length).toBeGreaterThan(1);
  });

  it('refuses a file past the cap with payload_too_large and keeps nothing of it', async () => {
    const key = id();
    // Past 5 MB: S3 has started a multipart upload (aborted), PostgreSQL has written rows (rolled back).
    await expect(store().put(key, piecewise(randomBytes(6 * MB + 1)), 6 * MB)).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    await expect(store().put(key, randomBytes(11), 10)).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await store().exists(key)).toBe(false);
    expect(await store().get(key)).toBeNull();
  });

  it('deletes: the bytes are gone, and deleting what is missing is fine', async () => {
    const key = id();
    await store().put(key, randomBytes(3000), 4096);
    await store().delete(key);
    expect(await store().exists(key)).toBe(false);
    expect(await store().get(key)).toBeNull();
    await store().delete(key);
    await store().delete(id());
  });

  it('keeps an empty file as an empty file', async () => {
    const key = id();
    expect(await store().put(key, new Uint8Array(0), 10)).toBe(0);
    expect(await store().exists(key)).toBe(true);
    const stored = await store().get(key);
    expect(stored?.size).toBe(0);
    expect((await readAll(stored!.stream)).bytes.byteLength).toBe(0);
  });

  it('replaces the bytes when the same id is stored again', async () => {
    const key = id();
    await store().put(key, randomBytes(600_000), MB);
    await store().put(key, new TextEncoder().encode('second'), MB);
    const stored = await store().get(key);
    expect(stored?.size).toBe(6);
    expect((await readAll(stored!.stream)).bytes.toString()).toBe('second');
  });
}
