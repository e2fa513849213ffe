import {
  type AnalyzedQuery,
  analyze,
  analyzeQuery,
  functionWords,
  isCjk,
  languageOf,
  stopWords,
  synonymMap,
  type Token,
} from './analyzer';
import { calibrate, type Verdict, verdictOf } from './calibration';
import { fuzzyCandidates } from './fuzzy';
import { type Passage, passagesOf, pickPassage } from './passage';
import { Posting } from './postings';
import { plainText } from './text';

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
  /**
   * Share of the query's informative weight (sum of its topical words' IDF; function words such as "how", "do",
   * "I" left out) this article matched, 0–1.
   */
  coverage: number;
  /** This hit's coverage minus the best other hit's (negative below the first). */
  margin: number;
  /** Share of the query's words (stop words aside) this article matched, 0–1. */
  share: number;
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
  /** Correct typos of words the index does not know when nothing else matched (default true). */
  fuzzy?: boolean;
}

// Fields: 0 title, 1 body, 2 alternative questions. Weights and length normalisation per field (BM25F).
const FIELD_WEIGHT = [2, 1, 1.5];
const FIELD_B = [0.3, 0.75, 0.75];
const FIELDS = 3;
const MAX_COMPLETIONS = 12;
const FUZZY_WEIGHT = 0.8;

/** Per-document accumulators of one ranking, reused across searches. */
interface Scratch {
  best: Float64Array;
  totals: Float64Array;
  /** The part of `totals` from topical words (what coverage counts). */
  topical: Float64Array;
  words: Uint16Array;
}

interface Ranked {
  slot: number;
  score: number;
  coverage: number;
  share: number;
}

interface DocEntry {
  doc: IndexedDoc;
  lengths: number[];
  terms: string[];
  surfaces: string[];
  passages: { sentences: string[]; tokens: Token[][] } | null;
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
  /** term → the documents containing it, with frequencies per field. */
  private readonly postings = new Map<string, Posting>();
  /** folded surface word → [its term, number of documents using it]. */
  private readonly surfaces = new Map<string, [string, number]>();
  private sorted: string[] | null = null;
  private factors: Float64Array | null = null;
  private buffers: Scratch | null = null;
  private readonly lengthSums = [0, 0, 0];
  private readonly synonyms: Map<string, string[]>;
  private readonly k1: number;
  private readonly fuzzy: boolean;
  private readonly cjk: boolean;

  constructor(locale: string, options: EngineOptions = {}) {
    this.language = languageOf(locale);
    this.synonyms = synonymMap(options.synonyms ?? [], this.language);
    this.k1 = options.k1 ?? 1.2;
    this.fuzzy = options.fuzzy ?? true;
    this.cjk = isCjk(this.language);
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
    const counts = new Map<string, number[]>();
    const surfaces = new Set<string>();
    for (let f = 0; f < FIELDS; f++) {
      const tokens = analyze(fields[f]!, this.language);
      lengths[f] = tokens.length;
      this.lengthSums[f]! += tokens.length;
      for (const token of tokens) {
        let tf = counts.get(token.term);
        if (!tf) {
          tf = [0, 0, 0];
          counts.set(token.term, tf);
        }
        tf[f]!++;
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
    for (const [term, tf] of counts) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Posting(FIELDS);
        this.postings.set(term, posting);
      }
      posting.add(slot, tf);
    }
    const terms = counts.keys();
    this.docs[slot] = { doc, lengths, terms: [...terms], surfaces: [...surfaces], passages: null };
    this.slots.set(doc.id, slot);
    this.factors = null;
  }

  /** Remove a document (no-op when absent). */
  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const entry = this.docs[slot]!;
    for (const term of entry.terms) {
      const posting = this.postings.get(term)!;
      posting.remove(slot);
      if (posting.length === 0) this.postings.delete(term);
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
    this.factors = null;
  }

  /** Has this document id? */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Prepare what queries need lazily (the sorted vocabulary for prefixes and typos), off the request. */
  warm(): void {
    this.vocabulary();
    this.fieldFactors();
  }

  /** Title of an indexed document ("" when absent). */
  title(id: string): string {
    const slot = this.slots.get(id);
    return slot === undefined ? '' : this.docs[slot]!.doc.title;
  }

