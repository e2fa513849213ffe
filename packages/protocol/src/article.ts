import * as v from 'valibot';
import { IdSchema, INT32_MAX, int32Schema, LocaleSchema, TimestampSchema } from './common';

const SlugSchema = v.pipe(
  v.string('a slug'),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug of lowercase letters, digits and "-"'),
);

/** One locale's version of an article; `body` is markdown. */
export const ArticleTranslationSchema = v.object({
  title: v.pipe(v.string('a title'), v.minLength(1, 'a non-empty title'), v.maxLength(200)),
  body: v.pipe(v.string('markdown text'), v.maxLength(100_000)),
  /**
   * Other ways visitors ask what this article answers ("Where is my parcel?"), searched as their own field.
   * At most 100, each 1–300 characters.
   */
  questions: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string('a question'),
          v.trim(),
          v.minLength(1, 'a non-empty question'),
          v.maxLength(300, 'a question of at most 300 characters'),
        ),
      ),
      v.maxLength(100, 'at most 100 alternative questions'),
    ),
  ),
});

const TranslationsSchema = v.pipe(
  v.record(LocaleSchema, ArticleTranslationSchema),
  v.check((t) => Object.keys(t).length > 0, 'a translation in at least one locale'),
);

/**
 * Unpublished changes to a published article ("Save draft" on it): a separate revision. Visitors and search keep
 * the published text until it is published. Only the admin API shows it.
 */
export const ArticleDraftSchema = v.object({
  slug: SlugSchema,
  categoryId: v.nullable(IdSchema),
  translations: TranslationsSchema,
  updatedAt: TimestampSchema,
});

/** A help-center article, in one or more locales. */
export const ArticleSchema = v.object({
  id: IdSchema,
  slug: SlugSchema,
  categoryId: v.nullable(IdSchema),
  status: v.picklist(['draft', 'published']),
  translations: TranslationsSchema,
  /** Admin API only: the pending draft of a published article, if one was saved. */
  draft: v.optional(v.nullable(ArticleDraftSchema)),
  updatedAt: TimestampSchema,
});

/** A help-center category with its name per locale. */
export const CategorySchema = v.object({
  id: IdSchema,
  slug: SlugSchema,
  names: v.record(LocaleSchema, v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
  order: int32Schema(-INT32_MAX),
});

/** What a search hit is worth: a confident answer, worth showing but not asserting, or no good answer. */
export const SearchVerdictSchema = v.picklist(['answer', 'maybe', 'none']);

/**
 * One search result, most relevant first. `snippet` is the plain-text passage that best matches; `highlights` are
 * [start, end) offsets into it. `score` is calibrated: the estimated chance (0–1) that the article answers the
 * query. The search's verdict is the first hit's `verdict` (`none` when there are no hits).
 */
export const SearchHitSchema = v.object({
  articleId: IdSchema,
  slug: SlugSchema,
  locale: LocaleSchema,
  title: v.string(),
  snippet: v.string(),
  highlights: v.array(v.tuple([v.number(), v.number()])),
  score: v.number(),
  /** `answer`, `maybe` or `none` for this hit's score (servers before 0.2 did not send it). */
  verdict: v.optional(SearchVerdictSchema),
});

/** Body of `POST /v1/agent/articles/:id/questions`: add an alternative question to an article. */
export const AddQuestionSchema = v.object({
  locale: LocaleSchema,
  question: v.pipe(
    v.string('a question'),
    v.trim(),
    v.minLength(1, 'a non-empty question'),
    v.maxLength(300, 'a question of at most 300 characters'),
  ),
});

/** Body for creating or replacing an article (agent/admin API). */
export const ArticleInputSchema = v.object({
  slug: SlugSchema,
  categoryId: v.optional(v.nullable(IdSchema)),
  status: v.optional(v.picklist(['draft', 'published'])),
  translations: ArticleSchema.entries.translations,
});

export { SlugSchema };
export type Article = v.InferOutput<typeof ArticleSchema>;
export type ArticleDraft = v.InferOutput<typeof ArticleDraftSchema>;
export type ArticleTranslation = v.InferOutput<typeof ArticleTranslationSchema>;
export type ArticleInput = v.InferOutput<typeof ArticleInputSchema>;
export type Category = v.InferOutput<typeof CategorySchema>;
export type SearchHit = v.InferOutput<typeof SearchHitSchema>;
export type SearchVerdict = v.InferOutput<typeof SearchVerdictSchema>;
