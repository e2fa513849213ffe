import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCliServer, type CliServer, frontdesk } from './cliRun';

let server: TestServer;
let dir: string;
let env: Record<string, string>;
let cli: CliServer | undefined;

beforeAll(async () => {
  cli = await adminCliServer('frontdesk-gdpr-');
  ({ server, dir, env } = cli);
}, 90_000);
afterAll(() => cli?.stop());

const run = (args: string[]) => frontdesk(args, { cwd: dir, env });

/** A visitor session (identified or not) that writes one message; answers its visitor id. */
async function visitorWith(body: unknown, patch: unknown, text: string): Promise<string> {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: JSON.stringify(body) })
  ).json()) as { visitor: { id: string }; visitorToken: string };
  const auth = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  if (patch)
    await fetch(`${server.url}/v1/visitor`, { method: 'PATCH', headers: auth, body: JSON.stringify(patch) });
  const id = Math.random().toString(36).slice(2, 10);
  await fetch(`${server.url}/v1/conversations`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ clientId: `c_${id}_0001`, message: { clientId: `m_${id}_0001`, text } }),
  });
  return session.visitor.id;
}

/** A verified identity (the site signs the user id with its secret), so the user id is stored. */
const signed = (userId: string, email: string) => ({
  identity: { userId, email, userHash: createHmac('sha256', server.siteSecret).update(userId).digest('hex') },
});

describe('data requests by email or user id, as a person asks for them', () => {
  it('exports every record of one email to standard output with --out -, then deletes them all', async () => {
    const identified = await visitorWith(signed('u-ana', 'ana@example.com'), null, 'From my account');
    const anonymous = await visitorWith({}, { attributes: { email: 'ANA@example.com' } }, 'From my phone');
    const other = await visitorWith(signed('u-bob', 'bob@example.com'), null, 'Bob here');

    const exported = await run(['export', '--email', 'Ana@Example.com', '--out', '-']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(existsSync(join(dir, '-'))).toBe(false);
    const data = JSON.parse(exported.stdout) as { match: unknown; visitors: { visitor: { id: string } }[] };
    expect(data.match).toEqual({ email: 'Ana@Example.com' });
    expect(data.visitors.map((v) => v.visitor.id).sort()).toEqual([identified, anonymous].sort());
    expect(exported.stdout).toContain('From my account');
    expect(exported.stdout).toContain('From my phone');
    expect(exported.stdout).not.toContain('Bob here');

    const byUser = await run(['export', '--user-id', 'u-ana', '--out', 'ana.json']);
    expect(byUser.stderr).toBe('');
    expect(byUser.stdout).toBe(
      `Wrote the data of the visitor(s) with user id u-ana to ${join(dir, 'ana.json')}.\n`,
    );
    expect(statSync(join(dir, 'ana.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'ana.json'), 'utf8')).toContain('From my account');

    expect((await run(['delete', 'ana@example.com'])).code).toBe(2); // no --yes
    const deleted = await run(['delete', 'ana@example.com', '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('Deleted 2 visitors');
    const gone = await run(['export', '--email', 'ana@example.com']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('A visitor with email ana@example.com was not found.');
    expect((await run(['export', other])).stdout).toContain('Bob here');
  });

  it('says what is wrong with the request', async () => {
    const both = await run(['export', 'v_123', '--email', 'a@b.example']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('expected exactly one of <visitorId>, --email <address> or --user-id <id>');
    const bad = await run(['export', '--email', 'nope', '--out', '-']);
    expect(bad.stderr).toContain('email: expected an email address like ana@example.com, found "nope"');
  });
});
