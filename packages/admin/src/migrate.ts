import { CONFIG_VERSION } from '@frontdesk/protocol';

/** What a migration changed, e.g. `brandColor moved to theme.brandColor`. */
export interface MigrationResult {
  /** The config in the current format (a new object; the input is not changed). */
  config: unknown;
  /** Version the input was written for (`version`, or the current one when absent). */
  from: number;
  /** One line per change, in the order applied. Empty when nothing changed. */
  notes: string[];
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each step upgrades from version `n` to `n + 1`. */
const STEPS: Record<number, (config: Json, notes: string[]) => Json> = {
  // Version 0: the preview format, with flat theme and locale keys and hours written as "09:00-17:00".
  0(config, notes) {
    const out: Json = { ...config };
    const move = (from: string, to: string[], map: (value: unknown) => unknown = (x) => x) => {
      if (!(from in out)) return;
      const value = map(out[from]);
      delete out[from];
      let target = out;
      for (const key of to.slice(0, -1)) {
        target[key] = isRecord(target[key]) ? { ...(target[key] as Json) } : {};
        target = target[key] as Json;
      }
      target[to.at(-1) as string] = value;
      notes.push(`${from} moved to ${to.join('.')}`);
    };
    const defaultLocale = typeof out.defaultLocale === 'string' ? out.defaultLocale : 'en';
    const localized = (value: unknown) => (typeof value === 'string' ? { [defaultLocale]: value } : value);
    move('brandColor', ['theme', 'brandColor']);
    move('position', ['theme', 'position']);
    move('welcomeMessage', ['greeting'], localized);
    move('offlineMessage', ['away', 'message'], localized);
    if (Array.isArray(out.locales)) {
      out.locales = { enabled: out.locales };
      notes.push('locales (a list) moved to locales.enabled');
    }
    move('defaultLocale', ['locales', 'default']);
    move('csat', ['rating', 'csat']);
    const hours = out.businessHours;
    if (isRecord(hours)) {
      const next: Json = { ...hours };
      if ('tz' in next) {
        next.timeZone = next.tz;
        delete next.tz;
        notes.push('businessHours.tz renamed to businessHours.timeZone');
      }
      if (isRecord(next.hours)) {
        const week: Json = {};
        for (const [day, value] of Object.entries(next.hours)) {
          const list = Array.isArray(value) ? value : [value];
          week[day] = list.map((range) =>
            typeof range === 'string' ? range.split('-').map((part) => part.trim()) : range,
          );
        }
        next.week = week;
        delete next.hours;
        notes.push('businessHours.hours ("09:00-17:00") became businessHours.week ([["09:00", "17:00"]])');
      }
      out.businessHours = next;
    }
    out.version = 1;
    notes.push('version set to 1');
    return out;
  },
};

/**
 * Upgrade a config written for an older format version to the current one ({@link CONFIG_VERSION}), noting
 * every change. Configs without `version` are taken as current; unknown versions are left for validation to
 * report.
 */
export function migrateConfig(input: unknown): MigrationResult {
  if (!isRecord(input) || typeof input.version !== 'number') {
    return { config: input, from: CONFIG_VERSION, notes: [] };
  }
  const from = input.version;
  let config: Json = input;
  const notes: string[] = [];
  let version = from;
  while (version < CONFIG_VERSION) {
    const step = STEPS[version];
    if (!step) break;
    config = step(config, notes);
    version++;
  }
  return { config, from, notes };
}
