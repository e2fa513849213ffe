import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './helpers';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'frontdesk-static-'));
for (const [file, text] of [
  ['widget/frontdesk.js', 'window.Frontdesk=1'],
  ['console/index.html', '<!doctype html><title>Console</title>'],
  ['console/assets/app.js', 'console.log(1)'],
  ['demo/index.html', '<!doctype html><title>Demo shop</title>'],
] as const) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      STATIC_WIDGET_DIR: join(root, 'widget'),
      STATIC_CONSOLE_DIR: join(root, 'console'),
      STATIC_DEMO_DIR: join(root, 'demo'),
    },
  });
}, 120_000);
afterAll(() => server?.stop());

describe('static files and health', () => {
  it('serves the widget, the console with an SPA fallback, and the demo page', async () => {
    const widget = await fetch(`${server.url}/widget/frontdesk.js`);
    expect(await widget.text()).toBe('window.Frontdesk=1');
    expect(widget.headers.get('content-type')).toContain('javascript');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(await (await fetch(`${server.url}/console/assets/app.js`)).text()).toBe('console.log(1)');
    const deep = await fetch(`${server.url}/console/inbox/cv_123`);
    expect(await deep.text()).toContain('<title>Console</title>');
    expect(await (await fetch(`${server.url}/`)).text()).toContain('Demo shop');
    expect((await fetch(`${server.url}/widget/..%2F..%2Fdemo%2Findex.html`)).status).toBe(404);
  });

  it('reports health', async () => {
    const health = await request(server, 'GET', '/healthz', { site: null });
    expect(health.body).toEqual({ ok: true, database: 'pglite' });
  });
});

describe('frontdesk-server CLI', () => {
  it('creates an agent who can then sign in, and refuses bad arguments', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-'));
    const bin = join(__dirname, '../bin/frontdesk-server.mjs');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const created = await run(
      process.execPath,
      [
        bin,
        'agent',
        'create',
        '--email',
        'Cli@Test.local',
        '--name',
        'Cli',
        '--password',
        'cli-password',
        '--role',
        'admin',
      ],
      { env },
    );
    expect(created.stdout).toContain('Created admin cli@test.local');
    await expect(
      run(process.execPath, [bin, 'agent', 'create', '--email', 'x@test.local'], { env }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('Missing --name, --password'),
    });
    await expect(
      run(
        process.execPath,
        [
          bin,
          'agent',
          'create',
          '--email',
          'y@test.local',
          '--name',
          'Y',
          '--password',
          'long-password',
          '--role',
          'boss',
        ],
        { env },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('--role') });
    // Serve that data folder (options.env overrides the helper's own temp folder) and sign in as the new admin.
    const served = await startServer({ seed: false, env: { DATA_DIR: dataDir } });
    try {
      const reply = await request(served, 'POST', '/v1/agent/login', {
        site: null,
        body: { email: 'cli@test.local', password: 'cli-password' },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.agent.role).toBe('admin');
    } finally {
      await served.stop();
    }
  }, 60_000);
});
