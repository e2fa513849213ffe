/**
 * A light Czech stemmer (Dolamic & Savoy's "light" case-suffix remover, as in Lucene's CzechStemmer) working on
 * diacritic-folded words. Hand-written because no well-kept npm package ships a Czech Snowball stemmer (Snowball
 * itself has none); it only strips case and possessive endings, which is what recall needs.
 */
const CASE: Array<[number, string[]]> = [
  [7, ['atech']],
  [6, ['etem', 'atum']],
  [
    5,
    ['ech', 'ich', 'eho', 'emi', 'emu', 'ete', 'eti', 'iho', 'imi', 'imu', 'ach', 'ata', 'aty', 'ych', 'ama']
      .concat(['ami', 'ove', 'ovi', 'ymi']),
  ],
  [4, ['em', 'es', 'im', 'um', 'at', 'am', 'os', 'us', 'ym', 'mi', 'ou']],
  [3, ['a', 'e', 'i', 'o', 'u', 'y']],
];

/** Stem one folded Czech word ("vraceni" → "vracen", "objednavky" → "objednavk"). */
export function stemCzech(word: string): string {
  let w = word;
  for (const [min, endings] of CASE) {
    const hit = w.length > min ? endings.find((e) => w.endsWith(e)) : undefined;
    if (hit) {
      w = w.slice(0, -hit.length);
      break;
    }
  }
  if (w.length > 5 && (w.endsWith('ov') || w.endsWith('in') || w.endsWith('uv'))) w = w.slice(0, -2);
  return w;
}
