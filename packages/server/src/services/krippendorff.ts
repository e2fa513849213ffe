/**
 * Krippendorff's alpha for ordinal data, from a reliability matrix: one row per unit (a conversation), one cell
 * per coder (a reviewer), `null` where a coder gave no value. Units with fewer than two values are not pairable
 * and drop out, as the method prescribes.
 *
 * α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with the coincidence matrix o (each unit with m values adds
 * 1/(m − 1) per ordered pair of its values), n_c its margins, n = Σ n_c, and the ordinal distance
 * δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)². Source: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011), section C. Returns null when there is nothing to agree on (fewer than two pairable values, or a single
 * value used by everyone: no variation).
 */
export function ordinalAlpha(units: ReadonlyArray<ReadonlyArray<number | null>>): number | null {
  const values = [...new Set(units.flat().filter((x): x is number => x !== null))].sort((a, b) => a - b);
  const index = new Map(values.map((value, i) => [value, i]));
  const size = values.length;
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of units) {
    const present = unit.filter((x): x is number => x !== null);
    const m = present.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = o[index.get(present[i]!)!]!;
        row[index.get(present[j]!)!]! += 1 / (m - 1);
      }
  }
  const margins = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = margins.reduce((a, b) => a + b, 0);
  if (n < 2) return null;
  const delta2 = (c: number, k: number): number => {
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let sum = 0;
    for (let g = lo; g <= hi; g++) sum += margins[g]!;
    return (sum - (margins[lo]! + margins[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++)
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += o[c]![k]! * d;
      expected += margins[c]! * margins[k]! * d;
    }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** Spread of one unit's values: range (max − min) and population standard deviation; null with fewer than 2. */
export function spread(values: ReadonlyArray<number | null>): { range: number; std: number } | null {
  const present = values.filter((x): x is number => x !== null);
  if (present.length < 2) return null;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length;
  return { range: Math.max(...present) - Math.min(...present), std: Math.sqrt(variance) };
}
