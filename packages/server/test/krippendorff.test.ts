import { describe, expect, it } from 'vitest';
import { ordinalAlpha, spread } from '../src/services/krippendorff';

const _ = null;

describe("Krippendorff's alpha (ordinal)", () => {
  it('matches the worked example of the published method, with missing values', () => {
    // K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011, University of Pennsylvania,
    // repository.upenn.edu/asc_papers/43), section C: four observers, twelve units, values 1–5, cells missing.
    // The paper computes α = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval), 0.797 (ratio) for this matrix.
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((_, i) => [A[i]!, B[i]!, C[i]!, D[i]!]);
    expect(ordinalAlpha(units)).toBeCloseTo(0.815, 3);
  });

  it('is 1 for perfect agreement, drops units with one value, and is null with no variation', () => {
    expect(
      ordinalAlpha([
        [1, 1, 1],
        [3, 3, _],
        [5, 5, 5],
        [2, _, _],
      ]),
    ).toBe(1);
    expect(
      ordinalAlpha([
        [4, 4, 4],
        [4, 4, 4],
      ]),
    ).toBeNull();
    expect(
      ordinalAlpha([
        [4, _, _],
        [_, 2, _],
      ]),
    ).toBeNull();
    expect(ordinalAlpha([])).toBeNull();
  });

  it('punishes far disagreements more than near ones (ordinal distances)', () => {
    const near = ordinalAlpha([
      [1, 2],
      [3, 3],
      [5, 5],
      [2, 2],
      [4, 4],
    ])!;
    const far = ordinalAlpha([
      [1, 5],
      [3, 3],
      [5, 5],
      [2, 2],
      [4, 4],
    ])!;
    expect(near).toBeGreaterThan(far);
  });

  it('gives the spread of a unit as range and population standard deviation', () => {
    expect(spread([5, 5, 4])).toEqual({ range: 1, std: expect.closeTo(Math.sqrt(2 / 9), 9) });
    expect(spread([3, _])).toBeNull();
  });
});
