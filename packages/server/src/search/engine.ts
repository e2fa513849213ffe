import { type AnalyzedQuery, analyze, analyzeQuery, isCjk, languageOf, stopWords, synonymMap } from './analyzer';
import { calibrate, type Verdict, verdictOf } from './calibration';
import { fuzzyCandidates } from './fuzzy';
import { type Passage, passagesOf, pickPassage } from './passage';

/** What the engine indexes for one article in one locale. */
export interface IndexedDoc {
  id: string;
  title: string;
  /** Markdown body. */
  body: string;
  /** Alternative questions the article answers (own field). */
  questions?: readonly string[];
}

/** One ranked hit: BM25F score, the calibrated probability that it answers the query, the passage that matches. */
export interface RankedHit {
  id: string;
  /** Calibrated 0–1: the estimated chance that this article answers the query. */
  score: number;
  /** Raw BM25F score (comparable only within one query). */
  bm25: number;
  /** Share of the query's informative weight (sum of its words' IDF) this article matched, 0–1. */
  coverage: number;
  /** How far this hit leads the best other hit, relative to its own BM25F score (negative below the first). */
  margin: number;
  /** The best-matching passage of the body (plain text) with highlight offsets into it. */
  passage: Passage;
  /** Index terms of the query this article matched. */
  matched: string[];
}

/** The answer to one query: ranked hits and what the best one is worth. */
export interface SearchResult {
  hits: RankedHit[];
  /** `answer`: confident; `maybe`: worth showing, not worth asserting; `none`: no good answer. */
  verdict: Verdict;
}

/** Tuning of the BM25F ranking (the defaults are textbook values, not fitted to any data set). */
export interface EngineOptions {
  /** Admin-defined synonym groups for this locale. */
  synonyms?: readonly (readonly string[])[];
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Correct typos of words the index does not know (default true). */
  fuzzy?: boolean;
}

// Fields: 0 title, 1 body, 2 alternative questions. Weights and length normalisation per field (BM25F).
const FIELD_WEIGHT = [2, 1, 1.5];
const FIELD_B = [0.3, 0.75, 0.75];
const FIELDS = 3;
const MAX_COMPLETIONS = 12;
const FUZZY_WEIGHT = 0.8;

interface DocEntry {
  doc: IndexedDoc;
  lengths: number[];
  terms: string[];
  surfaces: string[];
  passages: string[] | null;
}

/**
 * An in-memory BM25F index of one site's articles in one locale, updated one document at a time. Search reads
 * only memory; nothing here touches the database.
 */
export class SearchIndex {
  readonly language: string;
  private readonly docs: Array<DocEntry | undefined> = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  /** term → (doc slot → term frequency per field). */
  private readonly postings = new Map<string, Map<number, number[]>>();
  /** folded surface word → [its term, number of documents using it]. */
  private readonly surfaces = new Map<string, [string, number]>();
  private sorted: string[] | null = null;
  private readonly lengthSums = [0, 0, 0];
  private readonly synonyms: Map<string, string[]>;
  private readonly k1: number;
  private readonly fuzzy: boolean;

  constructor(locale: string, options: EngineOptions = {}) {
    this.language = languageOf(locale);
    this.synonyms = synonymMap(options.synonyms ?? [], this.language);
    this.k1 = options.k1 ?? 1.2;
    this.fuzzy = options.fuzzy ?? true;
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.slots.size;
  }

  /** Add or replace a document. */
  set(doc: IndexedDoc): void {
    this.remove(doc.id);
    const slot = this.free.pop() ?? this.docs.length;
    const fields = [doc.title, doc.body, (doc.questions ?? []).join('\n')];
    const lengths = [0, 0, 0];
    const terms = new Set<string>();
    const surfaces = new Set<string>();
    for (let f = 0; f < FIELDS; f++) {
      const tokens = analyze(fields[f]!, this.language);
      lengths[f] = tokens.length;
      this.lengthSums[f]! += tokens.length;
      for (const token of tokens) {
        let posting = this.postings.get(token.term);
        if (!posting) this.postings.set(token.term, (posting = new Map()));
        let tf = posting.get(slot);
        if (!tf) posting.set(slot, (tf = [0, 0, 0]));
        tf[f]!++;
        terms.add(token.term);
        if (!surfaces.has(token.surface)) {
          surfaces.add(token.surface);
          const known = this.surfaces.get(token.surface);
          if (known) known[1]++;
          else {
            this.surfaces.set(token.surface, [token.term, 1]);
            this.sorted = null;
          }
        }
      }
    }
    this.docs[slot] = { doc, lengths, terms: [...terms], surfaces: [...surfaces], passages: null };
    this.slots.set(doc.id, slot);
  }

