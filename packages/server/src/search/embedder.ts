import type { IndexedDoc, RankedHit, SearchIndex, SearchResult } from './engine';

/** Turns texts into vectors (a site's own embedding endpoint). Off unless the server is configured with one. */
export interface Embedder {
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Options of {@link openAiEmbedder}. */
export interface OpenAiEmbedderOptions {
  /** Base URL of an OpenAI-compatible API, e.g. `https://api.example.com/v1` (POST `{url}/embeddings`). */
  url: string;
  /** Model name sent as `model`. */
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string | null;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Per-request timeout in ms (default 10,000). */
  timeoutMs?: number;
}

/** An {@link Embedder} over an OpenAI-compatible `POST /embeddings` endpoint. */
export function openAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;
  const batchSize = options.batchSize ?? 64;
  return {
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize);
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: options.model, input }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!response.ok) throw new Error(`The embeddings endpoint ${endpoint} answered ${response.status}.`);
        const body = (await response.json()) as { data?: Array<{ index?: number; embedding?: unknown }> };
        const data = body.data;
        if (!Array.isArray(data) || data.length !== input.length)
          throw new Error(
            `The embeddings endpoint ${endpoint} returned ${data?.length ?? 'no'} vectors for ${input.length} texts.`,
          );
        const ordered = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        for (const item of ordered) {
          if (!Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number'))
            throw new Error(
              `The embeddings endpoint ${endpoint} returned an embedding that is not a list of numbers.`,
            );
          out.push(normalise(Float32Array.from(item.embedding as number[])));
        }
      }
      return out;
    },
  };
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** Reciprocal-rank fusion constant (Cormack et al. 2009). */
export const RRF_K = 60;
/** How deep each ranker's list goes into the fusion. */
const FUSION_DEPTH = 50;

/**
 * Document vectors per index, embedded lazily and again when a document changed (a new document object in the
 * index), so the endpoint is asked only about what is new.
 */
export class VectorStore {
  private readonly vectors = new WeakMap<
    SearchIndex,
    Map<string, { doc: IndexedDoc; vector: Float32Array }>
  >();
  constructor(readonly embedder: Embedder) {}

  /** Vectors of every document of `index`, embedding the new and changed ones. */
  async all(index: SearchIndex): Promise<Map<string, Float32Array>> {
    let known = this.vectors.get(index);
    if (!known) {
      known = new Map();
      this.vectors.set(index, known);
    }
    const missing: Array<{ id: string; doc: IndexedDoc }> = [];
    for (const id of index.ids()) {
      const doc = index.doc(id)!;
      if (known.get(id)?.doc !== doc) missing.push({ id, doc });
    }
    for (const id of known.keys()) if (!index.doc(id)) known.delete(id);
    if (missing.length > 0) {
      const vectors = await this.embedder.embed(missing.map((m) => index.text(m.id)));
      for (const [i, m] of missing.entries()) known.set(m.id, { doc: m.doc, vector: vectors[i]! });
    }
    const out = new Map<string, Float32Array>();
    for (const [id, v] of known) out.set(id, v.vector);
    return out;
  }
}

/**
 * Fuse the BM25F ranking with the embedder's (cosine similarity to the query) by reciprocal-rank fusion. The
 * verdict stays BM25F's calibrated one: a document only the embedder found never becomes an `answer`.
 */
export async function fuseByRank(
  store: VectorStore,
  index: SearchIndex,
  query: string,
  lexical: SearchResult,
  limit: number,
): Promise<SearchResult> {
  const [vectors, [q]] = await Promise.all([store.all(index), store.embedder.embed([query])]);
  const semantic = [...vectors]
    .map(([id, v]) => [id, dot(q!, v)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, FUSION_DEPTH);
  const fused = new Map<string, number>();
  for (const [rank, hit] of lexical.hits.entries()) fused.set(hit.id, 1 / (RRF_K + rank + 1));
  for (const [rank, [id]] of semantic.entries()) fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1));
  const byId = new Map(lexical.hits.map((h) => [h.id, h]));
  const hits: RankedHit[] = [];
  for (const [id] of [...fused].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const hit = byId.get(id) ?? index.unmatchedHit(id);
    if (hit) hits.push(hit);
    if (hits.length >= limit) break;
  }
  return { hits, verdict: hits[0] === lexical.hits[0] ? lexical.verdict : verdictOfFused(hits[0]) };
}

function verdictOfFused(top: RankedHit | undefined): SearchResult['verdict'] {
  // The embedder moved another article to the top: never assert it, show it as a maybe when BM25F liked it too.
  if (!top || top.bm25 === 0) return 'none';
  return 'maybe';
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}
