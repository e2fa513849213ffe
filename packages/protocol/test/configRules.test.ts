import { closest, editDistance, isKnownLocale, validateConfig } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

// The full rule set with every message is tested in packages/admin/test/configValidation.test.ts.
describe('validateConfig', () => {
  it('returns the config with defaults when it is valid', () => {
    const result = validateConfig({ name: 'Shop' });
    expect(result.ok && result.value.theme.mode).toBe('auto');
  });
  it('reports schema and cross-field issues together, with suggestions', () => {
    const result = validateConfig({ name: 'Shop', theme: { colour: '#123456' }, preChatFormId: 'intro' });
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.suggestion])).toEqual([
      [
        'theme.colour',
        'known keys here: brandColor, mode, position, offsetX, offsetY, zIndex, panelWidth, panelHeight, logoUrl, avatarUrl, hideLauncher',
      ],
      ['preChatFormId', 'add a form with id "intro" to forms'],
    ]);
  });
});

describe('helpers', () => {
  it('measures edit distance and finds likely typos only', () => {
    expect(editDistance('colour', 'color')).toBe(1);
    expect(closest('brandColour', ['brandColor', 'mode'])).toBe('brandColor');
    expect(closest('zzz', ['brandColor', 'mode'])).toBeUndefined();
  });
  it('knows languages from country codes', () => {
    expect(isKnownLocale('cs')).toBe(true);
    expect(isKnownLocale('pt-BR')).toBe(true);
    expect(isKnownLocale('cz')).toBe(false);
  });
});

describe('nesting depth', () => {
  it('refuses a config nested 3,000 deep with one issue naming where (no stack overflow)', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 3000; i++) nested = { a: nested };
    const result = validateConfig({ name: 'Deep', texts: { en: nested } });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(`texts.en${'.a'.repeat(15)}`);
    expect(issues[0]!.expected).toBe('a config nested at most 16 levels deep');
  });
});