  /** Remove a document (no-op when absent). */
  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const entry = this.docs[slot]!;
    for (const term of entry.terms) {
      const posting = this.postings.get(term)!;
      posting.delete(slot);
      if (posting.size === 0) this.postings.delete(term);
    }
    for (const surface of entry.surfaces) {
      const known = this.surfaces.get(surface)!;
      if (--known[1] === 0) {
        this.surfaces.delete(surface);
        this.sorted = null;
      }
    }
    for (let f = 0; f < FIELDS; f++) this.lengthSums[f]! -= entry.lengths[f]!;
    this.docs[slot] = undefined;
    this.slots.delete(id);
    this.free.push(slot);
  }

  /** Has this document id? */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Prepare what queries need lazily (the sorted vocabulary for prefixes and typos), off the request. */
  warm(): void {
    this.vocabulary();
  }

  /** The best `limit` documents for `text`, with calibrated scores and the verdict of the best one. */
  search(text: string, limit = 10): SearchResult {
    const query = analyzeQuery(text, this.language, this.synonyms);
    this.expand(query);
    const ranked = this.rank(query);
    const top = ranked.slice(0, limit);
    const best = ranked[0]?.score ?? 0;
    const second = ranked[1]?.score ?? 0;
    const hits = top.map(({ slot, score, coverage }) => {
      const other = slot === ranked[0]!.slot ? second : best;
      const margin = score > 0 ? Math.max(-1, (score - other) / score) : 0;
      const entry = this.docs[slot]!;
      const matched = query.slots.flat().filter((q) => this.postings.get(q.term)?.has(slot));
      const terms = new Set(matched.map((m) => m.term));
      entry.passages ??= passagesOf(entry.doc.body, entry.doc.title);
      return {
        id: entry.doc.id,
        score: calibrate(coverage, margin),
        bm25: score,
        coverage,
        margin,
        passage: pickPassage(entry.passages!, terms, this.language, (t) => this.idf(t)),
        matched: [...terms],
      };
    });
    return { hits, verdict: verdictOf(hits[0]?.score ?? 0) };
  }

  /** Add prefix completions to the word being typed and typo corrections to words the index does not know. */
  private expand(query: AnalyzedQuery): void {
    const stops = stopWords(this.language);
    for (const [i, slot] of query.slots.entries()) {
      const own = slot[0]!;
      if (query.partial?.slot === i) {
        const typed = query.partial.surface;
        const completions = this.complete(typed).filter(([, term]) => term !== own.term && !stops.has(term));
        completions.sort((a, b) => (this.postings.get(b[1])?.size ?? 0) - (this.postings.get(a[1])?.size ?? 0));
        const added = new Set<string>();
        for (const [surface, term] of completions) {
          if (added.size >= MAX_COMPLETIONS) break;
          if (added.has(term)) continue;
          added.add(term);
          // The more of the word is typed, the surer the completion.
          slot.push({ term, weight: 0.5 + (0.5 * typed.length) / surface.length });
        }
      } else if (this.fuzzy && !this.postings.has(own.term) && !isCjk(this.language)) {
        for (const term of fuzzyCandidates(own.term, this.vocabulary(), this.surfaces))
          slot.push({ term, weight: FUZZY_WEIGHT });
      }
    }
  }

  private complete(prefix: string): Array<[string, string]> {
    const words = this.vocabulary();
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<[string, string]> = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix) && out.length < 200; i++)
      if (words[i] !== prefix) out.push([words[i]!, this.surfaces.get(words[i]!)![0]]);
    return out;
  }

  private vocabulary(): string[] {
    this.sorted ??= [...this.surfaces.keys()].sort();
    return this.sorted;
  }

  /** Inverse document frequency (BM25's, never negative); a term no document has gets the highest. */
  idf(term: string): number {
    const n = this.slots.size;
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private rank(query: AnalyzedQuery): Array<{ slot: number; score: number; coverage: number }> {
    const n = this.slots.size;
    if (n === 0 || query.slots.length === 0) return [];
    const averages = this.lengthSums.map((sum) => Math.max(1, sum / n));
    const totals = new Map<number, number>();
    let possible = 0;
    for (const slot of query.slots) {
      const best = new Map<number, number>();
      let slotMax = 0;
      for (const { term, weight } of slot) {
        const idf = this.idf(term);
        const posting = this.postings.get(term);
        if (!posting) continue;
        slotMax = Math.max(slotMax, weight * idf);
        for (const [doc, tf] of posting) {
          const lengths = this.docs[doc]!.lengths;
          let pseudo = 0;
          for (let f = 0; f < FIELDS; f++) {
            if (tf[f] === 0) continue;
            const norm = 1 - FIELD_B[f]! + (FIELD_B[f]! * lengths[f]!) / averages[f]!;
            pseudo += (FIELD_WEIGHT[f]! * tf[f]!) / norm;
          }
          const value = (weight * idf * pseudo) / (this.k1 + pseudo);
          if (value > (best.get(doc) ?? 0)) best.set(doc, value);
        }
      }
      // A word no document has (nor any completion or correction of it) counts fully toward what was possible:
      // the visitor asked about something the help center does not cover.
      possible += slotMax > 0 ? slotMax : this.idf(slot[0]!.term);
      for (const [doc, value] of best) totals.set(doc, (totals.get(doc) ?? 0) + value);
    }
    const ranked = [...totals].map(([slot, score]) => ({ slot, score, coverage: score / possible }));
    ranked.sort((a, b) => b.score - a.score || (this.docs[a.slot]!.doc.id < this.docs[b.slot]!.doc.id ? -1 : 1));
    return ranked;
  }
}
