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
});

/** A help-center article, in one or more locales. */
export const ArticleSchema = v.object({
  id: IdSchema,
  slug: SlugSchema,
  categoryId: v.nullable(IdSchema),
  status: v.picklist(['draft', 'published']),
  translations: v.pipe(
    v.record(LocaleSchema, ArticleTranslationSchema),
    v.check((t) => Object.keys(t).length > 0, 'a translation in at least one locale'),
  ),
  updatedAt: TimestampSchema,
});

/** A help-center category with its name per locale. */
export const CategorySchema = v.object({
  id: IdSchema,
  slug: SlugSchema,
  names: v.record(LocaleSchema, v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
  order: int32Schema(-INT32_MAX),
});

/** One search result, most relevant first. `snippet` is plain text; `highlights` are [start, end) offsets into it. */
export const SearchHitSchema = v.object({
  articleId: IdSchema,
  slug: SlugSchema,
  locale: LocaleSchema,
  title: v.string(),
  snippet: v.string(),
  highlights: v.array(v.tuple([v.number(), v.number()])),
  score: v.number(),
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
export type ArticleTranslation = v.InferOutput<typeof ArticleTranslationSchema>;
export type ArticleInput = v.InferOutput<typeof ArticleInputSchema>;
export type Category = v.InferOutput<typeof CategorySchema>;
export type SearchHit = v.InferOutput<typeof SearchHitSchema>;
