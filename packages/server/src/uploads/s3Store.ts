import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { UploadStore } from '../services/uploads';
import { cappedPieces } from './capped';

/** Settings of {@link s3UploadStore} (`UPLOADS_S3_*`). */
export interface S3StoreOptions {
  bucket: string;
  /** An S3-compatible server's URL (MinIO, R2, …); unset uses AWS. */
  endpoint?: string | null;
  /** Unset: the SDK's default (`AWS_REGION`, the profile). */
  region?: string | null;
  /** Address the bucket as `endpoint/bucket/key` (most S3-compatible servers want this). */
  forcePathStyle?: boolean;
  /** Prefix of every object key (default `uploads/`). */
  prefix?: string;
  /** Explicit credentials; unset uses the SDK's default chain (environment, profile, instance role). */
  credentials?: S3ClientConfig['credentials'];
}

/**
 * Store uploads in an S3-compatible bucket through the official AWS SDK. Uploads stream in as a multipart upload
 * (parts of 5 MB; a small file is one PutObject) and stream out from GetObject.
 */
export function s3UploadStore(options: S3StoreOptions): UploadStore {
  const client = new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    // Checksums only where S3 requires them: several S3-compatible servers refuse the newer trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  const key = (id: string) => `${options.prefix ?? 'uploads/'}${id.replace(/[^\w-]/g, '')}`;
  return {
    async put(id, body, maxBytes) {
      let size = 0;
      let refused: unknown = null;
      const pieces = cappedPieces(body, maxBytes);
      const counted = (async function* () {
        try {
          for await (const piece of pieces) {
            size += piece.byteLength;
            yield piece;
          }
        } catch (error) {
          refused = error;
          throw error;
        }
      })();
      // Past the cap the generator throws and Upload aborts the multipart upload (an incomplete one is never an
      // object). The caller hears why it was refused, not how the abort went.
      const upload = new Upload({
        client,
        params: { Bucket, Key: key(id), Body: Readable.from(counted) },
        queueSize: 1,
      });
      try {
        await upload.done();
      } catch (error) {
        throw refused ?? error;
      }
      return size;
    },
    async get(id) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key(id) }));
        if (!object.Body) return null;
        return {
          size: object.ContentLength ?? 0,
          stream: object.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(id) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key(id) }));
    },
    async exists(id) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key(id) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async close() {
      client.destroy();
    },
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
