import * as v from 'valibot';

/** Largest value of a stored counter, order or version (PostgreSQL `int`). */
export const INT32_MAX = 2_147_483_647;

/** A whole number from `min` to {@link INT32_MAX} (what a PostgreSQL `int` column holds). */
export function int32Schema(min = 0) {
  return v.pipe(
    v.number(),
    v.integer(),
    v.minValue(min),
    v.maxValue(INT32_MAX, `a whole number of at most ${INT32_MAX}`),
  );
}

/** A server-assigned identifier. */
export const IdSchema = v.pipe(
  v.string('a string id'),
  v.minLength(1, 'a non-empty id'),
  v.maxLength(64, 'an id of at most 64 characters'),
);

/**
 * A client-generated id carried by every command, so that a retry or a replay is the same request.
 * 8–64 characters of letters, digits, `_` and `-` (a UUID fits).
 */
export const ClientIdSchema = v.pipe(
  v.string('a client id string'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'a client id of 8–64 letters, digits, "_" or "-"'),
);

/** An ISO 8601 timestamp in UTC, e.g. `2026-11-23T18:10:00.000Z`. */
export const TimestampSchema = v.pipe(v.string('an ISO timestamp'), v.isoTimestamp('an ISO 8601 timestamp'));

/** A BCP 47 language tag such as `en`, `cs`, `zh-Hans` or `pt-BR`. */
export const LocaleSchema = v.pipe(
  v.string('a locale tag'),
  v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale tag like "en" or "zh-Hans"'),
);

/** Text given per locale: `{ en: "Hello", cs: "Dobrý den" }`. At least one locale. */
export const LocalizedTextSchema = v.pipe(
  v.record(LocaleSchema, v.pipe(v.string('text'), v.maxLength(5000, 'text of at most 5000 characters'))),
  v.check((value) => Object.keys(value).length > 0, 'text in at least one locale'),
);

/** Free-form attributes attached to a visitor or event; flat values only. */
export const AttributesSchema = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an attribute name of 1–64 letters, digits, "_", "." or "-"'),
    ),
    v.nullable(v.union([v.pipe(v.string(), v.maxLength(1000)), v.number(), v.boolean()])),
  ),
  v.check((value) => Object.keys(value).length <= 100, 'at most 100 attributes'),
);

/** The page a visitor is on, passed to agents as context. */
export const PageSchema = v.object({
  // Agents open it from the console: only web pages, never javascript: or data: URLs.
  url: v.pipe(
    v.string('a URL'),
    v.url('an absolute URL'),
    v.regex(/^https?:\/\//i, 'an http or https URL'),
    v.maxLength(2048),
  ),
  title: v.optional(v.pipe(v.string(), v.maxLength(500))),
  referrer: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});

export type Id = v.InferOutput<typeof IdSchema>;
export type ClientId = v.InferOutput<typeof ClientIdSchema>;
export type Timestamp = v.InferOutput<typeof TimestampSchema>;
export type Locale = v.InferOutput<typeof LocaleSchema>;
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
export type Attributes = v.InferOutput<typeof AttributesSchema>;
export type Page = v.InferOutput<typeof PageSchema>;

/** Pick the text for `locale` from localized text, falling back to its language, then `fallback`, then any. */
export function localize(text: LocalizedText | undefined, locale: string, fallback = 'en'): string {
  if (!text) return '';
  const language = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[language] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
