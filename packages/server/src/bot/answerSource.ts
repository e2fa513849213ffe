import type { Article } from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { SearchIndex, THRESHOLDS, type Verdict } from '../search/index';

/** The help center's best answer to a question, as the bot uses it. */
export interface AnswerCandidate {
  articleId: string;
  slug: string;
  title: string;
  locale: string;
  /** The article's passage that matches the question: plain text, verbatim from the article. */
  passage: string;
  /** Where the article is read through the API (the widget opens it in its own article view). */
  url: string;
  /** Calibrated 0–1 chance that the article answers the question. */
  score: number;
  verdict: Verdict;
}

interface Built {
  stamp: string;
  index: SearchIndex;
  articles: Map<string, { slug: string; title: string }>;
}

/**
 * The bot's one door to help search: the engine of packages/server/src/search over the site's published
 * articles in the visitor's locale (its language, else English, as help search falls back). Until the server's
 * help-search service exposes verdicts and passages, the index is built here and rebuilt when any article of
 * the site changed (one cheap query per question checks that). It uses only what the engine keeps stable
 * (`new SearchIndex(locale)`, `set`, `search(text, limit)` → hits with `score` and `passage`, the result's
 * `verdict`, `THRESHOLDS.maybe`), and re-points to `ctx.search.search(...)` (hits[0].snippet, score, verdict) once
 * that service returns verdicts.
 */
export class AnswerSource {
  private readonly built = new Map<string, Built>();
  constructor(private readonly db: Sql) {}

  /**
   * The best article for `question`, or null when the help center has none in any matching locale. The verdict is
   * the engine's, unless `confidence` (the site's `bot.confidence`) overrides its `answer` threshold.
   */
  async best(
    siteId: string,
    question: string,
    locale: string,
    confidence?: number,
  ): Promise<AnswerCandidate | null> {
    const { index, articles, used } = await this.indexFor(siteId, locale);
    const result = index.search(question, 3);
    const hit = result.hits[0];
    if (!hit) return null;
    const verdict: Verdict =
      confidence === undefined
        ? result.verdict
        : hit.score >= confidence
          ? 'answer'
          : hit.score >= Math.min(THRESHOLDS.maybe, confidence)
            ? 'maybe'
            : 'none';
    const article = articles.get(hit.id)!;
    return {
      articleId: hit.id,
      slug: article.slug,
      title: article.title,
      locale: used,
      passage: hit.passage.text,
      url: `/v1/help/articles/${hit.id}?locale=${used}`,
      score: hit.score,
      verdict,
    };
  }

  private async indexFor(siteId: string, wanted: string) {
    const [state] = await this.db.query<{ stamp: string }>(
      "select count(*)::text || '|' || coalesce(max(updated_at)::text, '') as stamp from articles where site_id = $1 and status = 'published'",
      [siteId],
    );
    const stamp = state?.stamp ?? '';
    const rows = (await this.cachedRows(siteId, stamp)) ?? [];
    const language = wanted.split('-')[0] ?? wanted;
    const has = (l: string) => rows.some((r) => r.translations[l]);
    const used = has(wanted) ? wanted : has(language) ? language : 'en';
    const key = `${siteId}|${used}`;
    const cached = this.built.get(key);
    if (cached?.stamp === stamp) return { ...cached, used };
    const index = new SearchIndex(used);
    const articles = new Map<string, { slug: string; title: string }>();
    for (const row of rows) {
      const t = row.translations[used];
      if (!t) continue;
      index.set({ id: row.id, title: t.title, body: t.body });
      articles.set(row.id, { slug: row.slug, title: t.title });
    }
    const entry = { stamp, index, articles };
    this.built.set(key, entry);
    return { ...entry, used };
  }

  private rows = new Map<string, { stamp: string; rows: ArticleRow[] }>();
  private async cachedRows(siteId: string, stamp: string): Promise<ArticleRow[]> {
    const cached = this.rows.get(siteId);
    if (cached?.stamp === stamp) return cached.rows;
    const rows = await this.db.query<ArticleRow>(
      "select id, slug, translations from articles where site_id = $1 and status = 'published' order by id",
      [siteId],
    );
    this.rows.set(siteId, { stamp, rows });
    return rows;
  }
}

interface ArticleRow {
  id: string;
  slug: string;
  translations: Article['translations'];
}
