import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

// Console notifications: one desktop notification and one tone per event however many console tabs are open,
// none for the conversation the agent has open, and the unread count in the tab title.
let server: TestServer;
test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

type Alerts = { notes: { title: string; body: string }[]; tones: number };

// Count every Notification the page constructs and every sound it starts.
function instrument(): void {
  const w = window as unknown as { alerts: Alerts; Notification: typeof Notification };
  w.alerts = { notes: [], tones: 0 };
  const Real = w.Notification;
  class Counted extends Real {
    constructor(title: string, options?: NotificationOptions) {
      w.alerts.notes.push({ title, body: options?.body ?? '' });
      super(title, options);
    }
    static override get permission() {
      return Real.permission;
    }
    static override requestPermission = () => Real.requestPermission();
  }
  w.Notification = Counted;
  const start = AudioScheduledSourceNode.prototype.start;
  AudioScheduledSourceNode.prototype.start = function (...args) {
    w.alerts.tones++;
    return start.apply(this, args);
  };
}

const alerts = (page: Page) => page.evaluate(() => (window as unknown as { alerts: Alerts }).alerts);
async function total(tabs: Page[]): Promise<Alerts> {
  const all = await Promise.all(tabs.map(alerts));
  return { notes: all.flatMap((a) => a.notes), tones: all.reduce((sum, a) => sum + a.tones, 0) };
}

/** A visitor over the API: starts a conversation, then replies in it. */
async function visitor() {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey };
  const session = (await (
    await fetch(`${server.url}/v1/session`, { method: 'POST', headers, body: '{}' })
  ).json()) as { visitorToken: string };
  const auth = { ...headers, authorization: `Bearer ${session.visitorToken}` };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<{ conversation: { id: string } }>;
  };
  let n = 0;
  const tag = Math.random().toString(36).slice(2, 10);
  return {
    start: async (text: string) =>
      (
        await post('/v1/conversations', {
          clientId: `c_${tag}_start`,
          message: { clientId: `m_${tag}_${n++}`, text },
        })
      ).conversation.id,
    reply: (id: string, text: string) =>
      post(`/v1/conversations/${id}/messages`, { clientId: `m_${tag}_${n++}`, text }),
  };
}

async function consoleTabs(context: BrowserContext, count: number): Promise<Page[]> {
  await context.addInitScript(instrument);
  const tabs: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await signIn(page, server, server.agent);
    tabs.push(page);
  }
  return tabs;
}

test('a new conversation raises one desktop notification and one tone across two console tabs; the title counts it', async ({
  browser,
}) => {
  const context = await browser.newContext({
    permissions: ['notifications'],
    viewport: { width: 1366, height: 860 },
  });
  const tabs = await consoleTabs(context, 2);
  const [first] = tabs as [Page, Page];
  // Nothing is asked on load; the agent turns desktop notifications on from the rail.
  const desktop = first.getByRole('checkbox', { name: 'Desktop alerts' });
  await expect(desktop).not.toBeChecked();
  await expect(first.getByRole('checkbox', { name: 'Sound' })).toBeChecked();
  await desktop.check();
  await expect(desktop).toBeChecked();
  for (const tab of tabs) await expect(tab).toHaveTitle('Inbox — Frontdesk');

  const v = await visitor();
  await v.start('My tent zip is broken');
  for (const tab of tabs) await expect(tab).toHaveTitle('(1) Inbox — Frontdesk');
  await expect.poll(async () => (await total(tabs)).notes.length).toBe(1);
  // A stray second alert would show up by now.
  await first.waitForTimeout(700);
  const seen = await total(tabs);
  expect(seen.notes).toHaveLength(1);
  expect(seen.notes[0]!.title).toBe('New conversation');
  // The body names the visitor as the inbox does, and shows their words as plain text.
  expect(seen.notes[0]!.body).toMatch(/^Visitor [\w-]{6}: My tent zip is broken$/);
  expect(seen.tones).toBe(1);
  await first.screenshot({ path: 'test-results/console-notifications.png' });
  // The rail with its notification switches passes axe.
  const result = await new AxeBuilder({ page: first })
    .include('.rail')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await context.close();
});

test('no alert for the conversation open in front of the agent; a reply elsewhere alerts once; sound can be turned off', async ({
  browser,
}) => {
  const context = await browser.newContext({
    permissions: ['notifications'],
    viewport: { width: 1366, height: 860 },
  });
  const [page] = (await consoleTabs(context, 1)) as [Page];
  await page.getByRole('checkbox', { name: 'Desktop alerts' }).check();
  const v = await visitor();
  const id = await v.start('Question about boots');
  await expect.poll(async () => (await alerts(page)).notes.length).toBe(1);

  // Opening it reads it: the title counts one unread conversation fewer (others may be waiting from other tests).
  const unread = async () => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);
  await expect.poll(unread).toBeGreaterThan(0);
  const before = await unread();
  await page.locator('.conversation-row').filter({ hasText: 'Question about boots' }).click();
  await expect.poll(unread).toBe(before - 1);
  await v.reply(id, 'Size 44 please');
  await expect(page.getByText('Size 44 please').first()).toBeVisible();
  await page.waitForTimeout(700);
  expect((await alerts(page)).notes).toHaveLength(1);

  // Back on the list, the next reply alerts, as a new message.
  await page.evaluate(() => {
    location.hash = '#/inbox';
  });
  await expect(page.locator('.conversation-row[aria-current]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Sound' }).uncheck();
  await v.reply(id, 'Or 45 if 44 is gone');
  await expect.poll(async () => (await alerts(page)).notes.length).toBe(2);
  const seen = await alerts(page);
  expect(seen.notes[1]!.title).toBe('New message');
  expect(seen.notes[1]!.body).toMatch(/: Or 45 if 44 is gone$/);
  expect(seen.tones).toBe(1);
  // Settings are remembered on this browser.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Sound' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Desktop alerts' })).toBeChecked();
  await context.close();
});
