import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'vite';
import { agentApi } from '../../packages/client/e2e/support/agent';

// 500 messages from one visitor while the network drops and returns at random points, the server is killed and
// restarted, and the page is reloaded mid-way. Every message must be stored exactly once, in the order sent.
const TOTAL = Number(process.env.FAULT_MESSAGES ?? 500);
const SEED = Number(process.env.FAULT_SEED ?? 20261123);

/** mulberry32: a small seeded generator, so a failing run can be replayed with FAULT_SEED. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let server: TestServer;
test.beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'frontdesk-fault-page-'));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), 'page');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    base: './',
    build: { outDir, emptyOutDir: true },
  });
  server = await startServer({
    env: { STATIC_DEMO_DIR: outDir, RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' },
  });
});
test.afterAll(async () => server?.stop());

const run = <T>(page: Page, script: string) => page.evaluate(script) as Promise<T>;
async function waitFor(page: Page, script: string, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await run<boolean>(page, script).catch(() => false)) return;
    await page.waitForTimeout(100);
  }
  const state = await run<unknown>(page, 'fault.diagnose()').catch((error) => String(error));
  throw new Error(`timed out: ${script}\nstate: ${JSON.stringify(state)}`);
}
async function open(page: Page) {
  await page.goto(`${server.url}/index.html`);
  void run(page, `fault.start(${JSON.stringify(server.siteKey)})`);
  await waitFor(page, 'fault.ready()');
}

test(`${TOTAL} messages through dropped connections, server restarts and a reload arrive once, in order`, async ({
  page,
  context,
}) => {
  const rand = random(SEED);
  const faults = { offline: 0, restarts: 0, reloads: 0 };
  let offline = false;
  let restarting: Promise<void> | null = null;
  const setOffline = async (value: boolean) => {
    if (offline === value) return;
    offline = value;
    if (value) faults.offline++;
    await context.setOffline(value);
  };

  await open(page);
  const conversation = await run<string>(page, `fault.startConversation('m0')`);
  for (let i = 1; i < TOTAL; i++) {
    if (i === Math.floor(TOTAL / 2)) {
      // Reload mid-way with queued messages: the page loads, the API stays unreachable until the reload is done.
      await setOffline(true);
      for (let k = 0; k < 10 && i < TOTAL; k++, i++)
        await run(page, `fault.send(${JSON.stringify(conversation)}, 'm${i}')`);
      await restarting; // the page itself must load
      await page.route('**/v1/**', (route) => route.abort('internetdisconnected'));
      await setOffline(false);
      await page.reload();
      void run(page, `fault.start(${JSON.stringify(server.siteKey)})`);
      await page.waitForTimeout(300 + rand() * 700);
      await page.unroute('**/v1/**');
      await waitFor(page, 'fault.ready()');
      faults.reloads++;
    }
    const roll = rand();
    if (roll < 0.03) await setOffline(!offline);
    else if (roll < 0.036 && faults.restarts < 3 && !restarting) {
      // Kill the server hard while sends are in flight: acknowledgements get lost, replays must be idempotent.
      faults.restarts++;
      restarting = server
        .kill()
        .then(() => server.restart())
        .finally(() => {
          restarting = null;
        });
    }
    await run(page, `fault.send(${JSON.stringify(conversation)}, 'm${i}')`);
    if (rand() < 0.2) await page.waitForTimeout(Math.floor(rand() * 40));
  }
  await setOffline(false);
  await restarting;
  await waitFor(
    page,
    `(() => { const s = fault.summary(); return s.mine.length === ${TOTAL} && s.mine.every((m) => m.status !== 'sending'); })()`,
    120_000,
  );

  const report = await verify([page], TOTAL, (n) => `m${n}`);
  console.log(`fault: seed=${SEED} faults=${JSON.stringify(faults)} ${report.line}`);
  expect(report.counts).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, failed: 0, sameView: true });
});

test(`two tabs: ${TOTAL} messages from both, the leader reloaded and the network dropped, arrive once, in order`, async ({
  context,
}) => {
  const rand = random(SEED + 1);
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  await open(b);
  const conversation = await run<string>(a, `fault.startConversation('t0')`);
  await waitFor(b, 'fault.conversation() !== null');
  const faults = { offline: 0, reloads: 0 };
  let offline = false;
  for (let i = 1; i < TOTAL; i++) {
    if (i === Math.floor(TOTAL / 2)) {
      // Reload the leader: the other tab takes the lock, the connection and the outbox.
      const leader = (await run<boolean>(a, 'fault.leader()')) ? a : b;
      await context.setOffline(false);
      await leader.reload();
      await context.setOffline(offline);
      void run(leader, `fault.start(${JSON.stringify(server.siteKey)})`);
      if (!offline) await waitFor(leader, 'fault.ready() && fault.conversation() !== null');
      faults.reloads++;
    }
    if (rand() < 0.03) {
      offline = !offline;
      if (offline) faults.offline++;
      await context.setOffline(offline);
    }
    const tab = rand() < 0.5 ? a : b;
    if (!(await run<boolean>(tab, 'fault.ready() && fault.conversation() !== null'))) {
      offline = false;
      await context.setOffline(false);
      await waitFor(tab, 'fault.ready() && fault.conversation() !== null');
    }
    await run(tab, `fault.send(${JSON.stringify(conversation)}, 't${i}')`);
  }
  await context.setOffline(false);
  for (const tab of [a, b])
    await waitFor(
      tab,
      `(() => { const s = fault.summary(); return s.mine.length === ${TOTAL} && s.mine.every((m) => m.status !== 'sending'); })()`,
      120_000,
    );
  const report = await verify([a, b], TOTAL, (n) => `t${n}`);
  console.log(`fault (two tabs): seed=${SEED + 1} faults=${JSON.stringify(faults)} ${report.line}`);
  expect(report.counts).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, failed: 0, sameView: true });
});

/** Read what the server stored (agent API) and compare with the order sent and with each tab's view. */
async function verify(tabs: Page[], total: number, text: (n: number) => string) {
  const agent = await agentApi(server.url, server.siteKey, server.agent);
  const { id } = await run<{ id: string }>(tabs[0]!, 'fault.summary()');
  const stored = await agent.messages(id);
  const texts = stored.filter((m) => m.author.kind === 'visitor').map((m) => m.text);
  const position = new Map(Array.from({ length: total }, (_, n) => [text(n), n]));
  const indexes = texts.map((t) => position.get(t) ?? -1);
  const counts = new Map<number, number>();
  for (const n of indexes) counts.set(n, (counts.get(n) ?? 0) + 1);
  const lost = Array.from({ length: total }, (_, n) => n).filter((n) => !counts.has(n)).length;
  const duplicated = [...counts.values()].reduce((sum, c) => sum + c - 1, 0);
  const firsts = indexes.filter((n, at) => indexes.indexOf(n) === at);
  const outOfOrder = firsts.filter((n, at) => at > 0 && n < firsts[at - 1]!).length;
  let failed = 0;
  let sameView = true;
  for (const tab of tabs) {
    const shown = (await run<{ mine: { text: string; status: string }[] }>(tab, 'fault.summary()')).mine;
    failed += shown.filter((m) => m.status === 'failed').length;
    sameView &&= JSON.stringify(shown.map((m) => m.text)) === JSON.stringify(texts);
  }
  const line = `sent=${total} received=${counts.size} lost=${lost} duplicated=${duplicated} out-of-order=${outOfOrder} failed=${failed} client-view-matches-server=${sameView}`;
  return { line, counts: { lost, duplicated, outOfOrder, failed, sameView } };
}
