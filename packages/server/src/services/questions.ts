import type { Article } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { fold } from '../search/text';
import { getArticle, upsertArticle } from './articles';
import type { AppContext } from './context';

/** A visitor's question proposed as an alternative question of an article, waiting for an admin. */
export interface QuestionProposal {
  id: string;
  articleId: string;
  locale: string;
  question: string;
  createdAt: string;
}

/** How long after a search a "Yes, that answered it" still counts as answering that search's question. */
const CONFIRM_WINDOW_MINUTES = 30;
/** Most alternative questions per article and locale (the protocol's limit). */
const MAX_QUESTIONS = 100;

const same = (a: string, b: string) => fold(a.trim()) === fold(b.trim());

/** Is `question` already the article's title or one of its alternative questions in `locale`? */
function known(article: Article, locale: string, question: string): boolean {
  const t = article.translations[locale];
  return !!t && (same(t.title, question) || (t.questions ?? []).some((q) => same(q, question)));
}

/** Add an alternative question to an article (an agent's one click, or an admin accepting a proposal). */
export async function addQuestion(
  ctx: AppContext,
  siteId: string,
  articleId: string,
  locale: string,
  question: string,
): Promise<Article> {
  const text = question.trim().replace(/\s+/g, ' ');
  const article = await getArticle(ctx, siteId, articleId, false);
  const t = article.translations[locale];
  if (!t)
    throw new ApiError(
      'validation_failed',
      `The article has no "${locale}" translation to add a question to.`,
    );
  if (known(article, locale, text)) return article;
  const questions = [...(t.questions ?? []), text];
  if (questions.length > MAX_QUESTIONS)
    throw new ApiError(
      'conflict',
      `The article already has ${MAX_QUESTIONS} alternative questions in "${locale}".`,
    );
  return upsertArticle(ctx, siteId, article.id, {
    slug: article.slug,
    categoryId: article.categoryId,
    status: article.status,
    translations: { ...article.translations, [locale]: { ...t, questions } },
  });
}

/**
 * A visitor said an article answered them: when they found it through a search in the last
 * {@link CONFIRM_WINDOW_MINUTES} minutes, propose that search's text as an alternative question (once).
 */
export async function proposeFromConfirmation(
  ctx: AppContext,
  siteId: string,
  visitorId: string,
  article: Article,
): Promise<void> {
  const rows = await ctx.db.query<{ data: { q?: string; locale?: string; top?: string[] } }>(
    `select data from activity where site_id = $1 and visitor_id = $2 and name = 'help.search'
       and created_at > now() - interval '${CONFIRM_WINDOW_MINUTES} minutes' order by created_at desc limit 1`,
    [siteId, visitorId],
  );
  const search = rows[0]?.data;
  const question = search?.q?.trim().replace(/\s+/g, ' ');
  const locale = search?.locale;
  if (!question || !locale || question.length < 3 || question.length > 300) return;
  if (!search.top?.includes(article.id) || !article.translations[locale]) return;
  if (known(article, locale, question)) return;
  await ctx.db.query(
    `insert into question_proposals (id, site_id, article_id, locale, question) values ($1, $2, $3, $4, $5)
     on conflict (article_id, locale, question) do nothing`,
    [newId('qp'), siteId, article.id, locale, question],
  );
}

/** Open proposals of a site, newest first. */
export async function listProposals(ctx: AppContext, siteId: string): Promise<QuestionProposal[]> {
  const rows = await ctx.db.query<Row>(
    "select * from question_proposals where site_id = $1 and status = 'open' order by created_at desc, id limit 500",
    [siteId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    articleId: r.article_id as string,
    locale: r.locale as string,
    question: r.question as string,
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

/** Accept (add the question to its article) or dismiss an open proposal. */
export async function resolveProposal(
  ctx: AppContext,
  siteId: string,
  id: string,
  accept: boolean,
): Promise<Article | null> {
  const rows = await ctx.db.query<Row>(
    "update question_proposals set status = $3 where site_id = $1 and id = $2 and status = 'open' returning *",
    [siteId, id, accept ? 'accepted' : 'dismissed'],
  );
  const row = rows[0];
  if (!row) throw notFound('The open proposal');
  if (!accept) return null;
  return addQuestion(ctx, siteId, row.article_id as string, row.locale as string, row.question as string);
}
