import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

describe('frontdesk-server site show', () => {
  it('prints every site with its key and its identity and webhook secrets', async () => {
    // The embedded database opens in one process at a time: stop the server, keep its data folder.
    await server.kill();
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'site', 'show', ...args], {
        cwd: serverDir,
        env: { ...process.env, DATA_DIR: server.dataDir },
      });
    const json = JSON.parse((await run(['--json'])).stdout);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ key: server.siteKey });
    expect(json[0].secrets.identity[0]).toMatchObject({ secret: server.siteSecret, expiresAt: null });
    expect(json[0].secrets.webhook[0]).toMatchObject({ secret: server.siteSecret, expiresAt: null });
    const text = (await run([])).stdout;
    expect(text).toContain(`key ${server.siteKey}`);
    expect(text).toContain(`identity secret: ${server.siteSecret}`);
    expect(text).toContain(`webhook secret: ${server.siteSecret}`);
  }, 60_000);
});
