import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Keeps the type test (`jsApi.typetest.ts`, compiled by `pnpm typecheck`) and docs/widget-api.md together: every
// example of the JS API docs is in the type test verbatim, and every verb of `WidgetApi` is documented and used.
const root = join(__dirname, '../../..');
const doc = readFileSync(join(root, 'docs/widget-api.md'), 'utf8');
const typeTest = readFileSync(join(__dirname, 'jsApi.typetest.ts'), 'utf8');
const api = readFileSync(join(root, 'packages/widget/src/api.ts'), 'utf8');
const apiBody = api.slice(api.indexOf('export interface WidgetApi'), api.indexOf('export type WidgetGetter'));
const verbs = [...apiBody.matchAll(/^ {2}(\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]!);
// Compared line by line without indentation (the type test nests the examples in blocks).
const unindent = (code: string) => code.replace(/^[ \t]+/gm, '');

describe('the JS API docs and its type test', () => {
  it('has every js example of docs/widget-api.md in the type test, verbatim', () => {
    const examples = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => unindent(m[1]!.trimEnd()));
    expect(examples.length).toBeGreaterThan(6);
    const blocks = unindent(typeTest);
    for (const example of examples)
      expect(blocks, 'copy the example into jsApi.typetest.ts').toContain(example);
  });

  it('documents and type-tests every verb of WidgetApi', () => {
    expect(verbs.length).toBeGreaterThan(30);
    for (const verb of verbs) {
      expect(doc, `docs/widget-api.md lists ${verb}`).toContain(`\`${verb}(`);
      expect(typeTest, `jsApi.typetest.ts calls ${verb}`).toMatch(new RegExp(`\\('${verb}'`));
    }
  });
});
