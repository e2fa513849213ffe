import { analyze } from './analyzer';
import { plainText } from './text';

/** A plain-text passage of an article with [start, end) offsets of the words that matched the query. */
export interface Passage {
  text: string;
  highlights: Array<[number, number]>;
}

/** Longest passage shown (characters). */
export const PASSAGE_LENGTH = 160;

/** Split a markdown body into plain-text sentences (lines, list items and sentences), computed once per article. */
export function passagesOf(markdown: string, fallback: string): string[] {
  const out: string[] = [];
  for (const line of markdown.replace(/```[\s\S]*?```/g, '\n').split('\n')) {
    const text = plainText(line);
    if (!text) continue;
    // Sentence ends: Latin punctuation followed by a space, or CJK full stops.
    for (const sentence of text.split(/(?<=[.!?])\s+|(?<=[。！？])/u)) if (sentence.trim()) out.push(sentence.trim());
  }
  return out.length > 0 ? out : [fallback];
}

/**
 * The passage that best matches the query terms (most IDF weight of distinct terms, earliest on ties), filled up to
 * {@link PASSAGE_LENGTH} with the sentences after it, or cut around its first match when longer.
 */
export function pickPassage(
  sentences: readonly string[],
  terms: ReadonlySet<string>,
  language: string,
  idf: (term: string) => number,
): Passage {
  let bestIndex = 0;
  let bestValue = 0;
  for (const [i, sentence] of sentences.entries()) {
    const found = new Set(
      analyze(sentence, language)
        .filter((t) => terms.has(t.term))
        .map((t) => t.term),
    );
    let value = 0;
    for (const term of found) value += idf(term);
    if (value > bestValue) {
      bestValue = value;
      bestIndex = i;
    }
  }
  const prefix = bestIndex > 0 ? '…' : '';
  let text = sentences[bestIndex]!;
  for (let i = bestIndex + 1; i < sentences.length && text.length < PASSAGE_LENGTH; i++)
    text = `${text} ${sentences[i]}`;
  let start = 0;
  if (text.length > PASSAGE_LENGTH) {
    const first = analyze(text, language).find((t) => terms.has(t.term));
    if (first && first.end > PASSAGE_LENGTH - 20) {
      start = Math.max(0, first.start - 40);
      const space = text.indexOf(' ', start);
      if (space >= 0 && space < start + 20) start = space + 1;
    }
  }
  let snippet = text.slice(start, start + PASSAGE_LENGTH);
  const lead = start > 0 ? '…' : prefix;
  const more = start + PASSAGE_LENGTH < text.length || sentences.length > bestIndex + 1;
  if (more && !snippet.endsWith('.')) snippet = `${snippet}…`;
  snippet = lead + snippet;
  return { text: snippet, highlights: highlight(snippet, terms, language) };
}

function highlight(text: string, terms: ReadonlySet<string>, language: string): Array<[number, number]> {
  const spans = analyze(text, language)
    .filter((t) => terms.has(t.term))
    .map((t): [number, number] => [t.start, t.end])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}
