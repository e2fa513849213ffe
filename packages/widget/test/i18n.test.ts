import { describe, expect, it } from 'vitest';
import ar from '../src/i18n/ar';
import cs from '../src/i18n/cs';
import hu from '../src/i18n/hu';
import { chooseLocale, I18n, LOCALES, supportedLocale } from '../src/i18n/i18n';
import lv from '../src/i18n/lv';
import zh from '../src/i18n/zh';
import { TEXT_KEYS, TEXTS } from '../src/texts';

const locales: Record<string, Record<string, string>> = { cs, lv, hu, zh, ar };
const PLURAL = /\.(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('choosing the locale', () => {
  it('prefers an explicit choice, then the page lang, then the browser, then the site default', () => {
    expect(chooseLocale('ar', ['en'], 'en', 'cs', ['hu'])).toBe('ar');
    expect(chooseLocale(undefined, ['en', 'cs', 'hu'], 'en', 'cs-CZ', ['hu'])).toBe('cs');
    expect(chooseLocale(undefined, ['en', 'cs', 'hu'], 'en', 'de', ['fr-FR', 'hu-HU'])).toBe('hu');
    expect(chooseLocale(undefined, ['en', 'lv'], 'lv', 'de', ['fr'])).toBe('lv');
    expect(chooseLocale(undefined, ['en'], 'xx', null, [])).toBe('en');
  });

  it('only follows the page and the browser into languages the site enabled', () => {
    expect(chooseLocale(undefined, ['en'], 'en', 'cs', ['cs'])).toBe('en');
  });

  it('maps regional and script tags to the shipped language', () => {
    expect(supportedLocale('zh-Hans-CN')).toBe('zh');
    expect(supportedLocale('lv_LV')).toBe('lv');
    expect(supportedLocale('de')).toBeUndefined();
    expect(LOCALES).toEqual(['en', 'cs', 'lv', 'hu', 'zh', 'ar']);
  });
});

describe('translations', () => {
  for (const [locale, texts] of Object.entries(locales)) {
    it(`${locale} has every text, with the same placeholders as English`, () => {
      const rules = new Intl.PluralRules(locale === 'zh' ? 'zh-Hans' : locale);
      for (const key of TEXT_KEYS) {
        const base = key.replace(PLURAL, '');
        if (PLURAL.test(key)) {
          // Every plural category of the language, or at least `other`.
          for (const form of rules.resolvedOptions().pluralCategories)
            expect(
              texts[`${base}.${form}`] ?? texts[`${base}.other`],
              `${locale} ${base}.${form}`,
            ).toBeTypeOf('string');
          continue;
        }
        expect(texts[key], `${locale} ${key}`).toBeTypeOf('string');
        const english = (TEXTS as Record<string, string>)[key]!;
        expect(placeholders(texts[key]!), `${locale} ${key}`).toEqual(placeholders(english));
      }
      for (const key of Object.keys(texts)) {
        const known = PLURAL.test(key) ? `${key.replace(PLURAL, '')}.other` : key;
        expect(TEXT_KEYS as string[], `${locale}: unknown key ${key}`).toContain(known);
      }
    });
  }

  it('fills placeholders, picks plural forms with Intl and applies overrides', async () => {
    const i18n = new I18n();
    expect(i18n.p('launcher.unread', 1)).toBe('1 unread message');
    expect(i18n.p('launcher.unread', 3)).toBe('3 unread messages');
    await i18n.set('cs');
    expect(i18n.p('launcher.unread', 1)).toBe('1 nepřečtená zpráva');
    expect(i18n.p('launcher.unread', 3)).toBe('3 nepřečtené zprávy');
    expect(i18n.p('launcher.unread', 5)).toBe('5 nepřečtených zpráv');
    i18n.overrides.value = { cs: { 'home.intro': 'Jak pomoci?' } };
    expect(i18n.t('home.intro')).toBe('Jak pomoci?');
    i18n.pageOverrides.value = { 'home.intro': 'Na této stránce' };
    expect(i18n.t('home.intro')).toBe('Na této stránce');
    await i18n.set('ar');
    expect(i18n.dir.value).toBe('rtl');
    expect(i18n.p('launcher.unread', 2)).toBe('رسالتان غير مقروءتين');
  });
});
