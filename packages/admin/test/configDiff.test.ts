import { diffConfig, formatDiff } from '@frontdesk/admin';
import { describe, expect, it } from 'vitest';

describe('diffConfig', () => {
  it('lists added, removed and changed keys by path', () => {
    const before = { name: 'Shop', theme: { brandColor: '#111111' }, greeting: { en: 'Hi' } };
    const after = { name: 'Shop', theme: { brandColor: '#222222' }, away: { askEmail: false } };
    expect(formatDiff(diffConfig(before, after))).toBe(
      [
        '~ theme.brandColor: "#111111" → "#222222"',
        '- greeting: {"en":"Hi"}',
        '+ away: {"askEmail":false}',
      ].join('\n'),
    );
  });
  it('compares lists of objects item by item', () => {
    const a = { forms: [{ id: 'a', title: { en: 'A' } }] };
    const b = { forms: [{ id: 'a', title: { en: 'B' } }] };
    expect(diffConfig(a, b)).toEqual([
      { path: 'forms[0].title.en', kind: 'changed', before: '"A"', after: '"B"' },
    ]);
  });
  it('says so when nothing changed', () => {
    expect(formatDiff(diffConfig({ a: 1 }, { a: 1 }))).toBe('No changes.');
  });
});
