/**
 * Host-page benchmark: what the widget costs the page that embeds it, in real Chromium at 4× CPU slowdown.
 * Each run loads a plain host page twice in fresh browser contexts (first visits), once without the widget's
 * script tag and once with it (the order alternates), and records with PerformanceObserver:
 *
 * - long tasks (> 50 ms) from navigation until the page settled, and total blocking time, TBT = Σ max(0, task − 50);
 * - the widget's own tasks: the script entries of long animation frames (`long-animation-frame`) whose source is
 *   the widget's (each is one evaluation or callback, with the style and layout it forced). At 4× slowdown the
 *   plain page has long tasks of its own while it loads (parsing, style, first layout), in nearly every run; these
 *   are the widget's, whatever the page does around them;
 * - layout shift (the sum of `layout-shift` values without recent input, as CLS counts them);
 * - with the widget: when the launcher was first rendered, and click → usable panel.
 *
 * Click → usable: the pointer rests on the launcher for HOVER_MS (a visitor's hover before a click), then clicks.
 * The time runs from the `click` event's timeStamp to the first paint (the task after the animation frame) at
 * which the panel is usable: the dialog is rendered and visible, focus is inside it, no view in it is still loading
 * (`aria-busy`), and its first input (or, without one, the first button of its view) is rendered and enabled.
 *
 * Prints a paired table and exits non-zero when a budget is broken: a task of the widget over 50 ms, or
 * click → usable p95 over 100 ms, or any layout shift with the widget. `--correctness` (for the test command)
 * prints the figures and fails only on what is not wall-clock: a run that did not work (no launcher, no usable
 * panel) or a layout shift. Needs the built widget (`pnpm --filter @frontdesk/widget build`).
 * Run with `pnpm bench:host`; `HOST_BENCH_RUNS` (default 20), `CHROMIUM_PATH`, `HOST_BENCH_WIDGET_DIR` (another build of
 * the widget, e.g. to compare with an older one), `HOST_BENCH_PROFILE` (a folder: each run with the widget writes
 * a CPU profile there, from navigation to the usable panel, to open in Chrome DevTools, and the widget's script
 * entries of long animation frames beside it), `HOST_BENCH_TRACE` (a folder: a performance trace of each run with
 * the widget, for the DevTools Performance panel: tasks with the samples of the code they ran).
 *
 * The bench plays a device on a shared machine, so it keeps the harness out of the device's way: the server it
 * starts runs at the lowest CPU priority (it stands in for a remote one), and each page's renderer at a raised one
 * (nice −10, where permitted: root or CAP_SYS_NICE; checked at the end of each run, and the count printed).
 * Chromium started as root runs its own browser threads at nice −8, above the page at 0, and the test driver, the
 * GPU and network processes all share the 2 cores with it; a device would not share its CPU with them.
 * `HOST_BENCH_RENDERER_PRIORITY=0` measures without the raise, for comparison.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPriority, loadavg, setPriority } from 'node:os';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { type Browser, chromium, devices, type Page } from '@playwright/test';
import config from '../../playwright.config';

const RUNS = Number(process.env.HOST_BENCH_RUNS ?? 20);
const CPU_SLOWDOWN = 4;
/** Budget: the longest task with the widget, in ms (a long task is one over this). */
const LONG_TASK_MS = 50;
/** Budget: click → usable panel at p95, in ms. */
const CLICK_P95_MS = Number(process.env.HOST_BENCH_CLICK_BUDGET_MS ?? 100);
/** How long the pointer rests on the launcher before the click. */
const HOVER_MS = 200;
/** After the launcher shows (or, without the widget, after `load`), the page is watched this much longer. */
const SETTLE_MS = 1500;
const CHECK_BUDGETS = !process.argv.includes('--correctness');
const PROFILE_DIR = process.env.HOST_BENCH_PROFILE;
const TRACE_DIR = process.env.HOST_BENCH_TRACE;
/** `HOST_BENCH_RENDERER_PRIORITY=0` leaves Chromium's renderers at the default priority (see measure()). */
const PRIORITY_RENDERER = process.env.HOST_BENCH_RENDERER_PRIORITY !== '0';
const RENDERER_NICE = -10;
/** Runs with the widget at whose end every renderer was found at RENDERER_NICE. */
let raisedRuns = 0;
let checkedRuns = 0;
let traces = 0;
let profiles = 0;

