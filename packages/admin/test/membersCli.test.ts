import { mkdtempSync, rmSync } from 'node:fs';
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
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-members-'));
  env = {
    FRONTDESK_URL: server.url,
    FRONTDESK_EMAIL: server.admin.email,
    FRONTDESK_PASSWORD: server.admin.password,
    FRONTDESK_CREDENTIALS_FILE: join(dir, 'credentials.json'),
  };
}, 90_000);
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], extra: Record<string, string> = {}) =>
  frontdesk(args, { cwd: dir, env: { ...env, ...extra } });

describe('frontdesk members', () => {
  it("lists, adds with an invite, changes roles and removes the site's members; the last admin stays", async () => {
    const listed = await run(['members', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${server.admin.email}  .*  admin`));
    expect(listed.stdout).toMatch(new RegExp(`${server.agent.email}  .*  agent`));

    const added = await run([
      'members',
      'add',
      '--email',
      'Rita@Test.local',
      '--roles',
      'reviewer',
      '--json',
    ]);
    expect(added.code).toBe(0);
    const body = JSON.parse(added.stdout);
    expect(body.member).toMatchObject({ email: 'rita@test.local', roles: ['reviewer'], invited: true });
    const accepted = await fetch(`${server.url}/v1/agent/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: body.invite.code, password: 'rita-password' }),
    });
    expect(accepted.status).toBe(200);

    const set = await run(['members', 'set', server.agent.email, '--roles', 'agent,reviewer']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('agent,reviewer');

    const last = await run(['members', 'set', server.admin.email, '--roles', 'agent']);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last admin');
    const badRole = await run(['members', 'set', server.agent.email, '--roles', 'owner']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--roles');

    expect((await run(['members', 'remove', 'rita@test.local'])).code).toBe(0);
    expect((await run(['members', 'list'])).stdout).not.toContain('rita@test.local');
    const otherSite = await run(['members', 'list'], { FRONTDESK_SITE: 'no-such-site' });
    expect(otherSite.code).toBe(1);
    expect(otherSite.stderr).toContain('No site has this key');
  }, 120_000);
});
