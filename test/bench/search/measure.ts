import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchIndex, type SearchResult } from '@frontdesk/server/search';
import { OkapiBm25 } from './okapi';

/** One retrieval set: articles and queries labelled with the article that answers them. */
export interface RetrievalSet {
  name: string;
  locale: string;
  articles: Array<{ id: string; title: string; body: string }>;
  queries: Array<{ query: string; articleId: string }>;
}

/** Load a set from `articles.jsonl` and `queries.jsonl` in `dir`. */
export function loadSet(dir: string, name: string, locale: string): RetrievalSet {
  const lines = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  return { name, locale, articles: lines('articles.jsonl'), queries: lines('queries.jsonl') };
}

/** top-1, top-3 and MRR@10 of ranked id lists against the expected ids. */
export interface Quality {
  top1: number;
  top3: number;
  mrr: number;
}

export function quality(rankings: string[][], expected: string[]): Quality {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  for (const [i, ranked] of rankings.entries()) {
    const at = ranked.slice(0, 10).indexOf(expected[i]!);
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
    if (at >= 0) mrr += 1 / (at + 1);
  }
  const n = rankings.length;
  return { top1: top1 / n, top3: top3 / n, mrr: mrr / n };
}

/** The first half of a question, as typed so far (cut inside a word when the half falls there). */
export function half(query: string): string {
  return query.slice(0, Math.ceil(query.length / 2));
}

export function buildEngine(set: RetrievalSet, skip: ReadonlySet<string> = new Set()): SearchIndex {
  const index = new SearchIndex(set.locale);
  for (const a of set.articles) if (!skip.has(a.id)) index.set(a);
  return index;
}

export function buildBaseline(set: RetrievalSet): OkapiBm25 {
  const index = new OkapiBm25(set.locale.startsWith('zh') || set.locale.startsWith('ja'));
  for (const a of set.articles) index.add(a.id, `${a.title}\n${a.body}`);
  return index;
}

/** Engine and baseline quality on full and half-typed queries. */
export function compare(set: RetrievalSet): Record<string, Quality> {
  const engine = buildEngine(set);
  const baseline = buildBaseline(set);
  const expected = set.queries.map((q) => q.articleId);
  const ids = (r: SearchResult) => r.hits.map((h) => h.id);
  return {
    engine: quality(
      set.queries.map((q) => ids(engine.search(q.query))),
      expected,
    ),
    bm25: quality(
      set.queries.map((q) => baseline.search(q.query)),
      expected,
    ),
    'engine, half typed': quality(
      set.queries.map((q) => ids(engine.search(half(q.query)))),
      expected,
    ),
    'bm25, half typed': quality(
      set.queries.map((q) => baseline.search(half(q.query))),
      expected,
    ),
  };
}

/** Intents held out as out of scope: every fourth article by id (a fixed rule, not chosen by result). */
export function outOfScope(set: RetrievalSet): Set<string> {
  return new Set(
    set.articles
      .map((a) => a.id)
      .sort()
      .filter((_, i) => i % 4 === 3),
  );
}

/** Percentiles of a list of numbers. */
export function percentiles(values: number[], ps: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
