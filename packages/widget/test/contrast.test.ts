import { describe, expect, it } from 'vitest';
import { brandPalette, contrast, ensureContrast } from '../src/theme/contrast';

describe('brand colour contrast', () => {
  it('measures WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#2557d6', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('keeps a brand colour that is already readable', () => {
    expect(brandPalette('#2557d6')).toMatchObject({ fill: '#2557d6', onFill: '#ffffff', onLight: '#2557d6' });
  });

  it('puts dark text on a light brand colour, and darkens it as text on white', () => {
    const p = brandPalette('#ffd400');
    expect(p.onFill).toBe('#111111');
    expect(contrast(p.fill, p.onFill)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(p.onLight, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(p.onDark, '#1c1d21')).toBeGreaterThanOrEqual(4.5);
  });

  it('corrects a mid-tone brand colour that neither white nor black text reads well on', () => {
    for (const brand of ['#ff7a00', '#3cb371', '#8a8a8a', '#e91e63', '#00bcd4']) {
      const p = brandPalette(brand);
      expect(contrast(p.fill, p.onFill), brand).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.onLight, '#ffffff'), brand).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.onDark, '#1c1d21'), brand).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('moves a colour as little as needed', () => {
    const fixed = ensureContrast('#7f9fff', '#ffffff');
    expect(contrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(fixed, '#ffffff')).toBeLessThan(6);
  });
});
