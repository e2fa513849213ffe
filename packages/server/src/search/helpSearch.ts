import type { Article, SearchHit } from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { languageOf, synonymMap } from './analyzer';
import { type Verdict, verdictOf } from './calibration';
import { type Embedder, fuseByRank, VectorStore } from './embedder';
import { SearchIndex } from './engine';

/** A search's answer: hits (each with its calibrated score and verdict), the best hit's verdict, the locale used. */
export interface SearchAnswer {
  hits: SearchHit[];
  verdict: Verdict;
  locale: string;
}

interface Row {
  id: string;
  slug: string;
  status: string;
  translations: Article['translations'];
}

interface SiteIndex {
  slugs: Map<string, string>;
  /** One engine per locale present in the site's published articles. */
  engines: Map<string, SearchIndex>;
  /** Applies changes in order, after the initial build. */
  queue: Promise<void>;
  /** Count and latest change of the site's articles as this index last saw them (see {@link HelpSearch.recheck}). */
  fingerprint: string;
}

/** BM25F hits that go into rank fusion with the embedder's. */
const FUSION_POOL = 50;

/** Documents indexed before yielding to the event loop while building a site's index. */
const BUILD_BATCH = 100;

/** Site settings that shape search (from the site's config). */
export interface SearchSettings {
  /** Synonym groups per locale (`helpCenter.synonyms`). */
  synonyms?: Readonly<Record<string, readonly (readonly string[])[]>>;
}

/**
 * Help-center search that lives with the data: each site's published articles are read from the database once,
 * indexed per locale in memory (in batches that yield to the event loop), and then kept current one article at a
 * time: {@link articleChanged} on the node that changed it and, through the hub, on every other node. A search
 * reads only memory.
 */
export class HelpSearch {
  private readonly sites = new Map<string, Promise<SiteIndex>>();
  private readonly synonymCache = new WeakMap<object, Map<string, Map<string, string[]>>>();

  private readonly vectors: VectorStore | null;

  constructor(
    private readonly db: Sql,
    embedder: Embedder | null = null,
  ) {
    this.vectors = embedder ? new VectorStore(embedder) : null;
  }

  /**
   * Compare each built site's articles (count, latest change) with what its index last saw, and drop the index of
   * a site that changed unseen, so the next search rebuilds it: the safety net for a change notice this node
   * missed (a bus message lost while its connection was down). Run on a timer, off the request path.
   */
  async recheck(): Promise<void> {
    for (const [siteId, pending] of [...this.sites]) {
      const site = await pending.catch(() => null);
      if (!site) continue;
      await site.queue;
      if ((await this.fingerprint(siteId)) !== site.fingerprint && this.sites.get(siteId) === pending)
        this.invalidate(siteId);
    }
  }

  private async fingerprint(siteId: string): Promise<string> {
    const rows = await this.db.query<{ n: number; at: string }>(
      "select count(*)::int as n, coalesce(max(updated_at), 'epoch')::text as at from articles where site_id = $1",
      [siteId],
    );
    return `${rows[0]?.n}|${rows[0]?.at}`;
  }

  /** Drop a site's index entirely; the next search rebuilds it. */
  invalidate(siteId: string): void {
    this.sites.delete(siteId);
  }

  /** Build a site's index ahead of its first search (at start-up, off the request path). */
  warm(siteId: string): Promise<void> {
    return this.site(siteId).then(() => undefined);
  }

  /**
   * One article changed (created, edited, published, unpublished or deleted) and is committed: re-read it and
   * update the indexes. Nothing to do for a site whose index is not built yet.
   */
  articleChanged(siteId: string, articleId: string): Promise<void> {
    const site = this.sites.get(siteId);
    if (!site) return Promise.resolve();
    const next = site.then(async (index) => {
      index.queue = index.queue.then(async () => {
        const rows = await this.db.query<Row>(
          'select id, slug, status, translations from articles where site_id = $1 and id = $2',
          [siteId, articleId],
        );
        await this.apply(index, articleId, rows[0] ?? null);
        index.fingerprint = await this.fingerprint(siteId);
      });
      await index.queue;
    });
    // A failed read leaves the index unknown: rebuild it on the next search rather than serve stale results.
    return next.catch(() => this.invalidate(siteId));
  }

