import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontdesk } from './cliRun';

let server: TestServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-secrets-'));
  env = { FRONTDESK_URL: server.url, FRONTDESK_CREDENTIALS_FILE: join(dir, 'credentials.json') };
}, 90_000);
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], stdin?: string) =>
  frontdesk(args, { cwd: dir, env, ...(stdin ? { stdin } : {}) });

describe('frontdesk secrets and logout', () => {
  it('shows and rotates the site secrets, then logout revokes the stored session on the server', async () => {
    const signedIn = await run(
      ['login', '--email', server.admin.email, '--password-stdin'],
      server.admin.password,
    );
    expect(signedIn.code).toBe(0);
    const shown = await run(['secrets', 'show', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).identity[0]).toMatchObject({
      secret: server.siteSecret,
      expiresAt: null,
    });
    const text = await run(['secrets', 'show']);
    expect(text.stdout).toContain(`${server.siteSecret}  (current)`);

    const rotated = await run(['secrets', 'rotate', 'identity', '--overlap-hours', '1', '--json']);
    expect(rotated.code).toBe(0);
    const after = JSON.parse(rotated.stdout);
    expect(after.identity).toHaveLength(2);
    expect(after.identity[1].secret).toBe(server.siteSecret);
    expect(after.webhook).toHaveLength(1);

    const bad = await run(['secrets', 'rotate', 'signing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<purpose>: expected "identity", "webhook" or "email", found "signing"');

    const token = (JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as { token: string })
      .token;
    expect((await run(['logout'])).code).toBe(0);
    const me = await fetch(`${server.url}/v1/agent/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
  }, 120_000);
});
