import { gzipSync } from 'node:zlib';
import type { TestServer } from '@frontdesk/server/testing';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { measureSizes, type SizeResult } from '../../../scripts/size.mjs';
import {
  Agent,
  changeConfig,
  closeOwnContexts,
  openHost,
  openPanel,
  startWidgetServer,
  waitForWidget,
} from './support';

closeOwnContexts();

// `pnpm size` counts, per state of the widget, the chunks the build's import graph says the state fetches. Here
// Chromium reaches each state against the real server and the bytes it actually fetched from `/widget/` are
// counted the same way (each response body gzipped at level 9, summed): the two must agree within 2 %.
let server: TestServer;
let agent: Agent;
let sizes: Map<string, SizeResult>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startWidgetServer();
  agent = await new Agent(server).login();
  // Measured after the widget's build (startWidgetServer builds it), from the same sources.
  sizes = new Map((await measureSizes()).map((r) => [r.key, r]));
});
test.afterAll(async () => server?.stop());

/** Records every file the page fetches from the widget's folder: name → gzip bytes of the body. */
function recordFetches(page: Page) {
  const files = new Map<string, number>();
  let pending = 0;
  let last = Date.now();
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/widget/')) return;
    pending++;
    last = Date.now();
  });
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).pathname.startsWith('/widget/')) pending--;
  });
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/widget/')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    files.set(path.slice('/widget/'.length), gzipSync(body, { level: 9 }).length);
    pending--;
    last = Date.now();
  });
  return {
    /** Wait until nothing was fetched for a second (bounded: 15 s), then the files so far. */
    async settled(): Promise<Map<string, number>> {
      for (let i = 0; i < 150 && (pending > 0 || Date.now() - last < 1000); i++)
        await page.waitForTimeout(100);
      return new Map(files);
    },
  };
}

/** Check the browser's bytes for a state (the loader left out, it has its own figure) against `pnpm size`. */
function expectAgrees(key: string, fetched: Map<string, number>, without: string[] = ['frontdesk.js']): void {
  const expected = sizes.get(key)!;
  const files = [...fetched].filter(([name]) => !without.includes(name));
  const bytes = files.reduce((n, [, gzip]) => n + gzip, 0);
  const detail = `${key}: browser ${bytes} B (${files.map(([f, n]) => `${f} ${n}`).join(', ')}) / pnpm size ${expected.gzip} B (${expected.files.map((f) => `${f.file} ${f.gzip}`).join(', ')})`;
  console.log(detail);
  expect(Math.abs(bytes - expected.gzip) / expected.gzip, detail).toBeLessThanOrEqual(0.02);
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe('without proactive messages', () => {
  let proactive: unknown;
  test.beforeAll(async () => {
    await changeConfig(server, (config) => {
      proactive = config.proactive;
      return { ...config, proactive: [] };
    });
  });
  test.afterAll(async () => changeConfig(server, (config) => ({ ...config, proactive })));

  test('loader, idle, panel opened and a conversation fetch what pnpm size counts', async ({ browser }) => {
    const page = await freshPage(browser);
    const fetches = recordFetches(page);
    await openHost(page, server, 'size-chat');
    await waitForWidget(page);
    const idle = await fetches.settled();
    expectAgrees(
      'loader',
      idle,
      [...idle.keys()].filter((f) => f !== 'frontdesk.js'),
    );
    expectAgrees('idle', idle);

    const p = await openPanel(page);
    await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
    expectAgrees('panel', await fetches.settled());

    await p.getByRole('button', { name: 'Send us a message' }).click();
    const box = p.getByRole('textbox', { name: 'Message' });
    await box.fill('Size check: where is order FD-77?');
    await box.press('Enter');
    const conversation = await agent.conversationWith('FD-77');
    await agent.reply(conversation.id, 'It left **today**, see https://example.com/track');
    await expect(p.locator('li.m').filter({ hasText: 'It left today' }).locator('strong')).toHaveText(
      'today',
    );
    expectAgrees('conversation', await fetches.settled());
    await page.context().close();
  });

  test('a help article fetches what pnpm size counts', async ({ browser }) => {
    const page = await freshPage(browser);
    const fetches = recordFetches(page);
    await openHost(page, server, 'size-help');
    const p = await openPanel(page);
    await p.getByRole('button', { name: 'Help', exact: true }).click();
    await p.getByRole('searchbox', { name: 'Search help articles' }).fill('deliver');
    await p.getByRole('button', { name: /How long does delivery take/ }).click();
    await expect(p.getByRole('heading', { level: 1, name: 'How long does delivery take?' })).toBeVisible();
    expectAgrees('article', await fetches.settled());
    await page.context().close();
  });
});

test('the proactive chunk is what a site with proactive messages adds at idle', async ({ browser }) => {
  const page = await freshPage(browser);
  const fetches = recordFetches(page);
  await openHost(page, server, 'size-proactive');
  await waitForWidget(page);
  const idle = await fetches.settled();
  const idleFiles = sizes.get('idle')!.files.map((f) => f.file);
  // The demo site's proactive message is configured: its chunk loads at idle, beyond what idle counts.
  expect([...idle.keys()].some((f) => !idleFiles.includes(f) && f !== 'frontdesk.js')).toBe(true);
  expectAgrees('proactive', idle, ['frontdesk.js', ...idleFiles]);
  await page.context().close();
});