  /** The document as last set (a new object after each change), or undefined. */
  doc(id: string): IndexedDoc | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.docs[slot]!.doc;
  }

  /** Ids of every indexed document. */
  ids(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** The document as one plain text (title, alternative questions, body), e.g. to embed it. */
  text(id: string): string {
    const slot = this.slots.get(id);
    if (slot === undefined) return '';
    const { doc } = this.docs[slot]!;
    return [doc.title, ...(doc.questions ?? []), plainText(doc.body)].join('\n');
  }

  /**
   * A hit for a document that another ranker found (the embedder) and BM25F did not: its opening passage and the
   * lowest calibrated score, since no word of the query matched it.
   */
  unmatchedHit(id: string): RankedHit | null {
    const slot = this.slots.get(id);
    if (slot === undefined) return null;
    return {
      id,
      score: calibrate(0, 0, 0),
      bm25: 0,
      coverage: 0,
      margin: 0,
      share: 0,
      passage: pickPassage(this.passages(slot), new Set(), this.language, () => 0),
      matched: [],
    };
  }

  private passages(slot: number): { sentences: string[]; tokens: Token[][] } {
    const entry = this.docs[slot]!;
    if (!entry.passages) {
      const sentences = passagesOf(entry.doc.body, entry.doc.title);
      entry.passages = { sentences, tokens: sentences.map((x) => analyze(x, this.language)) };
    }
    return entry.passages;
  }

  /**
   * The best `limit` documents for `text`, with calibrated scores and the verdict of the best one. `synonyms`
   * (from {@link synonymMap}) replace the ones given at construction.
   */
  search(text: string, limit = 10, synonyms: ReadonlyMap<string, string[]> = this.synonyms): SearchResult {
    let query = analyzeQuery(text, this.language, synonyms);
    this.expand(query, false);
    let ranked = this.rank(query, limit);
    if (ranked.length === 0 && this.fuzzy) {
      // Typo correction only when nothing matched: correcting known-looking words cost precision on the
      // development set (timer → time, three → there), while a query with no hit at all can only gain.
      query = analyzeQuery(text, this.language, synonyms);
      this.expand(query, true);
      ranked = this.rank(query, limit);
    }
    const top = ranked.slice(0, limit);
    const best = ranked[0]?.coverage ?? 0;
    const second = ranked[1]?.coverage ?? 0;
    const hits = top.map(({ slot, score, coverage, share }) => {
      // In coverage units, so a lone weak match (nothing else matched at all) cannot look like a clear winner.
      const margin = coverage - (slot === ranked[0]!.slot ? second : best);
      const entry = this.docs[slot]!;
      const own = new Set(entry.terms);
      const terms = new Set(
        query.slots
          .flat()
          .map((q) => q.term)
          .filter((t) => own.has(t)),
      );
      return {
        id: entry.doc.id,
        score: calibrate(coverage, margin, share),
        bm25: score,
        coverage,
        margin,
        share,
        passage: pickPassage(this.passages(slot), terms, this.language, (t) => this.idf(t)),
        matched: [...terms],
      };
    });
    return { hits, verdict: verdictOf(hits[0]) };
  }

  /** Add prefix completions to the word being typed and typo corrections to words the index does not know. */
  private expand(query: AnalyzedQuery, fuzzy: boolean): void {
    const stops = stopWords(this.language);
    for (const [i, slot] of query.slots.entries()) {
      const own = slot[0]!;
      if (query.partial?.slot === i) {
        const typed = query.partial.surface;
        const completions = this.complete(typed).filter(([, term]) => term !== own.term && !stops.has(term));
        completions.sort(
          (a, b) => (this.postings.get(b[1])?.length ?? 0) - (this.postings.get(a[1])?.length ?? 0),
        );
        const added = new Set<string>();
        for (const [surface, term] of completions) {
          if (added.size >= MAX_COMPLETIONS) break;
          if (added.has(term)) continue;
          added.add(term);
          // The more of the word is typed, the surer the completion.
          slot.push({ term, weight: 0.5 + (0.5 * typed.length) / surface.length });
        }
      }
      if (fuzzy && slot.length === 1 && !this.postings.has(own.term) && !isCjk(this.language)) {
        for (const term of fuzzyCandidates(own.surface ?? own.term, this.vocabulary(), this.surfaces))
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
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Per document and field: the field's weight over its BM25 length normalisation (recomputed after changes). */
  private fieldFactors(): Float64Array {
    if (this.factors && this.factors.length === this.docs.length * FIELDS) return this.factors;
    const n = Math.max(1, this.slots.size);
    const averages = this.lengthSums.map((sum) => Math.max(1, sum / n));
    const factors = new Float64Array(this.docs.length * FIELDS);
    for (const [slot, entry] of this.docs.entries()) {
      if (!entry) continue;
      for (let f = 0; f < FIELDS; f++)
        factors[slot * FIELDS + f] =
          FIELD_WEIGHT[f]! / (1 - FIELD_B[f]! + (FIELD_B[f]! * entry.lengths[f]!) / averages[f]!);
    }
    this.factors = factors;
    return factors;
  }

  private scratch(): Scratch {
    if (this.buffers?.best.length !== this.docs.length)
      this.buffers = {
        best: new Float64Array(this.docs.length),
        totals: new Float64Array(this.docs.length),
        topical: new Float64Array(this.docs.length),
        words: new Uint16Array(this.docs.length),
      };
    return this.buffers;
  }

  /** BM25F over the query's slots (each slot scores its best alternative), the best `limit` + 1 documents. */
  private rank(query: AnalyzedQuery, limit: number): Ranked[] {
    if (this.slots.size === 0 || query.slots.length === 0) return [];
    const factors = this.fieldFactors();
    const { best, totals, topical, words } = this.scratch();
    const touched: number[] = [];
    const functional = functionWords(this.language);
    // Coverage counts only words that carry a topic: in a small help center "how", "do", "I", "my" are in few
    // articles, so their IDF is high, and a question phrased as a question ("How do I return an item?") would
    // look half unmatched next to its keywords ("return an item"). They still rank (scores keep them).
    const topicalSlots = query.slots.map((slot) => !this.isFunctionTerm(slot[0]!.term, functional));
    const anyTopical = topicalSlots.some(Boolean);
    let possible = 0;
    for (const [s, slot] of query.slots.entries()) {
      // A query made only of function words ("how do I") is measured on all of them.
      const counts = topicalSlots[s] || !anyTopical;
      const inSlot: number[] = [];
      let slotMax = 0;
      for (const { term, weight } of slot) {
        const posting = this.postings.get(term);
        if (!posting) continue;
        const idf = this.idf(term);
        slotMax = Math.max(slotMax, weight * idf);
        const { docs, tfs, length } = posting;
        for (let i = 0; i < length; i++) {
          const doc = docs[i]!;
          const at = doc * FIELDS;
          const t = i * FIELDS;
          const pseudo =
            tfs[t]! * factors[at]! + tfs[t + 1]! * factors[at + 1]! + tfs[t + 2]! * factors[at + 2]!;
          const value = (weight * idf * pseudo) / (this.k1 + pseudo);
          if (best[doc] === 0) inSlot.push(doc);
          if (value > best[doc]!) best[doc] = value;
        }
      }
      // A word no document has (nor any completion or correction of it) counts fully toward what was possible:
      // the visitor asked about something the help center does not cover.
      // Not so a pair of Han characters: pairs are an indexing device, and most pairs of a question are in no text.
      // Nor a function word ("my", "how") that no article happens to contain.
      const own = slot[0]!.term;
      if (!counts) {
        // not part of what the query is about
      } else if (slotMax > 0) possible += slotMax;
      else if (!(this.cjk && [...own].length === 2) && !functional.has(own)) possible += this.idf(own);
      for (const doc of inSlot) {
        if (totals[doc] === 0) touched.push(doc);
        totals[doc]! += best[doc]!;
        if (counts) topical[doc]! += best[doc]!;
        words[doc]!++;
        best[doc] = 0;
      }
    }
    // Keep the best limit + 1 (the one after the last shown gives the last one's margin).
    const top: Ranked[] = [];
    const keep = limit + 1;
    for (const doc of touched) {
      const score = totals[doc]!;
      const share = words[doc]! / query.slots.length;
      const coverage = possible > 0 ? topical[doc]! / possible : 0;
      totals[doc] = 0;
      topical[doc] = 0;
      words[doc] = 0;
      if (top.length === keep && !this.before(doc, score, top[keep - 1]!)) continue;
      let i = Math.min(top.length, keep - 1);
      while (i > 0 && this.before(doc, score, top[i - 1]!)) i--;
      top.splice(i, 0, { slot: doc, score, coverage, share });
      if (top.length > keep) top.pop();
    }
    return top;
  }

  /** A function word, or for Chinese and Japanese a pair of function characters (怎么, 我的). */
  private isFunctionTerm(term: string, functional: Set<string>): boolean {
    if (functional.has(term)) return true;
    return this.cjk && [...term].length === 2 && [...term].every((c) => functional.has(c));
  }

  /** Ranking order: higher score first, then article id (stable across nodes). */
  private before(doc: number, score: number, other: { slot: number; score: number }): boolean {
    if (score !== other.score) return score > other.score;
    return this.docs[doc]!.doc.id < this.docs[other.slot]!.doc.id;
  }
}
