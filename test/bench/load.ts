/**
 * Load benchmark: the delivery curve. For each N, N visitors on WebSockets each send messages (over HTTP, as the
 * protocol does) that one agent realtime connection receives; the same clients then run against a bare `ws`
 * server (`bareServer.ts`) in the same run: the floor. Prints, per N and target, messages/s, p50/p95/p99 delivery
 * latency (send start → agent receives), failed sends and the server's RSS (and per visitor), then how each figure
 * grows with N. Exits non-zero when a send fails or a message is lost or doubled, and (without `--correctness`)
 * when p99 breaks its budget: 50 ms up to 5,000 visitors, 200 ms above. `pnpm bench` (root) runs it;
 * `BENCH_SIZES=100,1000` picks sizes. With `--correctness` (what `pnpm test` runs, at N = 100) figures are printed
 * but only failed sends, loss and doubles fail: latency on a busy machine says nothing about correctness.
 * Every fresh server (and the floor) first gets `BENCH_WARMUP` (default 200) messages that are not measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import pg from 'pg';
import { WebSocket } from 'ws';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,2000,5000,10000').split(',').map(Number);
/** Messages each visitor sends (default: enough for ~300 messages in all, at least 1 each). */
const perVisitor = (n: number) => Number(process.env.BENCH_MESSAGES ?? Math.max(1, Math.round(300 / n)));
/** Requests in flight while setting up sessions and conversations. */
const SETUP_CONCURRENCY = 32;
/** Every size stops sending this long after its first send (set-up on a busy machine does not count). */
const RUN_DEADLINE_MS = 600_000;
/**
 * Messages sent and delivered before measuring, on every fresh server (not counted): the first requests of a new
 * process pay for JIT compilation and cold caches, which would otherwise be most of the p99 of a small size.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
/** Requests in flight at once (sends). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** Run the server on this PostgreSQL (a fresh schema) instead of the embedded database. */
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
/** Budget: p99 delivery latency in ms, at most 5,000 visitors and above. */
const P99_BUDGET_MS = Number(process.env.BENCH_P99_BUDGET_MS ?? 50);
const P99_BUDGET_LARGE_MS = Number(process.env.BENCH_P99_BUDGET_LARGE_MS ?? 200);
const budget = (n: number) => (n <= 5000 ? P99_BUDGET_MS : P99_BUDGET_LARGE_MS);
/** Node flags for the server, e.g. `BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`. */
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
/** `BENCH_FLOOR=0` skips the bare WebSocket server. */
const FLOOR = process.env.BENCH_FLOOR !== '0';
/** `--correctness`: report latency, do not fail on it. */
const CHECK_BUDGETS = !process.argv.includes('--correctness');
const STORAGE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
console.log(
  `load bench: ${STORAGE}, ${CONCURRENCY} sends in flight, load average ${load()}, ulimit -n ${process.env.BENCH_ULIMIT ?? '?'}`,
);

interface Visitor {
  token: string;
  conversationId: string;
  socket?: WebSocket;
  received: number;
}

/** What is measured: the real server or the bare floor, as URLs for the same clients. */
interface Target {
  name: string;
  pid: number;
  /** Sessions and conversations (nothing for the floor). */
  setup(visitors: Visitor[]): Promise<void>;
  agentSocketUrl(): Promise<string>;
  visitorSocketUrl(v: Visitor): string;
  send(v: Visitor, text: string): Promise<void>;
  /** The local PostgreSQL server's postmaster pid (its CPU per message is printed), when there is one. */
  postgres?: number;
  /** Where the memory is, from the server's own metrics (the real server only). */
  memory?(): Promise<string>;
  stop(): Promise<void>;
}

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${new URL(url).pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Run `task` for each item with at most `limit` in flight. */
async function pool<T>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function openSocket(
  url: string,
  onEvent: (event: { type: string; message?: { text: string } }) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { frame: string; event?: { type: string } };
      if (frame.frame === 'hello') resolve(socket);
      else if (frame.frame === 'event' && frame.event) onEvent(frame.event as never);
      else if (frame.frame === 'error') reject(new Error(data.toString()));
    });
    socket.on('error', reject);
  });
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** CPU seconds a process has used (user + system), from /proc: noise on a shared machine does not change it. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name (which may hold ") "): utime and stime are the 12th and 13th fields, in USER_HZ
  // ticks (100 a second on Linux, whatever the kernel's own tick).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds of the local PostgreSQL server whose postmaster is `postmaster` (its own and its children's:
 * connections, autovacuum, WAL writer), by pid. The difference of two snapshots counts the processes alive at the
 * second: a process that ended meanwhile is not counted.
 */
