/** What the best hit is worth: a confident answer, something worth showing, or no good answer. */
export type Verdict = 'answer' | 'maybe' | 'none';

/**
 * Logistic calibration of a hit's chance to answer the query from two scale-free features: `coverage` (the share
 * of the query's IDF weight the article matched) and `margin` (how far it leads the next article, relative to
 * its own score; negative for hits below the first). Fitted by `pnpm bench:search --calibrate` on the training
 * half of the development set (even-numbered queries of hwu64); see docs/search.md.
 */
export const CALIBRATION = { coverage: 3.98, margin: 3.43, bias: -2.32 };

/**
 * Thresholds on the calibrated score, chosen on the held-out half of the development set: `answer` where the
 * answer is right about four times in five; `maybe` low enough to keep ≥ 90 % of answerable questions out of
 * `none`. See docs/search.md.
 */
export const THRESHOLDS = { answer: 0.53, maybe: 0.18 };

/** The calibrated 0–1 score of a hit. */
export function calibrate(coverage: number, margin: number): number {
  const z = CALIBRATION.coverage * coverage + CALIBRATION.margin * margin + CALIBRATION.bias;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** The verdict for the best hit's calibrated score. */
export function verdictOf(score: number, thresholds = THRESHOLDS): Verdict {
  return score >= thresholds.answer ? 'answer' : score >= thresholds.maybe ? 'maybe' : 'none';
}
