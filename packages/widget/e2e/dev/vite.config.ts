import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
  build: { outDir: '/tmp/fd-dev', emptyOutDir: true, minify: false },
});
