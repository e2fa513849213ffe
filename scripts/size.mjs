// Byte budgets of what browsers download, per state of the widget: every file (JS; the widget's CSS ships inside
// its JS) gzipped at level 9, summed. Fails when an enforced budget is broken; prints bytes left for each.
//   node scripts/size.mjs            (or `pnpm size`)
// The widget is built in memory with its own Vite config, so the figures are of the shipped chunks. Which chunks a
// state fetches comes from the build's import graph: a state names the modules the widget imports dynamically on
// the way to it (e.g. `src/ui/Thread.tsx` when a conversation opens); their chunks and everything those import
// statically are counted. `packages/widget/e2e/size.e2e.ts` checks these figures against what Chromium fetches.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const KB = 1024;
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const widgetConfig = `${root}/packages/widget/vite.config.ts`;

/**
 * The widget's states, each with what it adds to the state it follows (`after`): the chunks of `modules` (widget
 * modules loaded with `import()` on the way there). The loader is not counted in them (it has its own budget).
 * `enforced: false` would mark a budget not reached yet: printed as a target, not failed (none today).
 * @type {{ key: string, name: string, after?: string, modules: string[], budget: number, enforced?: boolean }[]}
 */
const WIDGET_STATES = [
  // Loaded, launcher shown, nothing clicked: the main bundle (with what it starts after boot: SPA page tracking,
  // notifications), and the client's realtime link, which it loads once the session started (lazy so that
  // start-up has no long task; the browser fetches it at idle all the same, as size.e2e.ts sees).
  {
    key: 'idle',
    name: 'widget idle',
    modules: ['src/main.ts', '../client/src/http/realtime.ts'],
    budget: 25 * KB,
  },
  // Panel opened on Home, with the section tabs: nothing is fetched on open (each view loads when chosen).
  { key: 'panel', name: 'widget panel opened', after: 'idle', modules: [], budget: 25 * KB },
  // A conversation with messages: the thread view (chat, composer, its English texts).
  {
    key: 'conversation',
    name: 'widget conversation open',
    after: 'panel',
    modules: ['src/ui/Thread.tsx'],
    budget: 30 * KB,
  },
  // The Help section, then an article in it.
  {
    key: 'article',
    name: 'widget help article open',
    after: 'panel',
    modules: ['src/ui/Help.tsx', 'src/ui/Article.tsx'],
    budget: 30 * KB,
  },
];

/** Lazy features, each a chunk (with what it imports that idle does not have) under its own budget. */
const FEATURES = [
  // Proactive messages (triggers, caps, the bubble): loaded at idle when the site configures some.
  { key: 'proactive', name: 'widget proactive chunk', modules: ['src/proactive/index.ts'], budget: 4 * KB },
];

const gzipBytes = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Outputs of a Vite build in memory. */
async function buildOutputs(inline) {
  const result = await build({ logLevel: 'silent', ...inline, build: { ...inline.build, write: false } });
  return (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
}

function sumFiles(outputs) {
  const files = outputs.map((o) => {
    const bytes = Buffer.from(o.type === 'chunk' ? o.code : o.source);
    return { file: o.fileName, raw: bytes.length, gzip: gzipBytes(bytes) };
  });
  return {
    files,
    raw: files.reduce((n, f) => n + f.raw, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

/** The widget's states: the files each fetches (cumulative) from the build's import graph. */
async function widgetStates() {
  const outputs = await buildOutputs({ configFile: widgetConfig });
  const chunks = outputs.filter((o) => o.type === 'chunk');
  const byName = new Map(chunks.map((o) => [o.fileName, o]));
  const chunkOf = (module) => {
    const path = resolve(root, 'packages/widget', module);
    const found = chunks.find((o) => o.facadeModuleId === path) ?? chunks.find((o) => path in o.modules);
    if (!found) throw new Error(`size: no chunk holds ${module} (renamed? update WIDGET_STATES)`);
    return found;
  };
  const closure = (modules, into = new Set()) => {
    const visit = (o) => {
      if (into.has(o)) return;
      into.add(o);
      for (const name of o.imports) visit(byName.get(name));
    };
    for (const m of modules) visit(chunkOf(m));
    return into;
  };
  const sets = new Map();
  const measured = [];
  for (const state of WIDGET_STATES) {
    const set = closure(state.modules, new Set(state.after ? sets.get(state.after) : []));
    sets.set(state.key, set);
    measured.push({ ...state, ...sumFiles([...set]) });
  }
  for (const feature of FEATURES) {
    const idle = sets.get('idle');
    const own = [...closure(feature.modules)].filter((o) => !idle.has(o));
    measured.push({ ...feature, ...sumFiles(own) });
  }
  return measured;
}

/** A library entry bundled into one file the way an app's bundler would (everything it imports, minified). */
async function bundle(code) {
  const dir = mkdtempSync(join(tmpdir(), 'fd-size-'));
  writeFileSync(join(dir, 'entry.js'), code);
  try {
    const outputs = await buildOutputs({
      configFile: false,
      root,
      build: {
        minify: true,
        target: 'es2022',
        lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'bundle' },
        rolldownOptions: { output: { codeSplitting: false } },
      },
    });
    return sumFiles(outputs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every budgeted figure: the loader, the widget's states and lazy features, and the headless client. Each entry:
 * `key`, `name`, `budget`, `enforced`, `gzip`, `raw`, and `files` (name, raw and gzip bytes of each).
 */
export async function measureSizes() {
  const loader = await buildOutputs({ configFile: `${root}/packages/widget/vite.loader.config.ts` });
  const client = `${root}/packages/client/src`;
  const results = [
    { key: 'loader', name: 'loader (frontdesk.js)', budget: 1 * KB, ...sumFiles(loader) },
    ...(await widgetStates()),
    {
      key: 'client',
      name: 'client core',
      budget: 10 * KB,
      ...(await bundle(`export * from '${client}/index.ts';`)),
    },
    {
      key: 'clientHttp',
      name: 'client core + http backend',
      budget: 12 * KB,
      ...(await bundle(`export * from '${client}/index.ts';\nexport * from '${client}/http/index.ts';`)),
    },
  ];
  return results.map((r) => ({ enforced: true, ...r }));
}

/** One line per figure: bytes, budget, bytes left (or over). */
export function report(results) {
  let failed = 0;
  for (const r of results) {
    const left = r.budget - r.gzip;
    const status = left >= 0 ? 'ok    ' : r.enforced ? 'OVER  ' : 'TARGET';
    if (left < 0 && r.enforced) failed++;
    const tail =
      left >= 0 ? `${left} bytes left` : `over by ${-left} bytes${r.enforced ? '' : ', not enforced yet'}`;
    console.log(
      `size: ${status} ${r.name}: ${r.gzip} B gzip (${(r.gzip / KB).toFixed(2)} KB; ${r.files.length} file${r.files.length === 1 ? '' : 's'}, ${(r.raw / KB).toFixed(1)} KB min) / budget ${r.budget / KB} KB (${tail})`,
    );
  }
  const targets = results.filter((r) => !r.enforced && r.gzip > r.budget);
  if (targets.length)
    console.log(
      `size: ${targets.length} budget(s) not reached yet: ${targets.map((r) => r.name).join(', ')}`,
    );
  console.log(`size: ${results.length - failed} passed, ${failed} failed`);
  return failed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measureSizes();
  if (process.argv.includes('--files'))
    for (const r of results) console.log(`${r.key}: ${r.files.map((f) => `${f.file} ${f.gzip}`).join(', ')}`);
  process.exit(report(results) ? 1 : 0);
}
