// Shared set-up of the widget's browser tests: the real server (`@frontdesk/server/testing`) serving the built widget,
// host pages on another origin (a small static server here: hostile, strict-CSP and plain sites), and an agent
// speaking the agent API.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { expect, type Locator, type Page } from '@playwright/test';

const widgetDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let built = false;

/** Build the widget (loader, main bundle, chunks) once per test process, so the server serves current code. */
export function buildWidget(): void {
  if (built || process.env.FRONTDESK_WIDGET_PREBUILT) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: widgetDir, stdio: 'pipe' });
  built = true;
}

/** A static server for host pages on its own origin (a site embedding the widget from the Frontdesk server). */
const pages = new Map<string, { type: string; body: string; headers?: Record<string, string> }>();
let hostOrigin: Promise<string> | undefined;
function hostServer(): Promise<string> {
  hostOrigin ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(page ? 200 : 404, { 'content-type': page?.type ?? 'text/plain', ...page?.headers });
      res.end(page?.body ?? 'not found');
    });
    server.unref();
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return hostOrigin;
}

/** Serve `body` at `path` on the host pages' origin; returns its URL. */
export async function servePage(
  path: string,
  body: string,
  type = 'text/html; charset=utf-8',
  headers?: Record<string, string>,
): Promise<string> {
  pages.set(path, { type, body, ...(headers ? { headers } : {}) });
  return `${await hostServer()}${path}`;
}

/**
 * Start the real server with the widget built; the seeded site key is `demo`, like `pnpm start`. Host pages live
 * on another origin (like a real site), which the site's config allows.
 */
export async function startWidgetServer(): Promise<TestServer> {
  buildWidget();
  const server = await startServer({
    env: { FRONTDESK_SEED_SITE_KEY: 'demo', STATIC_WIDGET_DIR: join(widgetDir, 'dist') },
  });
  const origin = await hostServer();
  await changeConfig(server, (config) => ({
    ...config,
    allowedOrigins: [...((config.allowedOrigins as string[]) ?? []), origin],
  }));
  return server;
}

/** Options of a host page. */
export interface HostPage {
  /** Extra `<head>` markup (stylesheet links, meta). */
  head?: string;
  /** `<body>` markup before the loader. */
  body?: string;
  /** `data-*` attributes of the loader script, e.g. `{ locale: 'cs' }`. */
  data?: Record<string, string>;
  /** `lang` of `<html>`. */
  lang?: string;
  /** `dir` of `<html>`. */
  dir?: string;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
  /** Nonce of the loader script tag. */
  nonce?: string;
  /** Files the page links (`/host/<name>`), e.g. stylesheets. */
  files?: Record<string, { type: string; body: string }>;
}

