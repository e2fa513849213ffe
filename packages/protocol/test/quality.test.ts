import { reviewTotal, toPublicConfig, validateConfig } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const criterion = (id: string, extra: object = {}) => ({ id, name: id, ...extra });

describe('quality config', () => {
  it('fills defaults and keeps quality out of the public config', () => {
    const result = validateConfig({
      name: 'Shop',
      quality: { rubrics: [{ id: 'chat', name: 'Chat', criteria: [criterion('tone')] }] },
    });
    if (!result.ok) throw new Error(result.issues[0]?.message);
    expect(result.value.quality.rubrics[0]!.criteria[0]).toMatchObject({
      scale: '1-5',
      weight: 1,
      allowNotApplicable: false,
      autoFail: false,
    });
    expect('quality' in toPublicConfig(result.value)).toBe(false);
  });

  it('names every cross-field mistake with its path', () => {
    const result = validateConfig({
      name: 'Shop',
      quality: {
        rubrics: [
          {
            id: 'chat',
            name: 'Chat',
            criteria: [criterion('tone', { weight: 0 }), criterion('tone', { weight: 0 })],
          },
          { id: 'chat', name: 'Again', criteria: [criterion('a')] },
        ],
        sampling: [
          { when: 'random' },
          { when: 'lowCsat', rubric: 'chta' },
          { when: 'notSolved', share: 0.5 },
        ],
      },
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
      'quality.rubrics[0].criteria',
      'quality.rubrics[0].criteria[1].id',
      'quality.rubrics[1].id',
      'quality.sampling[0].share',
      'quality.sampling[1].rubric',
      'quality.sampling[2].share',
    ]);
    const lonely = validateConfig({ name: 'Shop', quality: { sampling: [{ when: 'notSolved' }] } });
    expect(lonely.ok ? '' : lonely.issues[0]!.message).toMatch(/quality.sampling\[0\]: expected a rubric/);
  });
});

describe('reviewTotal', () => {
  const criteria = [
    {
      id: 'a',
      name: 'A',
      description: '',
      scale: '1-5',
      weight: 2,
      allowNotApplicable: true,
      autoFail: false,
    },
    {
      id: 'b',
      name: 'B',
      description: '',
      scale: 'pass-fail',
      weight: 1,
      allowNotApplicable: true,
      autoFail: false,
    },
    {
      id: 'p',
      name: 'P',
      description: '',
      scale: 'pass-fail',
      weight: 1,
      allowNotApplicable: false,
      autoFail: true,
    },
  ] as const;
  it('is the weighted mean of scores scaled to 0–100, without not-applicable criteria', () => {
    // 100 × (2·(4−1)/4 + 1·0 + 1·1) / 4 = 62.5
    expect(
      reviewTotal(
        [...criteria],
        [
          { criterionId: 'a', value: 4 },
          { criterionId: 'b', value: 0 },
          { criterionId: 'p', value: 1 },
        ],
      ),
    ).toBe(62.5);
    // 100 × (2·0.75 + 1) / 3 = 83.3
    expect(
      reviewTotal(
        [...criteria],
        [
          { criterionId: 'a', value: 4 },
          { criterionId: 'b', value: null },
          { criterionId: 'p', value: 1 },
        ],
      ),
    ).toBe(83.3);
  });
  it('is 0 when an auto-fail criterion fails', () => {
    expect(
      reviewTotal(
        [...criteria],
        [
          { criterionId: 'a', value: 5 },
          { criterionId: 'b', value: 1 },
          { criterionId: 'p', value: 0 },
        ],
      ),
    ).toBe(0);
  });
});
