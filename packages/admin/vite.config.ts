import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is served by the reference server at /console/ from dist/console.
export default defineConfig({
  root: fileURLToPath(new URL('./src/console', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
});
