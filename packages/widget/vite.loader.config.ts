import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// The loader: one classic script (IIFE), no imports. Run after `vite.config.ts` so the main bundle exists;
// its file name and SRI hash are compiled into the loader.
const main = readdirSync('dist').find((f) => /^fd-main-.*\.js$/.test(f));
if (!main) throw new Error('build the main bundle first (vite build), then the loader');
const integrity = `sha384-${createHash('sha384')
  .update(readFileSync(`dist/${main}`))
  .digest('base64')}`;

export default defineConfig({
  define: { __MAIN_FILE__: JSON.stringify(main), __MAIN_INTEGRITY__: JSON.stringify(integrity) },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: { entry: 'src/loader/loader.ts', formats: ['iife'], name: 'FrontdeskLoader' },
    rolldownOptions: { output: { entryFileNames: 'frontdesk.js' } },
  },
});
