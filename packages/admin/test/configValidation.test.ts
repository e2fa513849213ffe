import { validateSiteConfig } from '@frontdesk/admin';
import { describe, expect, it } from 'vitest';

const form = (
  id: string,
  fields: unknown[] = [{ name: 'email', type: 'email', label: { en: 'Email' } }],
) => ({
  id,
  module: 'question',
  title: { en: 'Contact' },
  fields,
});

function messages(input: unknown): string[] {
  return validateSiteConfig(input).issues.map((i) => i.message);
}

describe('validateSiteConfig', () => {
  it('accepts a minimal config and fills in every default', () => {
    const report = validateSiteConfig({ name: 'Shop' });
    expect(report.ok).toBe(true);
    expect(report.config?.theme.brandColor).toBe('#2557d6');
    expect(report.config?.locales).toEqual({ default: 'en', enabled: ['en'] });
  });

  it('reports an unknown key with the closest known key', () => {
    const report = validateSiteConfig({ name: 'Shop', theme: { brandColour: '#123456' } });
    expect(report.issues).toEqual([
      {
        path: 'theme.brandColour',
        expected: 'a known key',
        received: 'unknown key "brandColour"',
        suggestion: 'did you mean "brandColor"?',
        message:
          'theme.brandColour: expected a known key, found unknown key "brandColour"; did you mean "brandColor"?',
      },
    ]);
  });

  it('lists the known keys when no key is close', () => {
    expect(messages({ name: 'Shop', rating: { stars: true } })).toEqual([
      'rating.stars: expected a known key, found unknown key "stars"; known keys here: csat, nps, askWhen',
    ]);
  });

  it('finds unknown keys inside forms, whose schema is not strict', () => {
    expect(
      messages({
        name: 'Shop',
        forms: [form('contact', [{ name: 'email', type: 'email', label: { en: 'E' }, requried: true }])],
      }),
    ).toEqual([
      'forms[0].fields[0].requried: expected a known key, found unknown key "requried"; did you mean "required"?',
    ]);
  });

  it('names path, expectation and finding for wrong types and values', () => {
    expect(messages({ name: '', theme: { mode: 'darkk', offsetX: 1000, brandColor: 'blue' } })).toEqual([
      'name: expected a non-empty name, found ""',
      'theme.mode: expected ("light" | "dark" | "auto"), found "darkk"',
      'theme.offsetX: expected <=400, found 1000',
      'theme.brandColor: expected a hex colour like #1a73e8, found "blue"',
    ]);
  });

  it('reports a missing required key', () => {
    expect(messages({})).toEqual(['name: expected a value (the key is required), found nothing']);
  });

  it('reports a language code that is not a language, with the usual fix', () => {
    expect(messages({ name: 'Shop', locales: { default: 'en', enabled: ['en', 'cz'] } })).toEqual([
      'locales.enabled[1]: expected a known language code (ISO 639) like "en" or "cs", found "cz"; did you mean "cs"?',
    ]);
  });

  it('reports a malformed locale tag', () => {
    expect(messages({ name: 'Shop', locales: { enabled: ['EN'] } })).toEqual([
      'locales.enabled[0]: expected a BCP 47 locale tag like "en" or "zh-Hans", found "EN"',
    ]);
  });

  it('reports a default locale that is not enabled', () => {
    expect(messages({ name: 'Shop', locales: { default: 'de', enabled: ['en', 'cs'] } })).toEqual([
      'locales.default: expected one of the enabled locales (en, cs), found "de"; add "de" to locales.enabled',
    ]);
  });

  it('reports texts for a locale that is not enabled', () => {
    expect(messages({ name: 'Shop', texts: { de: { 'home.greeting': 'Hallo' } } })).toEqual([
      'texts.de: expected texts for an enabled locale (en), found "de"; add "de" to locales.enabled or remove these texts',
    ]);
  });

  it('reports a time zone that does not exist, with the closest one', () => {
    expect(messages({ name: 'Shop', businessHours: { timeZone: 'Europe/Prag', week: {} } })).toEqual([
      'businessHours.timeZone: expected an IANA time zone like "Europe/Prague", found "Europe/Prag"; did you mean "Europe/Prague"?',
    ]);
  });

  it('reports business hours that overlap', () => {
    const week = {
      mon: [
        ['09:00', '12:00'],
        ['11:30', '17:00'],
      ],
    };
    expect(messages({ name: 'Shop', businessHours: { timeZone: 'Europe/Prague', week } })).toEqual([
      'businessHours.week.mon[1]: expected an interval that does not overlap mon[0] (09:00–12:00), found "11:30–17:00"; merge the two intervals into one',
    ]);
  });

  it('reports an interval that ends before it starts', () => {
    const week = { tue: [['17:00', '09:00']], wed: [['09:00', '00:00']] };
    expect(messages({ name: 'Shop', businessHours: { timeZone: 'UTC', week } })).toEqual([
      'businessHours.week.tue[0]: expected an interval whose end is after its start, found "17:00–09:00"',
      'businessHours.week.wed[0]: expected an interval whose end is after its start, found "09:00–00:00"; write midnight as "23:59"',
    ]);
  });

  it('reports a malformed time', () => {
    const week = { mon: [['9:00', '17:00']] };
    expect(messages({ name: 'Shop', businessHours: { timeZone: 'UTC', week } })).toEqual([
      'businessHours.week.mon[0][0]: expected a 24-hour time like "09:00", found "9:00"',
    ]);
  });

  it('reports forms referenced but not defined, with the closest id', () => {
    expect(
      messages({
        name: 'Shop',
        preChatFormId: 'contat',
        channels: {
          email: { enabled: true, formId: 'support' },
          phone: { enabled: true, callbackFormId: 'call' },
        },
        forms: [form('contact')],
      }),
    ).toEqual([
      'preChatFormId: expected the id of a form in forms (contact), found "contat"; did you mean "contact"?',
      'channels.email.formId: expected the id of a form in forms (contact), found "support"; add a form with id "support" to forms',
      'channels.phone.callbackFormId: expected the id of a form in forms (contact), found "call"; add a form with id "call" to forms',
    ]);
  });

  it('reports a form reference when no forms exist', () => {
    expect(messages({ name: 'Shop', preChatFormId: 'intro' })).toEqual([
      'preChatFormId: expected the id of a form defined in forms, found "intro"; add a form with id "intro" to forms',
    ]);
  });

  it('reports duplicate form ids and field names', () => {
    const fields = [
      { name: 'email', type: 'email', label: { en: 'Email' } },
      { name: 'email', type: 'text', label: { en: 'Other' } },
    ];
    expect(messages({ name: 'Shop', forms: [form('contact', fields), form('contact')] })).toEqual([
      'forms[0].fields[1].name: expected a field name not used by fields[0] of the same form, found "email"; give each field of a form its own name',
      'forms[1].id: expected a form id not used by forms[0], found "contact"',
    ]);
  });

  it('reports a select field without options and min above max', () => {
    const fields = [
      { name: 'reason', type: 'select', label: { en: 'Reason' } },
      { name: 'qty', type: 'number', label: { en: 'Quantity' }, min: 5, max: 1 },
    ];
    expect(messages({ name: 'Shop', forms: [form('returns', fields)] })).toEqual([
      'forms[0].fields[0].options: expected at least one option for a select field, found nothing',
      'forms[0].fields[1].max: expected a number of at least min (5), found 1',
    ]);
  });

  it('reports every problem at once, in the order of the file', () => {
    const report = validateSiteConfig({
      name: 'Shop',
      theme: { mode: 'dim' },
      locales: { enabled: ['en', 'jp'] },
      preChatFormId: 'nope',
      webhooks: [{ url: 'not a url', events: [] }],
    });
    expect(report.issues.map((i) => i.path)).toEqual([
      'theme.mode',
      'locales.enabled[1]',
      'preChatFormId',
      'webhooks[0].url',
      'webhooks[0].events',
    ]);
    expect(report.issues.at(-1)?.message).toBe(
      'webhooks[0].events: expected at least one event, found an array of 0',
    );
  });

  it('reports an unknown widget text key with the closest one, when the keys are known', () => {
    const input = { name: 'Shop', texts: { en: { 'home.greting': 'Hello', 'launcher.unread.few': '{n}' } } };
    expect(validateSiteConfig(input).ok).toBe(true);
    expect(
      validateSiteConfig(input, {
        textKeys: ['home.greeting', 'launcher.unread.one', 'launcher.unread.other'],
      }).issues.map((i) => i.message),
    ).toEqual([
      'texts.en.home.greting: expected a text key of the widget, found "home.greting"; did you mean "home.greeting"?',
    ]);
  });

  it('tells a newer config format apart from a broken one', () => {
    expect(messages({ name: 'Shop', version: 7 })).toEqual([
      'version: expected config version 1, found 7; this config is for a newer @frontdesk/admin; upgrade it',
    ]);
  });
});
