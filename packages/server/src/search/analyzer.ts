import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { ces, eng, hun, lav } from 'stopword';
import { stemCzech } from './czech';
import { fold } from './text';

/** One word of a text: its folded surface form, the term that is indexed, and where it stands in the original. */
export interface Token {
  /** Lower-case, diacritics removed ("vrácení" → "vraceni"). */
  surface: string;
  /** What the index stores: the stem of the surface form, or a Han character / character pair. */
  term: string;
  start: number;
  end: number;
}

/** Stemmers per language (folded input). Languages without one here: lv (no Snowball stemmer), zh and ja. */
const STEMMERS: Record<string, (word: string) => string> = {
  en: english,
  hu: hungarian,
  cs: stemCzech,
};

// Chinese and Japanese: function characters only (the `stopword` lists drop content characters such as 时, 月).
const CJK_STOP = [...'的地得了吗呢吧啊呀么我你他她它们是在和与及就都也这那个请怎吗'];
const STOP_LISTS: Record<string, string[]> = { en: eng, cs: ces, hu: hun, lv: lav, zh: CJK_STOP, ja: CJK_STOP };
const stopSets = new Map<string, Set<string>>();

/** Stop words of a language, folded the way queries are (empty for languages without a list). */
export function stopWords(language: string): Set<string> {
  let set = stopSets.get(language);
  if (!set) {
    set = new Set((STOP_LISTS[language] ?? []).map((w) => stem(language, fold(w))));
    stopSets.set(language, set);
  }
  return set;
}

/** The language part of a locale ("cs-CZ" → "cs"). */
export function languageOf(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

/** Is this language written without spaces, so indexed by Han/kana characters and pairs of them? */
export function isCjk(language: string): boolean {
  return language === 'zh' || language === 'ja';
}

function stem(language: string, surface: string): string {
  const fn = STEMMERS[language];
  return fn && surface.length > 2 && !/\d/.test(surface) ? fn(surface) : surface;
}

const WORD = /[\p{L}\p{N}]+/gu;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Split `text` into tokens for `language`: words stemmed and folded, or for zh/ja every Han/kana character and
 * (with `pairs`) every adjacent pair of them; Latin words inside Chinese text stay words.
 */
export function analyze(text: string, language: string, pairs = true): Token[] {
  const tokens: Token[] = [];
  const cjk = isCjk(language);
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    if (cjk && HAN.test(word)) {
      let previous: { char: string; start: number } | null = null;
      let offset = 0;
      for (const char of word) {
        const start = at + offset;
        offset += char.length;
        if (!HAN.test(char)) {
          previous = null;
          const surface = fold(char);
          tokens.push({ surface, term: surface, start, end: start + char.length });
          continue;
        }
        tokens.push({ surface: char, term: char, start, end: start + char.length });
        if (pairs && previous) {
          const pair = previous.char + char;
          tokens.push({ surface: pair, term: pair, start: previous.start, end: start + char.length });
        }
        previous = { char, start };
      }
      continue;
    }
    const surface = fold(word);
    tokens.push({ surface, term: stem(language, surface), start: at, end: at + word.length });
  }
  return tokens;
}

/** A query term with its weight (synonyms and prefix completions weigh less than what was typed). */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** An analysed query: one slot per word typed, each with alternatives (the word itself, its synonyms). */
export interface AnalyzedQuery {
  slots: QueryTerm[][];
  /** The last word, folded, when it may still be being typed (the text does not end with a space or punctuation). */
  partial: { slot: number; surface: string } | null;
}

/**
 * Analyse a query: stop words removed (unless nothing else is left), synonyms of the site added as weaker
 * alternatives of the word they stand for, and the last word marked for prefix completion while it is typed.
 */
export function analyzeQuery(
  text: string,
  language: string,
  synonyms: ReadonlyMap<string, string[]> = new Map(),
): AnalyzedQuery {
  const all = analyze(text, language);
  const stops = stopWords(language);
  const kept = all.filter((t) => !stops.has(t.term));
  const tokens = kept.length > 0 ? kept : all;
  const slots: QueryTerm[][] = [];
  const seen = new Set<string>();
  let partial: AnalyzedQuery['partial'] = null;
  const last = all.at(-1);
  for (const t of tokens) {
    if (seen.has(t.term)) continue;
    seen.add(t.term);
    const slot = [{ term: t.term, weight: 1 }];
    for (const other of synonyms.get(t.term) ?? []) slot.push({ term: other, weight: SYNONYM_WEIGHT });
    slots.push(slot);
    if (t === last && t.end === text.length && !isCjk(language) && t.surface.length >= 2)
      partial = { slot: slots.length - 1, surface: t.surface };
  }
  return { slots, partial };
}

/** Weight of a synonym the site defined, relative to a word the visitor typed. */
export const SYNONYM_WEIGHT = 0.6;

/**
 * Turn a site's synonym groups (`[["refund", "money back"], …]`) into a map from each term to the other terms of
 * its groups. Multi-word entries add every word of the entry.
 */
export function synonymMap(groups: readonly (readonly string[])[], language: string): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const members = group.map((entry) => analyze(entry, language, false).map((t) => t.term));
    for (const [i, own] of members.entries())
      for (const term of own) {
        let set = map.get(term);
        if (!set) map.set(term, (set = new Set()));
        for (const [j, other] of members.entries()) if (j !== i) for (const o of other) set.add(o);
      }
  }
  return new Map([...map].map(([k, v]) => [k, [...v].filter((t) => t !== k)]));
}
