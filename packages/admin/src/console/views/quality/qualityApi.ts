import type {
  Calibration,
  CalibrationInput,
  CriterionScore,
  QaScores,
  QualityAuditEntry,
  QualityReview,
  QueueItem,
  ResolveDispute,
  ReviewInput,
  Rubric,
  SiteRole,
} from '@frontdesk/protocol';
import { api } from '../../session';

/** The quality-review calls of the agent API (`/v1/agent/quality/…`, docs/quality.md). */
export const qualityApi = {
  async roles(): Promise<SiteRole[]> {
    return (await api.me()).roles ?? [];
  },
  rubrics: () => api.call<{ configVersion: number; rubrics: Rubric[] }>('qualityRubrics'),
  reviewers: async () =>
    (await api.call<{ reviewers: { id: string; name: string; email: string }[] }>('qualityReviewers'))
      .reviewers,
  queue: async (status: 'open' | 'mine' | 'done' = 'open') =>
    (await api.call<{ items: QueueItem[] }>('qualityQueue', {}, undefined, { status })).items,
  claim: (id: string) => api.call<QueueItem>('claimQueueItem', { id }),
  reviews: async (query: { agent?: string; status?: QualityReview['status'] } = {}) =>
    (await api.call<{ reviews: QualityReview[] }>('qualityReviews', {}, undefined, query)).reviews,
  review: (id: string) =>
    api.call<{ review: QualityReview; history: QualityAuditEntry[] }>('qualityReview', { id }),
  submit: (input: ReviewInput) => api.call<QualityReview>('submitReview', {}, input),
  acknowledge: (id: string) => api.call<QualityReview>('acknowledgeReview', { id }),
  dispute: (id: string, reason: string) => api.call<QualityReview>('disputeReview', { id }, { reason }),
  resolve: (id: string, input: ResolveDispute) => api.call<QualityReview>('resolveDispute', { id }, input),
  calibrations: async () => (await api.call<{ calibrations: Calibration[] }>('calibrations')).calibrations,
  calibration: (id: string) => api.call<Calibration>('calibration', { id }),
  createCalibration: (input: CalibrationInput) => api.call<Calibration>('createCalibration', {}, input),
  closeCalibration: (id: string) => api.call<Calibration>('closeCalibration', { id }),
  scores: (query: { from?: string; to?: string; period: 'day' | 'week' | 'month' }) =>
    api.call<QaScores>('qaScores', {}, undefined, query),
};

/** A score's value as text: 1–5 as is, pass/fail in words, "N/A" for not applicable. */
export function valueText(scale: '1-5' | 'pass-fail', value: number | null | undefined): string {
  if (value === null) return 'N/A';
  if (value === undefined) return '—';
  return scale === 'pass-fail' ? (value === 1 ? 'Pass' : 'Fail') : String(value);
}

/** A total as text. */
export const totalText = (score: number | null) => (score === null ? '—' : score.toFixed(1));

export type { CriterionScore };
