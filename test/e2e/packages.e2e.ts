// CI: the packages as a user gets them from the registry. Packs every package (prepack builds it), installs the
// tarballs with npm into a fresh project (not the workspace), then uses them from plain Node, a React + Vite app,
// a plain Vite app, tsc with strict user flags, the installed server bin, publint and arethetypeswrong.
// About 2-3 minutes on 2 cores (the builds and the npm install dominate).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type Installed, PACKAGES, packAndInstall, repoRoot, run } from './packaging/install';

const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
let installed: Installed;

test.describe.configure({ mode: 'serial', timeout: 600_000 });
test.beforeAll(() => {
  installed = packAndInstall();
});
test.afterAll(() => rmSync(join(installed.dir, '..'), { recursive: true, force: true }));

test('plain Node ESM: the client with the http and memory backends talks to the installed server', () => {
  const script = `
    import { createClient } from '@frontdesk/client';
    import { httpBackend } from '@frontdesk/client/http';
    import { memoryBackend } from '@frontdesk/client/memory';
    import { startServer } from '@frontdesk/server/testing';
    const server = await startServer();
    try {
      const backend = httpBackend({ url: server.url, siteKey: server.siteKey });
      const session = await backend.startSession({ locale: 'en' });
      const created = await backend.createConversation({ clientId: 'conv-node-1', message: { clientId: 'msg-node-1', text: 'Hello from Node' } });
      const texts = (await backend.listMessages(created.conversation.id)).map((m) => m.text);
      const memory = memoryBackend();
      await memory.startSession({ locale: 'en' });
      const local = await memory.createConversation({ clientId: 'conv-memory-1', message: { clientId: 'msg-memory-1', text: 'Hello memory' } });
      const client = createClient({ backend: memory, locale: 'en', consent: true });
      console.log(JSON.stringify({ visitor: Boolean(session.visitorToken), texts, memory: local.message?.text, client: typeof client.startConversation }));
      client.destroy();
    } finally {
      await server.stop();
    }`;
  const out = run(process.execPath, ['--input-type=module', '-e', script], installed.dir);
  const result = JSON.parse(out.trim().split('\n').at(-1)!);
  expect(result).toEqual({
    visitor: true,
    texts: ['Hello from Node'],
    memory: 'Hello memory',
    client: 'function',
  });
});

for (const resolution of ['bundler', 'node16']) {
  test(`tsc --noEmit of a user file (moduleResolution ${resolution}, strict, exactOptionalPropertyTypes, no skipLibCheck)`, () => {
    run(bin('tsc'), ['-p', `types/tsconfig.${resolution}.json`], installed.dir);
  });
}

test('the installed frontdesk CLI validates a TypeScript config and names what is wrong in a bad one', () => {
  const cli = join(installed.dir, 'node_modules/.bin/frontdesk');
  expect(run(cli, ['validate', '--config', 'site/frontdesk.config.ts'], installed.dir)).toContain('valid.');
  writeFileSync(
    join(installed.dir, 'site/bad.config.json'),
    JSON.stringify({ name: '', theme: { brandColor: 'blue' } }),
  );
  expect(() => run(cli, ['validate', '--config', 'site/bad.config.json'], installed.dir)).toThrow(
    /theme\.brandColor/,
  );
});

test('publint and arethetypeswrong report no problem for any package', () => {
  for (const name of PACKAGES) {
    // Only the build, the manifest, the licence and the readme: no source, tests, e2e or configs.
    const files = run('tar', ['tzf', installed.tarballs[name]], installed.dir).trim().split('\n');
    expect(files.filter((f) => !/^package\/(dist\/.+|package\.json|LICENSE|README\.md)$/.test(f))).toEqual(
      [],
    );
    expect(files).toContain('package/LICENSE');
    const out = run(bin('publint'), ['run', installed.tarballs[name], '--strict'], installed.dir);
    expect(out, `publint @frontdesk/${name}`).not.toMatch(/warning|error|suggestion/i);
    // ESM-only packages: the profile leaves out the CommonJS `require` resolution they do not offer.
    run(bin('attw'), [installed.tarballs[name], '--profile', 'esm-only', '--format', 'ascii'], installed.dir);
  }
});

test('a React + Vite app embeds the widget, and a plain Vite app uses the headless client', async ({
  page,
}) => {
  for (const app of ['react-app', 'vite-app']) {
    run(join(installed.dir, 'node_modules/.bin/vite'), ['build', app], installed.dir);
  }
  const files = await serve(installed.dir);
  try {
    await page.goto(`${files.url}/react-app/dist/index.html`);
    const widget = page.locator('#support frontdesk-widget');
    await expect(widget.getByText('Hello from React')).toBeVisible();
    await expect(widget.getByRole('dialog', { name: 'React shop' })).toBeVisible();

    await page.goto(`${files.url}/vite-app/dist/index.html`);
    await expect(page.locator('#messages li').first()).toHaveText('visitor: Hello from a plain page');
    await expect(page.locator('#messages')).toContainText('You wrote: Hello from a plain page');
  } finally {
    files.server.close();
  }
});

test('the installed bin serves the widget, the console and the demo page, and says where its data is', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-bin-data-'));
  const child = spawn(join(installed.dir, 'node_modules/.bin/frontdesk-server'), ['start'], {
    cwd: installed.dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const output = await listening(child);
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
    expect(output).toContain(`data in ${dataDir}`);
    expect(output).not.toMatch(/no built|no demo page/);
    await checkPages(page, url);
    // A figure for the log (budgets live in benchmarks): the compiled server's memory after serving the pages.
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    console.log(`installed server RSS after serving the pages: ${Math.round(Number(rss) / 1024)} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function checkPages(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page
    .locator('frontdesk-widget')
    .getByRole('button', { name: /support|help|chat/i })
    .first()
    .click();
  await expect(page.locator('frontdesk-widget').getByRole('dialog')).toBeVisible();
  await page.goto(`${url}/console/`);
  await expect(page.getByLabel(/email/i)).toBeVisible();
  // The widget tarball carries brotli copies made at build time; the loader stays short-lived.
  const loader = await fetch(`${url}/widget/frontdesk.js`, { headers: { 'accept-encoding': 'br' } });
  expect(loader.status).toBe(200);
  expect(loader.headers.get('content-encoding')).toBe('br');
  expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
}

function listening(child: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on .*\n(?:.*\n){6}/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static file server on loopback for the built apps (any static host would do). */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    try {
      if (!path.startsWith(root) || !statSync(path).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(readFileSync(path));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}