function postgresCpu(postmaster: number | undefined): Map<number, number> {
  const cpu = new Map<number, number>();
  if (!postmaster) return cpu;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(entry) === postmaster || Number(parent) === postmaster)
        cpu.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // The process ended meanwhile.
    }
  }
  return cpu;
}

function postgresCpuSince(postmaster: number | undefined, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu(postmaster)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The postmaster of the PostgreSQL server at `url` when it runs on this machine (the parent of a backend). */
async function localPostmaster(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const status = readFileSync(`/proc/${backend}/status`, 'utf8');
    // A remote server's backend pid may be some other local process.
    if (!/^Name:\s+postgres$/m.test(status)) return undefined;
    const parent = /PPid:\s+(\d+)/.exec(status)?.[1];
    return parent ? Number(parent) : undefined;
  } catch {
    return undefined; // Not on this machine.
  } finally {
    await client.end();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function frontdesk(): Promise<Target> {
  const schema = `fd_bench_${Date.now().toString(36)}`;
  const env: Record<string, string> = { RATE_LIMIT_IP: '0', RATE_LIMIT_VISITOR: '0' };
  if (DATABASE_URL) Object.assign(env, { DATABASE_URL, DATABASE_SCHEMA: schema });
  const server: TestServer = await startServer({ env, nodeArgs: SERVER_FLAGS });
  const site = { 'x-frontdesk-site': server.siteKey };
  const auth = (v: Visitor) => ({ ...site, authorization: `Bearer ${v.token}` });
  const wsBase = server.url.replace('http', 'ws');
  return {
    name: `Frontdesk (${STORAGE})`,
    pid: server.pid,
    postgres: DATABASE_URL ? await localPostmaster(DATABASE_URL) : undefined,
    async setup(visitors) {
      await pool(visitors, SETUP_CONCURRENCY, async (v, i) => {
        v.token = (await post<{ visitorToken: string }>(`${server.url}/v1/session`, {}, site)).visitorToken;
        const body = { clientId: `bench-conv-${i}` };
        const created = await post<{ conversation: { id: string } }>(
          `${server.url}/v1/conversations`,
          body,
          auth(v),
        );
        v.conversationId = created.conversation.id;
      });
    },
    async agentSocketUrl() {
      const login = await post<{ token: string }>(`${server.url}/v1/agent/login`, server.agent, site);
      return `${wsBase}/v1/agent/realtime?token=${login.token}`;
    },
    visitorSocketUrl: (v) => `${wsBase}/v1/realtime?token=${v.token}`,
    async send(v, text) {
      const url = `${server.url}/v1/conversations/${v.conversationId}/messages`;
      await post(url, { clientId: text.replace(/\W/g, '-'), text }, auth(v));
    },
    async memory() {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const mb = (name: string) =>
        Math.round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20);
      return `main-thread heap ${mb('nodejs_heap_size_used_bytes')} MB, external ${mb('nodejs_external_memory_bytes')} MB`;
    },
    async stop() {
      await server.stop();
      if (!DATABASE_URL) return;
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

async function floor(): Promise<Target> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./bareServer.ts', import.meta.url).pathname],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start in 30 s')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const wsBase = url.replace('http', 'ws');
  return {
    name: 'bare ws (floor)',
    pid: child.pid ?? 0,
    async setup(visitors) {
      visitors.forEach((v, i) => {
        v.token = `v${i}`;
      });
    },
    agentSocketUrl: async () => `${wsBase}/agent`,
    visitorSocketUrl: (v) => `${wsBase}/visitor?token=${v.token}`,
    send: (v, text) => post(`${url}/send/${v.token}`, { text }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(target: Target, n: number) {
  const before = rssMb(target.pid);
  const visitors: Visitor[] = Array.from({ length: n }, () => ({
    token: '',
    conversationId: '',
    received: 0,
  }));
  await target.setup(visitors);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let duplicates = 0;
  let failed = 0;
  let firstFailure = '';
  let lastReceivedAt = 0;
  const seen = new Set<string>();
  let warmedUp = 0;
  const agent = await openSocket(await target.agentSocketUrl(), (event) => {
    const text = event.message?.text;
    if (event.type === 'message.created' && text?.startsWith('warmup ')) warmedUp++;
    if (event.type !== 'message.created' || !text?.startsWith('bench ')) return;
    if (seen.has(text)) duplicates++;
    seen.add(text);
    const start = sentAt.get(text);
    if (start !== undefined) latencies.push(performance.now() - start);
    lastReceivedAt = performance.now();
  });
  const connectStart = performance.now();
  await pool(visitors, 200, async (v) => {
    v.socket = await openSocket(target.visitorSocketUrl(v), (event) => {
      if (event.type === 'message.created' && event.message?.text.startsWith('bench ')) v.received++;
    });
  });
  const connectMs = performance.now() - connectStart;
  const connected = rssMb(target.pid);
  const memory = (await target.memory?.()) ?? '';
  const warmups = Array.from({ length: Math.min(WARMUP, n * 2) }, (_, i) => ({
    v: visitors[i % n]!,
    text: `warmup ${i}`,
  }));
  await pool(warmups, CONCURRENCY, ({ v, text }) => target.send(v, text));
  const warmDeadline = performance.now() + 30_000;
  while (warmedUp < warmups.length && performance.now() < warmDeadline)
    await new Promise((r) => setTimeout(r, 20));
  const jobs = visitors.flatMap((v, i) =>
    Array.from({ length: perVisitor(n) }, (_, k) => ({ v, text: `bench ${i}-${k}` })),
  );
  // Interleave visitors so every socket is busy throughout.
  jobs.sort((a, b) => Number(a.text.split('-')[1]) - Number(b.text.split('-')[1]));
  const cpuStart = { server: cpuSeconds(target.pid), postgres: postgresCpu(target.postgres) };
  const sendStart = performance.now();
  await pool(jobs, CONCURRENCY, async ({ v, text }) => {
    if (performance.now() > sendStart + RUN_DEADLINE_MS) return;
    sentAt.set(text, performance.now());
    try {
      await target.send(v, text);
    } catch (error) {
      failed++;
      // fetch's own message is "fetch failed": the reason (a reset, a timeout) is its cause.
      const cause = (error as { cause?: unknown }).cause;
      firstFailure ||= `${error}${cause ? ` (${cause})` : ''}`;
    }
  });
  const deadline = Math.min(performance.now() + 30_000, sendStart + RUN_DEADLINE_MS + 30_000);
  while (seen.size < jobs.length - failed && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const elapsed = (Math.max(lastReceivedAt, performance.now() - 1) - sendStart) / 1000;
  const after = rssMb(target.pid);
  const perMessage = (seconds: number) => Math.round((seconds * 1e4) / Math.max(1, seen.size)) / 10;
  const cpuServerMs = perMessage(cpuSeconds(target.pid) - cpuStart.server);
  const cpuPostgresMs = perMessage(postgresCpuSince(target.postgres, cpuStart.postgres));
  const visitorEcho = visitors.reduce((sum, v) => sum + v.received, 0);
  for (const v of visitors) v.socket?.terminate();
  agent.terminate();
  latencies.sort((a, b) => a - b);
  if (firstFailure) console.error(`first failed send (${target.name}, N=${n}): ${firstFailure}`);
  return {
    target: target.name,
    n,
    messages: sentAt.size,
    delivered: seen.size,
    failed,
    duplicates,
    visitorEcho,
    connectSeconds: Math.round(connectMs) / 1000,
    messagesPerSecond: Math.round(seen.size / ((lastReceivedAt - sendStart) / 1000 || elapsed)),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p95: Math.round(percentile(latencies, 95) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    /** CPU the server (and a local PostgreSQL) spent per delivered message while sending, in ms. */
    cpuServerMs,
    cpuPostgresMs,
    rssIdleMb: before.rss,
    rssConnectedMb: connected.rss,
    rssAfterMb: after.rss,
    rssPeakMb: after.peak,
    /** What holding one more visitor (session, conversation, socket) costs. */
    rssPerVisitorKb: Math.round(((connected.rss - before.rss) * 1024) / n),
    load: load(),
    memory,
  };
}

type Result = Awaited<ReturnType<typeof measure>>;

const results: Result[] = [];
for (const n of SIZES) {
  for (const start of FLOOR ? [frontdesk, floor] : [frontdesk]) {
    const target = await start();
    try {
      const r = await measure(target, n);
      results.push(r);
      console.log(
        `N=${String(n).padStart(5)} ${r.target.padEnd(22)} ${r.delivered}/${r.messages} delivered ` +
          `(failed ${r.failed}, dup ${r.duplicates}), ${r.messagesPerSecond} msg/s, ` +
          `p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms, CPU per message: server ${r.cpuServerMs} ms` +
          `${r.cpuPostgresMs ? `, PostgreSQL ${r.cpuPostgresMs} ms` : ''}, sockets up in ${r.connectSeconds} s, ` +
          `RSS ${r.rssIdleMb} → ${r.rssConnectedMb} (connected, ${r.rssPerVisitorKb} KB/visitor) → ` +
          `${r.rssAfterMb} MB (peak ${r.rssPeakMb} MB)${r.memory && `, connected: ${r.memory}`}, load average ${r.load}`,
      );
    } finally {
      await target.stop();
    }
  }
}

console.log('\ndelivery curve (visitors → figures; RSS with every socket connected):');
console.table(
  results.map((r) => ({
    target: r.target,
    visitors: r.n,
    'msg/s': r.messagesPerSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'CPU ms/msg': r.cpuServerMs,
    'RSS MB': r.rssConnectedMb,
    'KB/visitor': r.rssPerVisitorKb,
    failed: r.failed,
    load: r.load,
  })),
);
// Growth: each figure's ratio to the previous size of the same target, beside the ratio of visitors.
const growth = results.flatMap((r) => {
  const prev = results.filter((p) => p.target === r.target && p.n < r.n).at(-1);
  if (!prev) return [];
  const x = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
  return [
    {
      target: r.target,
      visitors: `${prev.n} → ${r.n} (${x(r.n, prev.n)})`,
      'msg/s': x(r.messagesPerSecond, prev.messagesPerSecond),
      p50: x(r.p50, prev.p50),
      p99: x(r.p99, prev.p99),
      RSS: x(r.rssConnectedMb, prev.rssConnectedMb),
    },
  ];
});
if (growth.length) {
  console.log('how each figure grows with the load:');
  console.table(growth);
}

const broken = results.filter(
  (r) => r.failed > 0 || r.delivered !== r.messages || r.duplicates > 0 || r.visitorEcho !== r.messages,
);
const slow = results.filter((r) => r.target.startsWith('Frontdesk') && r.p99 > budget(r.n));
if (broken.length)
  console.error(
    'FAIL: failed sends, lost or doubled messages at',
    broken.map((r) => `${r.target} N=${r.n}`).join(', '),
  );
const slowText = slow.map((r) => `N=${r.n} (${r.p99} ms > ${budget(r.n)} ms)`).join(', ');
if (slow.length && CHECK_BUDGETS) console.error(`FAIL: p99 above budget at ${slowText}`);
else if (slow.length) console.log(`note: p99 above budget at ${slowText} (not checked with --correctness)`);
if (!broken.length)
  console.log(
    `load: no failed send, no message lost or doubled${CHECK_BUDGETS && !slow.length ? ', p99 within budget' : ''}`,
  );
process.exit(broken.length || (slow.length && CHECK_BUDGETS) ? 1 : 0);