/** A script entry of a long animation frame (PerformanceScriptTiming; not in TypeScript's DOM types yet). */
interface ScriptEntry {
  startTime: number;
  duration: number;
  sourceURL: string;
  invokerType: string;
  invoker: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
}

/** Runs in the host page before its own scripts: observers for long tasks, layout shifts and the launcher. */
function observe(): void {
  const perf = {
    tasks: [] as { start: number; duration: number }[],
    scripts: [] as { start: number; duration: number; url: string; what: string }[],
    shift: 0,
    launcher: -1,
  };
  (window as unknown as { __perf: typeof perf }).__perf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames name the scripts that ran in them: the widget's tasks are its script entries (each one
  // callback or script evaluation, with the style and layout it forced), whatever the page does around them.
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as (PerformanceEntry & { scripts: ScriptEntry[] })[])
      for (const script of frame.scripts)
        perf.scripts.push({
          start: script.startTime,
          duration: script.duration,
          url: script.sourceURL,
          what: `${script.invokerType} ${script.invoker} ${script.sourceFunctionName} @${script.sourceCharPosition}`.trim(),
        });
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!e.hadRecentInput) perf.shift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const look = () => {
    const button = document.querySelector('frontdesk-widget')?.shadowRoot?.querySelector('button.la');
    if (button?.checkVisibility()) perf.launcher = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Runs in the host page before the click: resolves with click → usable in ms (see the file's comment). */
function watchClick(): void {
  const root = document.querySelector('frontdesk-widget')!.shadowRoot!;
  const done = new Promise<number>((resolve) => {
    root.addEventListener(
      'click',
      (event) => {
        const start = event.timeStamp;
        const usable = () => {
          const dialog = root.querySelector<HTMLElement>('[role=dialog]');
          if (!dialog?.checkVisibility() || !dialog.contains(root.activeElement)) return false;
          if (dialog.querySelector('[aria-busy=true]')) return false;
          const first =
            dialog.querySelector<HTMLInputElement>('input, textarea, select') ??
            dialog.querySelector<HTMLButtonElement>('.bd button');
          return !!first?.checkVisibility() && !first.disabled;
        };
        const frame = () => {
          if (!usable()) return requestAnimationFrame(frame);
          // The frame being drawn now shows it: the next task runs once it was painted.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - start);
          channel.port2.postMessage(0);
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
  (window as unknown as { __click: Promise<number> }).__click = done;
}

interface Run {
  /** Long tasks of the page (its own and the widget's), until it settled. */
  tasks: number[];
  /** The widget's script entries in long animation frames (each over 5 ms is reported), until the page settled. */
  widgetTasks: number[];
  /** The widget's tasks over 50 ms: duration, what ran (invoker, function) and its file. */
  widgetLong: string[];
  tbt: number;
  shift: number;
  /** ms after navigation start; -1 without the widget. */
  launcher: number;
  /** Click → usable in ms; -1 without the widget. */
  click: number;
  /** Longest task between the click and the usable panel. */
  clickTask: number;
}

async function hostServer(widgetUrl: string, siteKey: string): Promise<string> {
  const content = `<main><h1>Acme Outdoor</h1><p>Tents, boots and more for every season.</p>
${Array.from({ length: 12 }, (_, i) => `<section><h2>Product ${i + 1}</h2><p>A sturdy thing for the trail, made to last.</p></section>`).join('\n')}</main>`;
  const page = (widget: boolean) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title></head><body>${content}
${widget ? `<script async src="${widgetUrl}" data-site-key="${siteKey}"></script>` : ''}</body></html>`;
  const pages: Record<string, string> = { '/with.html': page(true), '/without.html': page(false) };
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const body = pages[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    server.unref();
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

/** Let the host origin embed the widget (the seeded config allows another one). */
async function allowOrigin(server: TestServer, origin: string): Promise<void> {
  const call = async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-frontdesk-site': server.siteKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const { token } = await call<{ token: string }>('POST', '/agent/login', '', server.admin);
  const { config: current } = await call<{ config: { allowedOrigins?: string[] } }>(
    'GET',
    '/admin/config',
    token,
  );
  const config = { ...current, allowedOrigins: [...(current.allowedOrigins ?? []), origin] };
  await call('POST', '/admin/config', token, { config, note: 'host bench' });
}

/** The process `pid` and its descendants (Linux; elsewhere none). */
function processTree(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (name) state ppid …`: the name may hold spaces and parentheses, so read after its last `)`.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = (p: number): number[] => [p, ...(children.get(p) ?? []).flatMap(tree)];
  return tree(pid);
}

/** Every thread of the processes `pids` at CPU priority `nice`; false when one could not be set (e.g. no root). */
function setPriorities(pids: number[], nice: number): boolean {
  let all = true;
  // A process or thread that ended meanwhile has nothing left to set; anything else is a refusal.
  const gone = (error: unknown) => {
    const { code, info } = error as { code?: string; info?: { code?: string } };
    return code === 'ENOENT' || info?.code === 'ESRCH';
  };
  for (const pid of pids) {
    let threads: string[] = [];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch (error) {
      if (!gone(error)) all = false;
    }
    for (const thread of threads) {
      try {
        setPriority(Number(thread), nice);
      } catch (error) {
        if (!gone(error)) all = false;
      }
    }
  }
  return all;
}

/** Chromium's renderer processes (the simulated device's pages) among this process's descendants. */
const renderers = (): number[] =>
  processTree(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });

/**
 * Write run `n`'s trace or profile to `dir`, with the widget's script entries beside it (ms after navigation
 * start), to find each of the widget's tasks in it.
 */
function saveRun(dir: string, n: number, ext: string, body: string | Buffer, scripts: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/run-${n}.${ext}`, body);
  writeFileSync(`${dir}/run-${n}.scripts.json`, JSON.stringify(scripts));
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Where the widget's files are served from (its scripts' URLs start with it). */
let widgetBase = '';

async function measure(browser: Browser, url: string, widget: boolean): Promise<Run> {
  const { defaultBrowserType: _, ...desktop } = devices['Desktop Chrome'];
  const context = await browser.newContext(desktop);
  try {
    const page: Page = await context.newPage();
    // The page's renderer is the simulated device: ahead of the harness (this process, the browser's other
    // processes) on this shared machine, whose CPU the device would not share.
    if (PRIORITY_RENDERER) setPriorities(renderers(), RENDERER_NICE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // tsx keeps function names with a `__name` helper, which functions serialized into the page call.
    await page.addInitScript({ content: 'self.__name = (f) => f;' });
    await page.addInitScript(observe);
    if (PROFILE_DIR && widget) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (TRACE_DIR && widget)
      await browser.startTracing(page, {
        // Tasks and the samples of the code they ran (the timeline's categories capture a stack per request).
        categories: ['toplevel', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'],
      });
    await page.goto(url, { waitUntil: 'load' });
    type Perf = {
      tasks: { start: number; duration: number }[];
      scripts: { start: number; duration: number; url: string; what: string }[];
      shift: number;
      launcher: number;
    };
    const perf = () => page.evaluate(() => (window as unknown as { __perf: Perf }).__perf);
    let click = -1;
    let clickTask = 0;
    if (widget) {
      await page.waitForFunction(() => (window as unknown as { __perf: Perf }).__perf.launcher >= 0, null, {
        timeout: 30_000,
        polling: 100,
      });
    }
    await wait(SETTLE_MS);
    const loaded = await perf();
    if (widget) {
      const box = await page.locator('frontdesk-widget').locator('button.la').boundingBox();
      if (!box) throw new Error('the launcher has no box');
      await page.evaluate(watchClick);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await wait(HOVER_MS);
      const before = (await perf()).tasks.length;
      await page.mouse.down();
      await page.mouse.up();
      click = await page.evaluate(() => (window as unknown as { __click: Promise<number> }).__click);
      clickTask = Math.max(0, ...(await perf()).tasks.slice(before).map((t) => t.duration));
      // Checked, not assumed: the page's renderer (every renderer alive now) still at the raised priority.
      if (PRIORITY_RENDERER) {
        const now = renderers();
        checkedRuns++;
        if (now.length && now.every((pid) => getPriority(pid) === RENDERER_NICE)) raisedRuns++;
      }
      if (TRACE_DIR) saveRun(TRACE_DIR, ++traces, 'json', await browser.stopTracing(), loaded.scripts);
      if (PROFILE_DIR) {
        const { profile } = await cdp.send('Profiler.stop');
        saveRun(PROFILE_DIR, ++profiles, 'cpuprofile', JSON.stringify(profile), loaded.scripts);
      }
    }
    const tasks = loaded.tasks.map((t) => t.duration);
    return {
      tasks,
      widgetTasks: loaded.scripts.filter((t) => t.url.startsWith(widgetBase)).map((t) => t.duration),
      widgetLong: loaded.scripts
        .filter((t) => t.url.startsWith(widgetBase) && t.duration > LONG_TASK_MS)
        .map((t) => `${ms(t.duration)} (${t.what}, ${t.url.slice(widgetBase.length)})`),
      tbt: tasks.reduce((sum, d) => sum + Math.max(0, d - LONG_TASK_MS), 0),
      shift: loaded.shift,
      launcher: loaded.launcher,
      click,
      clickTask,
    };
  } finally {
    await context.close();
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

function table(without: Run[], withWidget: Run[]): string {
  const longest = (r: Run) => Math.max(0, ...r.tasks);
  const rows: [string, (runs: Run[]) => string, boolean][] = [
    ['runs with a long task', (runs) => `${runs.filter((r) => r.tasks.length).length}/${runs.length}`, true],
    ['long tasks, all runs', (runs) => `${runs.reduce((n, r) => n + r.tasks.length, 0)}`, true],
    [
      'longest task p50/max',
      (runs) => `${ms(quantile(runs.map(longest), 0.5))} / ${ms(Math.max(...runs.map(longest)))}`,
      true,
    ],
    [
      'total blocking time p50/p95',
      (runs) =>
        `${ms(
          quantile(
            runs.map((r) => r.tbt),
            0.5,
          ),
        )} / ${ms(
          quantile(
            runs.map((r) => r.tbt),
            0.95,
          ),
        )}`,
      true,
    ],
    [
      "widget's tasks over 50 ms, all runs",
      (runs) => `${runs.reduce((n, r) => n + r.widgetTasks.filter((d) => d > LONG_TASK_MS).length, 0)}`,
      false,
    ],
    [
      "widget's longest task p50/max",
      (runs) => {
        const longestOwn = runs.map((r) => Math.max(0, ...r.widgetTasks));
        return `${ms(quantile(longestOwn, 0.5))} / ${ms(Math.max(...longestOwn))}`;
      },
      false,
    ],
    ['layout shift max', (runs) => Math.max(...runs.map((r) => r.shift)).toFixed(4), true],
    [
      'launcher shown p50/p95',
      (runs) =>
        `${ms(
          quantile(
            runs.map((r) => r.launcher),
            0.5,
          ),
        )} / ${ms(
          quantile(
            runs.map((r) => r.launcher),
            0.95,
          ),
        )}`,
      false,
    ],
    [
      'click → usable p50/p95/max',
      (runs) =>
        `${ms(
          quantile(
            runs.map((r) => r.click),
            0.5,
          ),
        )} / ${ms(
          quantile(
            runs.map((r) => r.click),
            0.95,
          ),
        )} / ${ms(Math.max(...runs.map((r) => r.click)))}`,
      false,
    ],
    ['longest task in click', (runs) => ms(Math.max(...runs.map((r) => r.clickTask))), false],
  ];
  const lines = [`${''.padEnd(36)}${'without widget'.padEnd(22)}with widget`];
  for (const [name, show, both] of rows)
    lines.push(`${name.padEnd(36)}${(both ? show(without) : '—').padEnd(22)}${show(withWidget)}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  console.log(
    `host bench: ${RUNS} paired runs, ${CPU_SLOWDOWN}× CPU slowdown, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  const dist =
    process.env.HOST_BENCH_WIDGET_DIR ?? new URL('../../packages/widget/dist', import.meta.url).pathname;
  if (!existsSync(`${dist}/frontdesk.js`))
    throw new Error('the widget is not built: run `pnpm --filter @frontdesk/widget build` first');
  const server = await startServer({ env: { STATIC_WIDGET_DIR: dist } });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    // The server stands in for a remote one: on this machine it must not take the CPU the simulated device's
    // browser needs (each start-up step of the widget makes it answer), or its work shows up in the page's tasks.
    setPriorities(processTree(server.pid), 19);
    widgetBase = `${server.url}/widget/`;
    const host = await hostServer(`${widgetBase}frontdesk.js`, server.siteKey);
    await allowOrigin(server, host);
    // One unmeasured load of each, so that the server's and the browser's first-time costs stay out of the figures.
    await measure(browser, `${host}/with.html`, true);
    const without: Run[] = [];
    const withWidget: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const widget of i % 2 ? [true, false] : [false, true]) {
        const run = await measure(browser, `${host}/${widget ? 'with' : 'without'}.html`, widget);
        (widget ? withWidget : without).push(run);
      }
    }
    console.log(table(without, withWidget));
    console.log(
      PRIORITY_RENDERER
        ? `renderers at CPU priority ${RENDERER_NICE}: in ${raisedRuns} of ${checkedRuns} runs with the widget (checked at the end of each${raisedRuns ? '' : '; not permitted here?'})`
        : 'renderers at the default CPU priority (HOST_BENCH_RENDERER_PRIORITY=0)',
    );
    const failures: string[] = [];
    const over = withWidget.flatMap((r) => r.widgetTasks).filter((d) => d > LONG_TASK_MS);
    if (over.length)
      failures.push(
        `${over.length} task(s) of the widget over ${LONG_TASK_MS} ms: ${withWidget.flatMap((r) => r.widgetLong).join('; ')}`,
      );
    const p95 = quantile(
      withWidget.map((r) => r.click),
      0.95,
    );
    if (p95 > CLICK_P95_MS) failures.push(`click → usable p95 ${ms(p95)} above ${CLICK_P95_MS} ms`);
    // Not a wall-clock figure, so checked with --correctness too.
    const shift = Math.max(...withWidget.map((r) => r.shift));
    const broken = shift > 0 ? [`layout shift ${shift.toFixed(4)} with the widget (budget: none)`] : [];
    for (const failure of broken) console.log(`FAIL: ${failure}`);
    for (const failure of failures)
      console.log(`${CHECK_BUDGETS ? 'FAIL' : 'over budget (not checked)'}: ${failure}`);
    if (!failures.length && !broken.length)
      console.log(
        `host: within budgets (no task of the widget over ${LONG_TASK_MS} ms, click p95 ≤ ${CLICK_P95_MS} ms)`,
      );
    return broken.length || (CHECK_BUDGETS && failures.length) ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('FAIL:', error);
    process.exit(1);
  },
);
