import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The main bundle: an ES module (`fd-main-<hash>.js`) injected by the loader, with lazy chunks next to it.
// `vite.loader.config.ts` then builds the loader (`frontdesk.js`) and writes the main file's name and hash into it.
export default defineConfig({
  root: here('.'),
  // Preact's jsx-runtime carries server-rendering helpers; src/build/jsx.ts is what the browser needs.
  resolve: {
    alias: { 'preact/jsx-runtime': here('./src/build/jsx.ts') },
  },
  oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    minify: true,
    cssCodeSplit: false,
    lib: { entry: here('src/main.ts'), formats: ['es'] },
    rolldownOptions: {
      // Modules the main bundle shares with lazy chunks stay in it (lazy chunks import them from it).
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: 'fd-main-[hash].js',
        // Lazy chunks by hash only: the main bundle names each one it imports, and names cost bytes there
        // (the 8-character hash still marks them immutable for caches).
        chunkFileNames: 'fd-[hash].js',
        minify: true,
        // V8's explicit compile hint (Chrome 136+; a plain comment elsewhere): compile every function of the main
        // bundle while the file streams in, off the main thread, instead of each on its first call in a start-up
        // task. At 4× CPU slowdown that took the widget's longest task per load from ~49 to ~29 ms (p50) for 14
        // bytes of gzip (`pnpm bench:host`). Added after minifying, which drops comments.
        postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
        // A browser bundle, not a library: no `/* @__PURE__ */` or other comments in what ships.
        comments: false,
      },
    },
  },
});