/** Serve a host page at `/host/<name>.html` on the host origin, loading the widget from the server, and open it. */
export async function openHost(
  page: Page,
  server: TestServer,
  name: string,
  host: HostPage = {},
): Promise<void> {
  const data = Object.entries({ siteKey: 'demo', ...host.data })
    .map(([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${v}"`)
    .join('');
  const html = `<!doctype html><html lang="${host.lang ?? 'en'}"${host.dir ? ` dir="${host.dir}"` : ''}><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host ${name}</title>
${host.head ?? ''}</head><body>${host.body ?? '<main><h1>Acme Outdoor</h1><p>Tents, boots and more.</p></main>'}
<script async src="${server.url}/widget/frontdesk.js"${host.nonce ? ` nonce="${host.nonce}"` : ''}${data}></script></body></html>`;
  for (const [file, { type, body }] of Object.entries(host.files ?? {}))
    await servePage(`/host/${file}`, body, type);
  const url = await servePage(
    `/host/${name}.html`,
    html,
    undefined,
    host.csp ? { 'content-security-policy': host.csp } : undefined,
  );
  reportTrouble(page, name);
  await page.goto(url);
}

/** Pages whose trouble is already reported (some tests open several host pages in the same tab). */
const reported = new WeakSet<Page>();

/**
 * Print what went wrong in the page while it is open (uncaught errors, console errors, failed requests, HTTP
 * errors), named by the first host page opened in it, so that a failing test's output says what the widget ran
 * into. Printed, not asserted: some tests cause such errors on purpose.
 */
function reportTrouble(page: Page, name: string): void {
  if (reported.has(page)) return;
  reported.add(page);
  const say = (what: string) => {
    if (!page.isClosed()) console.log(`[${name}] ${what}`);
  };
  page.on('pageerror', (error) => say(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') say(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) =>
    say(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) say(`HTTP ${response.status()}: ${response.url()}`);
  });
}

/** The widget's shadow-root content (Playwright pierces open shadow roots). */
export function widget(page: Page): Locator {
  return page.locator('frontdesk-widget');
}

/** The launcher button. */
export function launcher(page: Page): Locator {
  return widget(page).locator('button.la');
}

/** The open panel. */
export function panel(page: Page): Locator {
  return widget(page).getByRole('dialog');
}

/** Wait until the widget rendered its launcher (main bundle loaded, client booted). */
export async function waitForWidget(page: Page): Promise<void> {
  await expect(launcher(page)).toBeVisible({ timeout: 15_000 });
}

/** Open the panel from the launcher. */
export async function openPanel(page: Page): Promise<Locator> {
  await waitForWidget(page);
  await launcher(page).click();
  await expect(panel(page)).toBeVisible();
  // Let the short entrance animation finish so positions and screenshots are final.
  await panel(page).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  return panel(page);
}

/** axe-core on the widget, WCAG 2.1 A and AA rules; fails with the violations listed. */
export async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .include('frontdesk-widget')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found, `axe violations in ${view}`).toEqual([]);
}

/** An agent signed in to the agent API of the test server. */
export class Agent {
  private token = '';
  constructor(
    private readonly server: TestServer,
    private readonly who: { email: string; password: string } = server.agent,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.server.url}/v1${path.startsWith('/admin') ? '' : '/agent'}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-frontdesk-site': 'demo',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async login(): Promise<this> {
    const { token } = await this.call<{ token: string }>('POST', '/login', this.who);
    this.token = token;
    await this.call('POST', '/presence', { status: 'online' });
    return this;
  }

  /** The newest conversation whose last message contains `text` (polls briefly, bounded). */
  async conversationWith(text: string): Promise<{ id: string }> {
    for (let i = 0; i < 50; i++) {
      const list = await this.call<{ id: string; preview: string | null }[]>('GET', '/conversations');
      const found = list.find((c) => c.preview?.includes(text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no conversation with "${text}"`);
  }

  async reply(conversationId: string, text: string): Promise<void> {
    await this.call('POST', `/conversations/${conversationId}/messages`, {
      clientId: `agent-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      text,
    });
  }

  /** The page the visitor of a conversation is on, as agents see it. */
  async visitorPage(conversationId: string): Promise<{ url: string; title?: string } | null> {
    const detail = await this.call<{ visitor: { page: { url: string; title?: string } | null } }>(
      'GET',
      `/conversations/${conversationId}`,
    );
    return detail.visitor.page;
  }

  /** The texts of a conversation's messages, oldest first. */
  async messages(conversationId: string): Promise<string[]> {
    const list = await this.call<{ text: string }[]>('GET', `/conversations/${conversationId}/messages`);
    return list.map((m) => m.text);
  }

  async read(conversationId: string): Promise<void> {
    const messages = await this.call<{ seq: number }[]>('GET', `/conversations/${conversationId}/messages`);
    await this.call('POST', `/conversations/${conversationId}/read`, { readSeq: messages.at(-1)?.seq ?? 0 });
  }

  async resolve(conversationId: string): Promise<void> {
    await this.call('POST', `/conversations/${conversationId}/status`, { status: 'resolved' });
  }

  async rating(conversationId: string): Promise<{
    csat: number | null;
    nps: number | null;
    comment: string | null;
    solved: boolean | null;
  } | null> {
    const detail = await this.call<{
      rating?: {
        csat: number | null;
        nps: number | null;
        comment: string | null;
        solved: boolean | null;
      } | null;
    }>('GET', `/conversations/${conversationId}`);
    return detail.rating ?? null;
  }
}

/**
 * Share of pixels that differ noticeably between two PNG screenshots of the same size (decoded and compared in
 * the browser, so no image library is needed). Different sizes count as completely different.
 */
export async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = [await load(first), await load(second)];
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d =
          Math.abs(x.data[i]! - y.data[i]!) +
          Math.abs(x.data[i + 1]! - y.data[i + 1]!) +
          Math.abs(x.data[i + 2]! - y.data[i + 2]!);
        if (d > 48) differing++;
      }
      return differing / (x.width * x.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/** Publish a change to the demo site's config through the admin API (as the seeded admin). */
export async function changeConfig(
  server: TestServer,
  change: (config: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const admin = await new Agent(server, server.admin).login();
  const current = await admin.call<{ config: Record<string, unknown> }>('GET', '/admin/config');
  await admin.call('POST', '/admin/config', { config: change(current.config), note: 'widget e2e' });
}

/** See test/e2e/ownContexts.ts: each test file that opens its own browser contexts calls it once. */
export { closeOwnContexts } from '../../../test/e2e/ownContexts';
