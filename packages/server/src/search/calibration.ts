/** What the best hit is worth: a confident answer, something worth showing, or no good answer. */
export type Verdict = 'answer' | 'maybe' | 'none';

/**
 * Logistic calibration of a hit's chance to answer the query from three scale-free features: `coverage` (the
 * share of the query's topical IDF weight the article matched; function words such as "how", "do", "I" do not count), `share` (the share of the query's words it matched) and `margin` (its coverage minus the best other article's;
 * negative for hits below the first). Fitted by `pnpm bench:search --calibrate` on the training
 * half of the development set (even-numbered queries of hwu64); see docs/search.md.
 */
export const CALIBRATION = { coverage: 2.69, margin: 8.72, share: 0, bias: -2.1 };

/**
 * Thresholds on the calibrated score, chosen on the held-out half of the development set: `answer` where the
 * answer is right about four times in five; `maybe` low enough to keep ≥ 90 % of answerable questions out of
 * `none`. See docs/search.md.
 */
export const THRESHOLDS = { answer: 0.45, maybe: 0.13 };

/** The calibrated 0–1 score of a hit. */
export function calibrate(coverage: number, margin: number, share: number): number {
  const z =
    CALIBRATION.coverage * coverage +
    CALIBRATION.margin * margin +
    CALIBRATION.share * share +
    CALIBRATION.bias;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/**
 * The verdict for a hit: `answer` also needs the article to match at least {@link MIN_ANSWER_COVERAGE} of the
 * question's informative weight, so that in a small help center the only article sharing one word with an
 * unrelated question (a large lead over nothing) is never asserted.
 */
export function verdictOf(
  hit: { score: number; coverage: number } | undefined,
  thresholds = THRESHOLDS,
): Verdict {
  if (!hit) return 'none';
  if (hit.score >= thresholds.answer && hit.coverage >= MIN_ANSWER_COVERAGE) return 'answer';
  return hit.score >= thresholds.maybe ? 'maybe' : 'none';
}

/**
 * Least coverage of an `answer`: a rule on top of the fitted calibration. On the development set 0.4 halves the
 * out-of-scope questions that got `answer` (13.7 % → 6.9 %) while `answer` stays right ≥ 90 % of the time.
 */
export const MIN_ANSWER_COVERAGE = 0.4;
