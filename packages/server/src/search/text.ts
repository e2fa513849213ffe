const MARKS = /\p{M}+/gu;

/** Fold one string for matching: lowercase, diacritics removed ("Příliš" → "prilis"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/**
 * Fold `text` character by character, keeping a map from each folded position back to the original, so match
 * offsets found in folded text can be reported in the original.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = fold(char);
    for (let i = 0; i < f.length; i++) map.push(index);
    folded += f;
    index += char.length;
  }
  map.push(index);
  return { folded, map };
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Is this locale written without spaces between words (segmented with `Intl.Segmenter`)? */
export function needsSegmenter(locale: string): boolean {
  return /^(zh|ja|th|lo|km|my)\b/.test(locale);
}

/** Split text into words: `Intl.Segmenter` for Chinese and similar scripts, letters and digits otherwise. */
export function tokenize(text: string, locale: string): string[] {
  if (needsSegmenter(locale)) {
    let segmenter = segmenters.get(locale);
    if (!segmenter) {
      segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
      segmenters.set(locale, segmenter);
    }
    const words: string[] = [];
    for (const part of segmenter.segment(text)) if (part.isWordLike) words.push(part.segment);
    return words;
  }
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Markdown to plain text, good enough for indexing and snippets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/[*_`>~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
