// Every code example in the docs is type-checked (docsExamples.test.ts): its fenced ts/tsx/js blocks are written
// out as modules next to the workspace packages they import, with the widget's global declared for snippets.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced block: where it is and its code. */
export interface Example {
  file: string;
  line: number;
  lang: 'ts' | 'tsx' | 'js';
  code: string;
}

const FENCE = /^```(ts|tsx|js|typescript|javascript)\s*$/;

/** The fenced code blocks of a markdown file. */
export function examplesOf(path: string, root: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith('```')) i++;
    const lang =
      open[1] === 'typescript' ? 'ts' : open[1] === 'javascript' ? 'js' : (open[1] as Example['lang']);
    out.push({ file: relative(root, path), line: start, lang, code: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return out;
}

/** Markdown files whose examples are checked: docs/, the README and the packages' READMEs. */
export function markdownFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f));
  const readmes = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'README.md'));
  return [join(root, 'README.md'), ...docs, ...readmes].filter((f) => {
    try {
      return readFileSync(f).length > 0;
    } catch {
      return false;
    }
  });
}

const PRELUDE = `// Snippets for the page use the widget's global, as the embedding guide declares it.
declare const Frontdesk: import('@frontdesk/widget').FrontdeskGlobal;
`;

/** Write each example as a module in `dir` (emptied first); returns the file name of each, by example. */
export function writeExamples(examples: Example[], dir: string): Map<string, Example> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const byFile = new Map<string, Example>();
  for (const example of examples) {
    const name = `${example.file.replace(/[^A-Za-z0-9]+/g, '_')}_${example.line}.${example.lang === 'tsx' ? 'tsx' : 'ts'}`;
    writeFileSync(join(dir, name), `${PRELUDE}${example.code}\nexport {};\n`);
    byFile.set(name, example);
  }
  return byFile;
}
