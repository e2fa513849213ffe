import { ApiError } from '../http/errors';

/** The error every store rejects with when an upload passes its size cap. */
export function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `Files may be at most ${maxBytes} bytes.`);
}

/**
 * Read `body` piece by piece (a buffer is one piece), failing with {@link tooLarge} as soon as more than
 * `maxBytes` came in, so a store never has to take in more than the cap.
 */
export async function* cappedPieces(
  body: ReadableStream<Uint8Array> | Uint8Array,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes);
    if (body.byteLength > 0) yield body;
    return;
  }
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      if (value.byteLength > 0) yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Regroup pieces of any size into chunks of exactly `size` bytes (the last one shorter), so a store writes
 * fixed-size rows or parts whatever the sender's packet sizes were.
 */
export async function* rechunk(pieces: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let used = 0;
  for await (const piece of pieces) {
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(size - used, piece.byteLength - offset);
      buffer.set(piece.subarray(offset, offset + take), used);
      used += take;
      offset += take;
      if (used === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        used = 0;
      }
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}
