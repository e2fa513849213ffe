import type * as v from 'valibot';
import { LocalizedTextSchema } from './common';
import { SiteConfigSchema } from './config';
import type { Issue } from './validate';
import { formatPath } from './validate';

type AnySchema = v.GenericSchema & {
  type: string;
  wrapped?: AnySchema;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  value?: AnySchema;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One warning per text meant for visitors (form titles, field labels, greeting, away message…) that lacks a
 * locale of `locales.enabled`: visitors reading that language would get another language's text there. Found by
 * walking the config alongside its schema, so every per-locale text is covered, including ones added later.
 */
export function missingTranslations(config: unknown): Issue[] {
  if (!isRecord(config)) return [];
  const locales = isRecord(config.locales) ? config.locales : {};
  const enabled = Array.isArray(locales.enabled)
    ? locales.enabled.filter((l) => typeof l === 'string')
    : ['en'];
  const def = typeof locales.default === 'string' ? locales.default : 'en';
  const out: Issue[] = [];
  // Locales listed in the order the site enabled them (stored configs may reorder keys).
  const rank = (l: string) => (enabled.includes(l) ? enabled.indexOf(l) : enabled.length);
  const walk = (schema: AnySchema, value: unknown, keys: PropertyKey[]) => {
    let s = schema;
    while ((s.type === 'optional' || s.type === 'nullable' || s.type === 'nullish') && s.wrapped)
      s = s.wrapped;
    if (s === (LocalizedTextSchema as unknown as AnySchema)) {
      if (!isRecord(value)) return;
      const given = Object.keys(value)
        .filter((l) => typeof value[l] === 'string' && value[l] !== '')
        .sort((a, b) => rank(a) - rank(b));
      if (!given.length) return;
      // What the widget shows instead: the site's default locale's text, else the first there is.
      const shown = given.includes(def) ? def : given[0];
      for (const locale of enabled) {
        if (given.includes(locale)) continue;
        const path = formatPath([...keys, locale]);
        const expected = `text in "${locale}" (an enabled locale)`;
        const received = `only ${given.map((l) => `"${l}"`).join(', ')}`;
        out.push({
          path,
          expected,
          received,
          suggestion: `translate it, or visitors reading ${locale} see the ${shown} text`,
          message: `${path}: expected ${expected}, found ${received}; translate it, or visitors reading ${locale} see the ${shown} text`,
        });
      }
    } else if (s.entries && isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        const entry = s.entries[key];
        if (entry) walk(entry, inner, [...keys, key]);
      }
    } else if (s.item && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (s.item) walk(s.item, item, [...keys, i]);
      });
    }
  };
  walk(SiteConfigSchema as unknown as AnySchema, config, []);
  // Text overrides (`texts.<locale>.<key>`): one made for some enabled locales but not the others leaves those
  // visitors with the widget's own wording, which may no longer fit.
  const texts = isRecord(config.texts) ? config.texts : {};
  const keys = new Set(Object.values(texts).flatMap((byKey) => (isRecord(byKey) ? Object.keys(byKey) : [])));
  for (const key of keys) {
    const given = Object.keys(texts).filter((l) => isRecord(texts[l]) && typeof texts[l][key] === 'string');
    for (const locale of enabled) {
      if (given.includes(locale)) continue;
      const path = `texts.${locale}.${key}`;
      const expected = `an override in "${locale}" (an enabled locale), like the one in ${given.map((l) => `"${l}"`).join(', ')}`;
      const suggestion = `add it, or visitors reading ${locale} see the widget's own text`;
      out.push({
        path,
        expected,
        received: 'nothing',
        suggestion,
        message: `${path}: expected ${expected}, found nothing; ${suggestion}`,
      });
    }
  }
  return out;
}
