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
  it('compares lists of objects by id', () => {
    const a = {
      forms: [
        { id: 'a', title: { en: 'A' } },
        { id: 'old', title: { en: 'O' } },
      ],
    };
    const b = {
      forms: [
        { id: 'new', title: { en: 'N' } },
        { id: 'a', title: { en: 'B' } },
      ],
    };
    expect(formatDiff(diffConfig(a, b))).toBe(
      [
        '~ forms["a"].title.en: "A" → "B"',
        '- forms["old"]: {"id":"old","title":{"en":"O"}}',
        '+ forms["new"]: {"id":"new","title":{"en":"N"}}',
      ].join('\n'),
    );
  });
  it('compares other lists of objects item by item', () => {
    const a = { social: [{ network: 'x', url: 'https://x.com/a' }] };
    const b = { social: [{ network: 'x', url: 'https://x.com/b' }] };
    expect(diffConfig(a, b)).toEqual([
      { path: 'social[0].url', kind: 'changed', before: '"https://x.com/a"', after: '"https://x.com/b"' },
    ]);
  });
  it('says so when nothing changed', () => {
    expect(formatDiff(diffConfig({ a: 1 }, { a: 1 }))).toBe('No changes.');
  });
});
