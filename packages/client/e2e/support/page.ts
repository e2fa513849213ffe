import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundle the test page (e2e/page) with Vite's build API into a temp folder, served later as static files. */
export async function buildTestPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'frontdesk-client-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(here, '../page'),
    base: './',
    build: { outDir, emptyOutDir: true, minify: false },
  });
  return outDir;
}