  /** The best matches for `query` in `locale` (its language when no exact locale, else English). */
  async search(
    siteId: string,
    query: string,
    locale: string,
    settings: SearchSettings = {},
    limit = 10,
  ): Promise<SearchAnswer> {
    const site = await this.site(siteId);
    await site.queue;
    const used = this.localeFor(site, locale);
    const engine = site.engines.get(used);
    if (!engine || !query.trim()) return { hits: [], verdict: 'none', locale: used };
    const synonyms = this.synonymsFor(settings, used);
    let result = engine.search(query, this.vectors ? FUSION_POOL : limit, synonyms);
    if (this.vectors) {
      try {
        result = await fuseByRank(this.vectors, engine, query, result, limit);
      } catch (error) {
        // The site's embedding endpoint is down or wrong: answer with BM25F alone rather than fail the search.
        console.warn(`help search: embeddings unavailable, BM25F only (${(error as Error).message})`);
        result = { ...result, hits: result.hits.slice(0, limit) };
      }
    }
    const hits: SearchHit[] = result.hits.map((hit) => ({
      articleId: hit.id,
      slug: site.slugs.get(hit.id) ?? hit.id,
      locale: used,
      title: engine.title(hit.id),
      snippet: hit.passage.text,
      highlights: hit.passage.highlights,
      score: hit.score,
      verdict: verdictOf(hit),
    }));
    return { hits, verdict: result.verdict, locale: used };
  }

  /** Today's fallback: the exact locale if any article has it, else its language, else English. */
  private localeFor(site: SiteIndex, wanted: string): string {
    const has = (l: string) => (site.engines.get(l)?.size ?? 0) > 0;
    const language = languageOf(wanted);
    return has(wanted) ? wanted : has(language) ? language : 'en';
  }

  private synonymsFor(settings: SearchSettings, locale: string): Map<string, string[]> {
    const groups = settings.synonyms;
    if (!groups) return new Map();
    let perLocale = this.synonymCache.get(groups);
    if (!perLocale) {
      perLocale = new Map();
      this.synonymCache.set(groups, perLocale);
    }
    let map = perLocale.get(locale);
    if (!map) {
      map = synonymMap(groups[locale] ?? groups[languageOf(locale)] ?? [], languageOf(locale));
      perLocale.set(locale, map);
    }
    return map;
  }

  private site(siteId: string): Promise<SiteIndex> {
    let site = this.sites.get(siteId);
    if (!site) {
      site = this.build(siteId);
      this.sites.set(siteId, site);
      site.catch(() => this.sites.delete(siteId));
    }
    return site;
  }

  private async build(siteId: string): Promise<SiteIndex> {
    // Taken before the read: a change while building shows as a difference at the next recheck.
    const fingerprint = await this.fingerprint(siteId);
    const rows = await this.db.query<Row>(
      "select id, slug, status, translations from articles where site_id = $1 and status = 'published' order by id",
      [siteId],
    );
    const index: SiteIndex = { slugs: new Map(), engines: new Map(), queue: Promise.resolve(), fingerprint };
    for (let i = 0; i < rows.length; i += BUILD_BATCH) {
      for (const row of rows.slice(i, i + BUILD_BATCH)) await this.apply(index, row.id, row);
      // Let requests and realtime traffic through between batches (a 20,000-article site takes seconds).
      if (i + BUILD_BATCH < rows.length) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const engine of index.engines.values()) engine.warm();
    return index;
  }

  private async apply(index: SiteIndex, id: string, row: Row | null): Promise<void> {
    const published = row?.status === 'published' ? row : null;
    for (const [locale, engine] of index.engines) if (!published?.translations[locale]) engine.remove(id);
    if (!published) {
      index.slugs.delete(id);
      return;
    }
    index.slugs.set(id, published.slug);
    for (const [locale, t] of Object.entries(published.translations)) {
      let engine = index.engines.get(locale);
      if (!engine) {
        engine = new SearchIndex(locale);
        index.engines.set(locale, engine);
      }
      engine.set({ id, title: t.title, body: t.body, questions: t.questions ?? [] });
    }
  }
}
