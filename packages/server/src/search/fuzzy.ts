/**
 * Typo correction for a word the index does not know: indexed words of about the same length that start with the
 * same letter and are one edit away (insert, delete, substitute, swap two neighbours). Only unknown words are
 * corrected, so a correct word is never diluted by its neighbours.
 */
export function fuzzyCandidates(
  term: string,
  vocabulary: readonly string[],
  surfaces: ReadonlyMap<string, [string, number]>,
): string[] {
  if (term.length < 5) return [];
  const out = new Set<string>();
  // The vocabulary is sorted: words starting with the same letter are one contiguous run.
  const first = term[0]!;
  let lo = 0;
  let hi = vocabulary.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocabulary[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < vocabulary.length && vocabulary[i]![0] === first; i++) {
    const word = vocabulary[i]!;
    if (Math.abs(word.length - term.length) <= 1 && withinOneEdit(term, word)) out.add(surfaces.get(word)![0]);
    if (out.size >= 5) break;
  }
  out.delete(term);
  return [...out];
}

/** Damerau–Levenshtein distance ≤ 1, without building a matrix. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
