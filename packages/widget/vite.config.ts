import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The main bundle: an ES module (`fd-main-<hash>.js`) injected by the loader, with lazy chunks next to it.
// `vite.loader.config.ts` then builds the loader (`frontdesk.js`) and writes the main file's name and hash into it.
export default defineConfig({
  // ky 2 is ~8 KB gzip; the client's http backend uses a small part of it, which src/build/kyLite.ts provides.
  resolve: { alias: { ky: fileURLToPath(new URL('./src/build/kyLite.ts', import.meta.url)) } },
  oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    minify: true,
    cssCodeSplit: false,
    lib: { entry: 'src/main.ts', formats: ['es'] },
    rolldownOptions: {
      output: {
        entryFileNames: 'fd-main-[hash].js',
        minify: true,
        chunkFileNames: 'fd-[name]-[hash].js',
      },
    },
  },
});
