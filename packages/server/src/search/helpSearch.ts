import type { Article, SearchHit } from '@frontdesk/protocol';
import MiniSearch from 'minisearch';
import type { Sql } from '../db/database';
import { fold, foldWithMap, plainText, tokenize } from './text';

interface Doc {
  id: string;
  slug: string;
  title: string;
  body: string;
}

const SNIPPET = 160;

/** Full-text search of published help articles, one MiniSearch index per site and locale, rebuilt on change. */
export class HelpSearch {
  private readonly indexes = new Map<string, { index: MiniSearch<Doc>; docs: Map<string, Doc> }>();
  constructor(private readonly db: Sql) {}

  /** Drop a site's indexes after its articles changed. */
  invalidate(siteId: string): void {
    for (const key of this.indexes.keys()) if (key.startsWith(`${siteId}|`)) this.indexes.delete(key);
  }

  /** The best matches for `query` in `locale` (its language when no exact locale), most relevant first. */
  async search(siteId: string, query: string, locale: string, limit = 10): Promise<SearchHit[]> {
    const { index, docs, locale: used } = await this.indexFor(siteId, locale);
    const terms = tokenize(query, used).map(fold).filter(Boolean);
    if (terms.length === 0) return [];
    const results = index.search(terms.join(' '), {
      prefix: true,
      fuzzy: (term) => (term.length > 3 ? 0.2 : false),
      boost: { title: 3 },
      combineWith: 'OR',
    });
    return results.slice(0, limit).map((result) => {
      const doc = docs.get(result.id as string)!;
      const matched = [...new Set([...terms, ...Object.keys(result.match)])];
      const { snippet, highlights } = makeSnippet(doc.body || doc.title, matched);
      return {
        articleId: doc.id,
        slug: doc.slug,
        locale: used,
        title: doc.title,
        snippet,
        highlights,
        score: Math.round(result.score * 1000) / 1000,
      };
    });
  }

  private async indexFor(siteId: string, wanted: string) {
    const rows = await this.db.query<{ id: string; slug: string; translations: Article['translations'] }>(
      "select id, slug, translations from articles where site_id = $1 and status = 'published' order by id",
      [siteId],
    );
    const language = wanted.split('-')[0] ?? wanted;
    const has = (l: string) => rows.some((r) => r.translations[l]);
    const locale = has(wanted) ? wanted : has(language) ? language : 'en';
    const key = `${siteId}|${locale}`;
    const cached = this.indexes.get(key);
    if (cached) return { ...cached, locale };
    const index = new MiniSearch<Doc>({
      fields: ['title', 'body'],
      storeFields: [],
      tokenize: (text) => tokenize(text, locale),
      processTerm: (term) => fold(term) || null,
    });
    const docs = new Map<string, Doc>();
    for (const row of rows) {
      const t = row.translations[locale];
      if (!t) continue;
      const doc = { id: row.id, slug: row.slug, title: t.title, body: plainText(t.body) };
      docs.set(doc.id, doc);
    }
    index.addAll([...docs.values()]);
    const entry = { index, docs };
    this.indexes.set(key, entry);
    return { ...entry, locale };
  }
}

/** A plain-text window of `text` around the first matched term, with [start, end) offsets of every match. */
export function makeSnippet(
  text: string,
  terms: string[],
): { snippet: string; highlights: Array<[number, number]> } {
  const { folded } = foldWithMap(text);
  let first = -1;
  for (const term of terms) {
    const at = folded.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const { map } = foldWithMap(text);
  const origin = first < 0 ? 0 : Math.max(0, (map[first] ?? 0) - 40);
  let start = origin;
  // Start at a word boundary when cutting into the text.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < start + 20) start = space + 1;
  }
  let snippet = text.slice(start, start + SNIPPET);
  if (start > 0) snippet = `…${snippet}`;
  if (start + SNIPPET < text.length) snippet = `${snippet}…`;
  const highlights: Array<[number, number]> = [];
  const view = foldWithMap(snippet);
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = view.folded.indexOf(term, from);
      if (at < 0) break;
      const s = view.map[at]!;
      // Extend to the end of the word so a prefix match highlights the whole word.
      let e = view.map[at + term.length]!;
      while (e < snippet.length && /[\p{L}\p{N}]/u.test(snippet[e]!) && !/\p{Script=Han}/u.test(snippet[e]!))
        e++;
      highlights.push([s, e]);
      from = at + term.length;
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const h of highlights) {
    const last = merged.at(-1);
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([h[0], h[1]]);
  }
  return { snippet, highlights: merged };
}
