import type { HelpSearch, SearchSettings } from '../search/helpSearch';
import { THRESHOLDS, type Verdict } from '../search/index';

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

/**
 * The bot's one door to help search: the server's live help-search index (the same one `GET /v1/help/search`
 * reads: in memory, current on every node, the same locale fallback and synonyms), so a question costs no
 * database read and the bot and the widget's search always agree.
 */
export class AnswerSource {
  constructor(private readonly search: HelpSearch) {}

  /**
   * The best article for `question`, or null when the help center has none in any matching locale. The verdict is
   * the engine's, unless `confidence` (the site's `bot.confidence`) overrides its `answer` threshold.
   */
  async best(
    siteId: string,
    question: string,
    locale: string,
    confidence?: number,
    settings: SearchSettings = {},
  ): Promise<AnswerCandidate | null> {
    const result = await this.search.search(siteId, question, locale, settings, 3);
    const hit = result.hits[0];
    if (!hit) return null;
    const verdict: Verdict =
      confidence === undefined
        ? (hit.verdict ?? result.verdict)
        : hit.score >= confidence
          ? 'answer'
          : hit.score >= Math.min(THRESHOLDS.maybe, confidence)
            ? 'maybe'
            : 'none';
    return {
      articleId: hit.articleId,
      slug: hit.slug,
      title: hit.title,
      locale: hit.locale,
      passage: hit.snippet,
      url: `/v1/help/articles/${hit.articleId}?locale=${hit.locale}`,
      score: hit.score,
      verdict,
    };
  }
}
