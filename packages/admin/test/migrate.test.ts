import { migrateConfig, validateSiteConfig } from '@frontdesk/admin';
import { describe, expect, it } from 'vitest';

const v0 = {
  version: 0,
  name: 'Shop',
  brandColor: '#112233',
  defaultLocale: 'cs',
  locales: ['cs', 'en'],
  welcomeMessage: 'Ahoj!',
  offlineMessage: 'Jsme pryč.',
  csat: false,
  businessHours: { tz: 'Europe/Prague', hours: { mon: '09:00-17:00', tue: ['09:00-12:00', '13:00-17:00'] } },
};

describe('migrateConfig', () => {
  it('upgrades a version 0 config and notes each change', () => {
    const result = migrateConfig(v0);
    expect(result.from).toBe(0);
    expect(result.notes).toEqual([
      'brandColor moved to theme.brandColor',
      'welcomeMessage moved to greeting',
      'offlineMessage moved to away.message',
      'locales (a list) moved to locales.enabled',
      'defaultLocale moved to locales.default',
      'csat moved to rating.csat',
      'businessHours.tz renamed to businessHours.timeZone',
      'businessHours.hours ("09:00-17:00") became businessHours.week ([["09:00", "17:00"]])',
      'version set to 1',
    ]);
    expect(result.config).toEqual({
      version: 1,
      name: 'Shop',
      theme: { brandColor: '#112233' },
      greeting: { cs: 'Ahoj!' },
      away: { message: { cs: 'Jsme pryč.' } },
      locales: { default: 'cs', enabled: ['cs', 'en'] },
      rating: { csat: false },
      businessHours: {
        timeZone: 'Europe/Prague',
        week: {
          mon: [['09:00', '17:00']],
          tue: [
            ['09:00', '12:00'],
            ['13:00', '17:00'],
          ],
        },
      },
    });
  });

  it('leaves the input object untouched', () => {
    const copy = structuredClone(v0);
    migrateConfig(v0);
    expect(v0).toEqual(copy);
  });

  it('validates a migrated config and keeps the notes', () => {
    const report = validateSiteConfig(v0);
    expect(report.ok).toBe(true);
    expect(report.from).toBe(0);
    expect(report.notes).toHaveLength(9);
    expect(report.config?.theme.brandColor).toBe('#112233');
  });

  it('changes nothing in a current config', () => {
    const result = migrateConfig({ version: 1, name: 'Shop' });
    expect(result).toEqual({ config: { version: 1, name: 'Shop' }, from: 1, notes: [] });
  });
});
