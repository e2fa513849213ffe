import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, loadSet } from '../bench/search/measure';

// The quality half of `pnpm bench:search` (no latency): the engine beats plain Okapi BM25 on every set.
const data = join(dirname(fileURLToPath(import.meta.url)), '../bench/data');

describe('help search against the BM25 baseline', () => {
  it.each([
    ['hwu64', 'en'],
    ['zh-faq', 'zh'],
    ['cs-faq', 'cs'],
  ])('beats BM25 on %s (top-1 and MRR@10, full and half-typed queries)', (name, locale) => {
    const figures = compare(loadSet(join(data, name), name, locale));
    expect(figures.engine!.top1).toBeGreaterThan(figures.bm25!.top1);
    expect(figures.engine!.mrr).toBeGreaterThan(figures.bm25!.mrr);
    expect(figures['engine, half typed']!.mrr).toBeGreaterThan(figures['bm25, half typed']!.mrr);
  });
});
