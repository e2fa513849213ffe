import { defineConfig } from 'vitest/config';

// Unit tests by file name: `*.test.ts` runs in Node, `*.dom.test.ts(x)` in a browser-like DOM (happy-dom).
// Real-browser behaviour belongs in Playwright (`*.e2e.ts`), see test/README.md.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/test/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'test/cluster/**/*.test.ts',
          ],
          exclude: ['**/*.dom.test.*', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['packages/*/test/**/*.dom.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
