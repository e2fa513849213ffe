import { CALIBRATION, calibrate, THRESHOLDS } from '@frontdesk/server/search';
import { buildEngine, outOfScope, type RetrievalSet } from './measure';

/**
 * Refit the score calibration: logistic regression of "this hit is the right article" on (coverage, margin) of the
 * top three hits of the even-numbered queries, with a quarter of the intents removed so that unanswerable questions
 * are in the data. Thresholds are then read off the odd-numbered (held-out) queries.
 */
export function fitCalibration(set: RetrievalSet): void {
  const removed = outOfScope(set);
  const index = buildEngine(set, removed);
  const rows: Array<[number, number, number, number]> = [];
  for (const [i, q] of set.queries.entries()) {
    if (i % 2 !== 0) continue;
    for (const hit of index.search(q.query, 3).hits)
      rows.push([hit.coverage, hit.margin, hit.share, hit.id === q.articleId ? 1 : 0]);
  }
  let w = [0, 0, 0, 0];
  for (let step = 0; step < 20000; step++) {
    const grad = [0, 0, 0, 0];
    for (const [c, m, s, y] of rows) {
      const p = 1 / (1 + Math.exp(-(w[0]! * c + w[1]! * m + w[2]! * s + w[3]!)));
      grad[0]! += (p - y) * c;
      grad[1]! += (p - y) * m;
      grad[2]! += (p - y) * s;
      grad[3]! += p - y;
    }
    // `share` stays out of the fit: given coverage it took a negative weight (they are collinear), which would
    // make matching more of the question lower the score.
    grad[2] = 0;
    w = w.map((x, k) => x - (2 * grad[k]!) / rows.length);
  }
  console.log(
    `\ncalibration fitted on ${rows.length} hits: coverage ${w[0]!.toFixed(2)}, margin ${w[1]!.toFixed(2)}, ` +
      `share ${w[2]!.toFixed(2)}, bias ${w[3]!.toFixed(2)} (in use: ${JSON.stringify(CALIBRATION)})`,
  );
  // Held out: the odd-numbered queries, scored with the calibration in use.
  const inScope: number[] = [];
  const tops: Array<[number, boolean]> = [];
  for (const [i, q] of set.queries.entries()) {
    if (i % 2 !== 1) continue;
    const top = index.search(q.query).hits[0];
    const score = top ? calibrate(top.coverage, top.margin, top.share) : 0;
    if (!removed.has(q.articleId)) inScope.push(score);
    tops.push([score, top?.id === q.articleId]);
  }
  inScope.sort((a, b) => a - b);
  const maybe = Math.floor(inScope[Math.floor(inScope.length * 0.1)]! * 100) / 100;
  let answer = 1;
  for (let t = 0.99; t >= 0.3; t -= 0.01) {
    const chosen = tops.filter(([s]) => s >= t);
    if (chosen.length >= 10 && chosen.filter(([, ok]) => ok).length / chosen.length >= 0.8) answer = t;
  }
  console.log(
    `thresholds on the held-out half: maybe ${maybe.toFixed(2)} (90% of in-scope above), answer ` +
      `${answer.toFixed(2)} (lowest with ≥ 80% right); in use: ${JSON.stringify(THRESHOLDS)}`,
  );
}
