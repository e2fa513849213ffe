import { missingTranslations, validateConfig } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const config = {
  name: 'Shop',
  locales: { default: 'en', enabled: ['en', 'cs', 'ar'] },
  greeting: { en: 'Hi', cs: 'Ahoj', ar: 'مرحبا' },
  away: { message: { en: 'Away', cs: 'Pryč' } },
  forms: [
    {
      id: 'contact',
      module: 'question',
      title: { en: 'Something broke?' },
      fields: [
        { name: 'email', type: 'email', label: { en: 'Email', cs: 'E-mail', ar: 'البريد' } },
        {
          name: 'topic',
          type: 'select',
          label: { en: 'Topic', cs: 'Téma', ar: 'الموضوع' },
          errorText: { en: 'Pick one', cs: 'Vyberte' },
          options: [{ value: 'a', label: { en: 'Orders', cs: 'Objednávky', ar: 'الطلبات' } }],
        },
      ],
    },
  ],
};

describe('missing translations', () => {
  it('names every text for visitors that lacks an enabled locale, by path', () => {
    expect(missingTranslations(config).map((w) => w.path)).toEqual([
      'away.message.ar',
      'forms[0].title.cs',
      'forms[0].title.ar',
      'forms[0].fields[1].errorText.ar',
    ]);
    expect(missingTranslations(config)[1]!.message).toBe(
      'forms[0].title.cs: expected text in "cs" (an enabled locale), found only "en"; translate it, or visitors reading cs see the en text',
    );
  });

  it('names text overrides made for some enabled locales but not the others', () => {
    const overridden = {
      ...config,
      texts: { en: { 'home.intro': 'Ask us' }, cs: { 'home.intro': 'Ptejte se' } },
    };
    expect(missingTranslations(overridden).map((w) => w.path)).toContain('texts.ar.home.intro');
    expect(missingTranslations(overridden).find((w) => w.path === 'texts.ar.home.intro')?.message).toBe(
      `texts.ar.home.intro: expected an override in "ar" (an enabled locale), like the one in "en", "cs", found nothing; add it, or visitors reading ar see the widget's own text`,
    );
  });

  it('are warnings of a valid config from validateConfig, not errors', () => {
    const result = validateConfig(config);
    expect(result.ok).toBe(true);
    expect(result.warnings?.map((w) => w.path)).toContain('forms[0].title.ar');
    expect(validateConfig({ name: 'Shop', greeting: { en: 'Hi' } }).warnings).toEqual([]);
  });
});
