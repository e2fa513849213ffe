import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The loader: one classic script (IIFE), no imports. Run after `vite.config.ts` so the main bundle exists;
// its file name and SRI hash are compiled into the loader. (Without a build, e.g. when `scripts/size.mjs`
// measures in memory, placeholders of the same length stand in.)
const dist = here('dist');
const main = existsSync(dist) ? readdirSync(dist).find((f) => /^fd-main-.*\.js$/.test(f)) : undefined;
const integrity = main
  ? `sha384-${createHash('sha384')
      .update(readFileSync(`${dist}/${main}`))
      .digest('base64')}`
  : `sha384-${'0'.repeat(64)}`;

export default defineConfig({
  root: here('.'),
  define: {
    __MAIN_FILE__: JSON.stringify(main ?? 'fd-main-00000000.js'),
    __MAIN_INTEGRITY__: JSON.stringify(integrity),
  },
  build: {
    outDir: dist,
    emptyOutDir: false,
    target: 'es2022',
    lib: { entry: here('src/loader/loader.ts'), formats: ['iife'], name: 'FrontdeskLoader' },
    rolldownOptions: { output: { entryFileNames: 'frontdesk.js' } },
  },
});
