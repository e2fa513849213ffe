import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every browser-test file of the repository (the folders playwright.config.ts matches). */
function e2eFiles(): string[] {
  const folders = [
    'test/e2e',
    ...['packages', 'examples'].flatMap((top) =>
      readdirSync(join(root, top)).map((name) => `${top}/${name}/e2e`),
    ),
  ];
  return folders.flatMap((folder) => {
    try {
      return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.e2e.ts'))
        .map((file) => `${folder}/${file}`);
    } catch {
      return []; // a package without browser tests
    }
  });
}

test('every browser-test file that opens its own contexts closes them (closeOwnContexts)', () => {
  const files = e2eFiles();
  expect(files.length).toBeGreaterThan(30);
  const opening = files
    .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))
    .filter(({ text }) => text.includes('.newContext('));
  expect(opening.length).toBeGreaterThan(0);
  const leaking = opening
    .filter(({ text }) => !/^closeOwnContexts\(\);$/m.test(text))
    .map(({ file }) => file);
  expect(leaking, 'files that open browser contexts without calling closeOwnContexts()').toEqual([]);
});
