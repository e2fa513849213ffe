import { computed, signal } from '@preact/signals-core';
import EN from './en';

/** Languages the widget ships with. English is built in; the others load lazily when chosen. */
export const LOCALES = ['en', 'cs', 'lv', 'hu', 'zh', 'ar'] as const;
export type SupportedLocale = (typeof LOCALES)[number];

type Texts = Record<string, string>;
const loaders: Record<Exclude<SupportedLocale, 'en'>, () => Promise<{ default: Texts }>> = {
  cs: () => import('./cs'),
  lv: () => import('./lv'),
  hu: () => import('./hu'),
  zh: () => import('./zh'),
  ar: () => import('./ar'),
};

/** The supported locale for a BCP 47 tag (`cs-CZ` → `cs`, `zh-Hans-CN` → `zh`), or undefined. */
export function supportedLocale(tag: string | null | undefined): SupportedLocale | undefined {
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === language);
}

/**
 * Pick the locale: an explicit choice first, then the page's `lang`, then the browser's languages (those two only
 * when the site enabled them), then the site's default, then English.
 */
export function chooseLocale(
  explicit: string | undefined,
  enabled: readonly string[],
  fallback: string,
  page: string | null = document.documentElement.lang,
  browser: readonly string[] = navigator.languages,
): SupportedLocale {
  const allowed = new Set(enabled.map(supportedLocale));
  const pick = (tag: string | null | undefined) => {
    const l = supportedLocale(tag);
    return l && allowed.has(l) ? l : undefined;
  };
  return (
    supportedLocale(explicit) ??
    pick(page) ??
    browser.map(pick).find(Boolean) ??
    supportedLocale(fallback) ??
    'en'
  );
}

/** English, the fallback of every text; lazily loaded views add theirs with `I18n.add`. */
const english: Texts = { ...EN };
const cache = new Map<string, Texts>([['en', english]]);

/** Load a locale's texts (cached). */
export async function loadTexts(locale: SupportedLocale): Promise<Texts> {
  const hit = cache.get(locale);
  if (hit) return hit;
  const texts = (await loaders[locale as Exclude<SupportedLocale, 'en'>]()).default;
  cache.set(locale, texts);
  return texts;
}

/** Translations of one widget: current locale, its texts, the site's overrides; `t` and `p` re-render on change. */
export class I18n {
  readonly locale = signal<SupportedLocale>('en');
  private readonly texts = signal<Texts>(english);
  /** Site overrides per locale (`config.texts`) and this page's overrides (`texts` boot option). */
  readonly overrides = signal<Record<string, Record<string, string>>>({});
  readonly pageOverrides = signal<Record<string, string>>({});
  /** Arabic is the one right-to-left language shipped. */
  readonly dir = computed(() => (this.locale.value === 'ar' ? 'rtl' : 'ltr'));
  /** Intl tag: Chinese is Simplified. */
  readonly tag = computed(() => (this.locale.value === 'zh' ? 'zh-Hans' : this.locale.value));
  private readonly plural = computed(() => new Intl.PluralRules(this.tag.value));
  private seq = 0;

  /** Add the English texts of a lazily loaded view (the fallback for keys a locale lacks). */
  add(texts: Texts): void {
    Object.assign(english, texts);
  }

  /** Switch to `locale`, loading its texts first so the view never shows keys. */
  async set(locale: SupportedLocale): Promise<void> {
    const mine = ++this.seq;
    const texts = await loadTexts(locale);
    if (mine !== this.seq) return;
    this.texts.value = texts;
    this.locale.value = locale;
  }

  private raw(key: string): string | undefined {
    const locale = this.locale.value;
    return (
      this.pageOverrides.value[key] ??
      this.overrides.value[locale]?.[key] ??
      this.texts.value[key] ??
      english[key]
    );
  }

  /** The text for `key` with `{name}` placeholders filled in. */
  t = (key: string, vars?: Record<string, string | number>): string => {
    const text = this.raw(key) ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };

  /** The plural form of `key` for `n` (`key.one`, `key.few`, … falling back to `key.other`). */
  p = (key: string, n: number, vars?: Record<string, string | number>): string => {
    const full = `${key}.${this.plural.value.select(n)}`;
    return this.t(this.raw(full) === undefined ? `${key}.other` : full, {
      n: n.toLocaleString(this.tag.value),
      ...vars,
    });
  };

  /** A time (today) or a short date and time, in the visitor's locale. */
  time = (iso: string): string => {
    const d = new Date(iso);
    return d.toLocaleString(this.tag.value, {
      ...(new Date().toDateString() === d.toDateString() ? {} : { month: 'short', day: 'numeric' }),
      hour: 'numeric',
      minute: '2-digit',
    });
  };
}
