// Every example in the docs compiles against the packages' real types: a changed API breaks this test, not
// the reader. (The packages as installed from the registry are checked by test/e2e/packages.e2e.ts.)
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { examplesOf, markdownFiles, writeExamples } from './docsExamples';

const run = promisify(execFile);
const root = join(__dirname, '../..');
// Inside the test package, so its workspace dependencies (@frontdesk/*) resolve as a user's imports would.
const dir = join(root, 'test/.docs-examples');

describe('code examples in the docs', () => {
  it('type-check (every ts, tsx and js block of docs/, README.md and the packages READMEs)', async () => {
    const examples = markdownFiles(root).flatMap((file) => examplesOf(file, root));
    expect(examples.length).toBeGreaterThan(5);
    const byFile = writeExamples(examples, dir);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: ['node'], noUnusedLocals: false },
        include: ['*.ts', '*.tsx'],
      }),
    );
    const result = await run(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    // Name the doc and line of each failing example rather than the generated file.
    const problems = result
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const match = /^([^(]+)\((\d+),\d+\): (.*)$/.exec(line);
        const example = match && byFile.get(match[1]!.split('/').at(-1)!);
        return example ? `${example.file}:${example.line + Number(match![2]) - 3}: ${match![3]}` : line;
      });
    expect(problems).toEqual([]);
  }, 120_000);
});
