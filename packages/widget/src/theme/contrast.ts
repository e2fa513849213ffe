// WCAG contrast: the brand colour is only a wish; what reaches the screen is corrected until text on it (and it
// as text on the panel background) reaches 4.5:1.

type Rgb = [number, number, number];

const parse = (hex: string): Rgb => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const x = luminance(a) + 0.05;
  const y = luminance(b) + 0.05;
  return x > y ? x / y : y / x;
}

/** Mix `hex` towards `target` by `amount` (0–1). */
const mix = (hex: string, target: string, amount: number) => {
  const a = parse(hex);
  const b = parse(target);
  return toHex(a.map((c, i) => c + (b[i]! - c) * amount) as Rgb);
};

/** `color` moved towards black or white, as little as needed, until it contrasts `min`:1 with `against`. */
export function ensureContrast(color: string, against: string, min = 4.5): string {
  if (contrast(color, against) >= min) return color;
  const target = luminance(against) > 0.18 ? '#000000' : '#ffffff';
  for (let step = 1; step <= 20; step++) {
    const next = mix(color, target, step / 20);
    if (contrast(next, against) >= min) return next;
  }
  return target;
}

/** Colours derived from a brand colour: the fill, the text on it, and the brand as text on light and dark. */
export function brandPalette(brand: string): {
  fill: string;
  onFill: string;
  onLight: string;
  onDark: string;
} {
  const onFill = contrast(brand, '#ffffff') >= contrast(brand, '#111111') ? '#ffffff' : '#111111';
  return {
    fill: ensureContrast(brand, onFill),
    onFill,
    onLight: ensureContrast(brand, '#ffffff'),
    onDark: ensureContrast(brand, '#1c1d21'),
  };
}
