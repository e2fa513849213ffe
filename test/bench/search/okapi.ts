/**
 * The plain Okapi BM25 baseline the engine is measured against: k1 1.2, b 0.75, one field (title + body),
 * whitespace-separated lower-case tokens (single characters for Chinese), no stemming, no stop words.
 */
export class OkapiBm25 {
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number }> = [];
  private readonly df = new Map<string, number>();
  private totalLength = 0;

  constructor(private readonly chars: boolean) {}

  tokens(text: string): string[] {
    const lower = text.toLowerCase();
    return this.chars ? [...lower].filter((c) => c.trim()) : lower.split(/\s+/).filter(Boolean);
  }

  add(id: string, text: string): void {
    const tokens = this.tokens(text);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docs.push({ id, tf, length: tokens.length });
    this.totalLength += tokens.length;
  }

  search(query: string, limit = 10): string[] {
    const n = this.docs.length;
    const avg = this.totalLength / n;
    const terms = [...new Set(this.tokens(query))];
    const scored: Array<[string, number]> = [];
    for (const doc of this.docs) {
      let score = 0;
      for (const t of terms) {
        const tf = doc.tf.get(t);
        if (!tf) continue;
        const df = this.df.get(t)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * doc.length) / avg));
      }
      if (score > 0) scored.push([doc.id, score]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    return scored.slice(0, limit).map(([id]) => id);
  }
}
