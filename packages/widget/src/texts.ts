// Every text the widget shows, with its English default. Site owners override any key per locale through the
// config (`texts: { en: { 'home.intro': '…' } }`). `{name}` placeholders are filled in; keys ending in a plural
// category (`.one`, `.few`, `.other`…) are picked with `Intl.PluralRules`.

import EN from './i18n/en';
import EN_HELP from './i18n/enHelp';
import EN_PROACTIVE from './i18n/enProactive';
import EN_THREAD from './i18n/enThread';
import EN_VIEWS from './i18n/enViews';

/** English defaults of every widget text, by key. */
export const TEXTS = { ...EN, ...EN_HELP, ...EN_THREAD, ...EN_VIEWS, ...EN_PROACTIVE } as const;

/** A text key of the widget. */
export type TextKey = keyof typeof TEXTS;

/** Every text key, for validating `texts` overrides (keys ending in a plural category take the other ones too). */
export const TEXT_KEYS = Object.keys(TEXTS) as TextKey[];
