import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The popout window's script (`popout.js`, served at `/popout` by the server): one file with everything it needs,
// built apart from the main bundle so it takes nothing from the open panel's byte budget.
export default defineConfig({
  root: here('.'),
  resolve: {
    alias: { 'preact/jsx-runtime': here('./src/build/jsx.ts') },
  },
  oxc: { jsx: { importSource: 'preact', runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: false,
    target: 'es2022',
    modulePreload: false,
    minify: true,
    lib: { entry: here('src/popout.ts'), formats: ['es'] },
    rolldownOptions: {
      output: { entryFileNames: 'popout.js', codeSplitting: false, comments: false },
    },
  },
});
