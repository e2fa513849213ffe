import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadStore } from '../src/services/uploads';
import { s3UploadStore } from '../src/uploads/s3Store';
import { visitor } from './helpers';

// The server configured by UPLOADS_S3_* keeps uploads in the bucket (s3rver: an S3-compatible server on 127.0.0.1).

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-s3rver-'));
let s3: S3rver;
let bucket: UploadStore;
let server: TestServer;
beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'frontdesk-files', configs: [] }],
  });
  const { port } = await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  server = await startServer({
    env: {
      UPLOADS_S3_BUCKET: 'frontdesk-files',
      UPLOADS_S3_ENDPOINT: endpoint,
      UPLOADS_S3_REGION: 'us-east-1',
      UPLOADS_S3_FORCE_PATH_STYLE: '1',
      UPLOADS_S3_PREFIX: 'site-files/',
      // Read by the SDK's default credential chain, as in production.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      RATE_LIMIT_VISITOR: '0',
    },
  });
  bucket = s3UploadStore({
    bucket: 'frontdesk-files',
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    prefix: 'site-files/',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await bucket?.close?.();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('uploads in an S3 bucket (UPLOADS_S3_*)', () => {
  it('stores the file as an object in the bucket and serves it back', async () => {
    const v = await visitor(server);
    const bytes = randomBytes(700_000);
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
    const uploaded = await fetch(`${server.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${v.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { id, url } = (await uploaded.json()) as { id: string; url: string };
    // In the bucket, under the prefix; not on the node's disk.
    expect(await bucket.exists(id)).toBe(true);
    expect(existsSync(join(server.dataDir, 'uploads', id))).toBe(false);
    const download = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
    expect(download.status).toBe(200);
    const back = new Uint8Array(await download.arrayBuffer());
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(back)).toBe(sha(bytes));
  });
});
