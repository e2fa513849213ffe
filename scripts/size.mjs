// Byte budgets of what ships to browsers, measured minified and gzipped (level 9). Fails when one is over.
// Each bundle is built here from its entry with Vite, the same way the packages build it, so that
// the figure is of the shipped code and not of the sources.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const KB = 1024;

/**
 * name, entries (JS; CSS is collected from what they import), budget in bytes of gzip. With `config`, the bundle
 * is built with that Vite config (the package's own build) and `entries` only say what must exist.
 */
const bundles = [
  {
    name: 'loader (frontdesk.js)',
    entries: ['packages/widget/src/loader/loader.ts'],
    config: 'packages/widget/vite.loader.config.ts',
    budget: 1 * KB,
  },
  { name: 'client core', entries: ['packages/client/src/index.ts'], budget: 10 * KB },
  {
    // What opening the panel needs (Home, Messages, Help): the widget's main bundle and every chunk it imports
    // statically, CSS (adopted from JS) and the default locale (English, built in) included; lazy chunks
    // (thread, forms, article, rating, other locales) and the loader are not.
    name: 'widget open panel (JS+CSS)',
    entries: ['packages/widget/src/main.ts'],
    config: 'packages/widget/vite.config.ts',
    budget: 25 * KB,
  },
  {
    // Proactive messages (triggers, caps, the bubble): a lazy chunk loaded when the site configures some, with
    // the chunks it imports that opening the panel does not already load, and its CSS (inlined in its JS).
    name: 'widget proactive chunk',
    entries: ['packages/widget/src/proactive/index.ts'],
    config: 'packages/widget/vite.config.ts',
    chunk: 'src/proactive/index.ts',
    budget: 4 * KB,
  },
];

/**
 * Build with a package's Vite config in memory; measure the entry chunks and what they import statically. With
 * `chunk`, measure instead the lazy chunk of that module and what it imports that the entries do not.
 */
async function measureConfig(configFile, chunk) {
  const result = await build({ configFile, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const byName = new Map(outputs.map((o) => [o.fileName, o]));
  const needed = new Set();
  const visit = (o) => {
    if (!o || needed.has(o)) return;
    needed.add(o);
    for (const name of o.imports ?? []) visit(byName.get(name));
  };
  for (const o of outputs) if (o.type === 'chunk' && o.isEntry) visit(o);
  if (chunk) {
    const main = new Set(needed);
    needed.clear();
    const lazy = outputs.find((o) => o.type === 'chunk' && o.facadeModuleId?.endsWith(chunk));
    if (!lazy) throw new Error(`size: no chunk for ${chunk}`);
    visit(lazy);
    for (const o of main) needed.delete(o);
  } else for (const o of outputs) if (o.type === 'asset' && o.fileName.endsWith('.css')) needed.add(o);
  let raw = 0;
  let gzip = 0;
  for (const out of needed) {
    const bytes = Buffer.from(out.type === 'chunk' ? out.code : out.source);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

async function measure(entry) {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    esbuild: { jsxImportSource: 'preact', jsx: 'automatic' },
    oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  let raw = 0;
  let gzip = 0;
  for (const out of outputs) {
    const code = out.type === 'chunk' ? out.code : out.source;
    const bytes = typeof code === 'string' ? Buffer.from(code) : Buffer.from(code);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

let failed = 0;
let measured = 0;
for (const bundle of bundles) {
  const missing = bundle.entries.filter((e) => !existsSync(e));
  if (missing.length) {
    console.log(`size: ${bundle.name}: not built yet (${missing.join(', ')} missing)`);
    continue;
  }
  let raw = 0;
  let gzip = 0;
  for (const entry of bundle.config ? [bundle.config] : bundle.entries) {
    const m = bundle.config ? await measureConfig(entry, bundle.chunk) : await measure(entry);
    raw += m.raw;
    gzip += m.gzip;
  }
  measured++;
  const over = gzip > bundle.budget;
  if (over) failed++;
  console.log(
    `size: ${over ? 'OVER' : 'ok  '} ${bundle.name}: ${(gzip / KB).toFixed(2)} KB gzip (${(raw / KB).toFixed(1)} KB min) / budget ${(bundle.budget / KB).toFixed(0)} KB (${bundle.budget - gzip} bytes left)`,
  );
}
console.log(`size: ${measured - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
