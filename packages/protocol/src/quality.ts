import * as v from 'valibot';
import { IdSchema } from './common';

const SlugSchema = (what: string) =>
  v.pipe(v.string(`a ${what}`), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, `a ${what} of a-z, 0-9 and -`));

/** One criterion of a rubric, e.g. "Greeting" or "Privacy". */
export const CriterionSchema = v.strictObject({
  /** Stable id, kept in reviews and analytics, e.g. `empathy`. */
  id: SlugSchema('criterion id'),
  /** Name shown to reviewers and agents. */
  name: v.pipe(v.string('a criterion name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(100)),
  /** What a reviewer looks for, shown beside the scale. */
  description: v.optional(v.pipe(v.string('a description'), v.maxLength(1000)), ''),
  /** `1-5` (1 worst, 5 best) or `pass-fail` (scored 1 for pass, 0 for fail). */
  scale: v.optional(v.picklist(['1-5', 'pass-fail'], '"1-5" or "pass-fail"'), '1-5'),
  /** Share of this criterion in the weighted total (relative to the other criteria); 0 scores it without counting it. */
  weight: v.optional(
    v.pipe(v.number('a weight'), v.minValue(0, 'a weight of 0 or more'), v.maxValue(100)),
    1,
  ),
  /** The reviewer may mark it "not applicable": it then drops out of the total. */
  allowNotApplicable: v.optional(v.boolean(), false),
  /** Failing it (fail, or 1 on a 1–5 scale) makes the whole review score 0, e.g. a privacy breach. */
  autoFail: v.optional(v.boolean(), false),
});

/** A rubric: the criteria a conversation is reviewed against. */
export const RubricSchema = v.strictObject({
  /** Stable id, kept in reviews, e.g. `chat`. */
  id: SlugSchema('rubric id'),
  /** Name shown in the console. */
  name: v.pipe(v.string('a rubric name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(100)),
  /** The criteria, in the order reviewers see them. */
  criteria: v.pipe(v.array(CriterionSchema), v.minLength(1, 'at least one criterion'), v.maxLength(30)),
});

/** Why a conversation may be sampled into the review queue. */
export const SampleReasonSchema = v.picklist(
  ['random', 'lowCsat', 'notSolved', 'slowFirstResponse', 'escalated', 'newAgent'],
  'one of random, lowCsat, notSolved, slowFirstResponse, escalated, newAgent',
);

/**
 * A sampling rule: resolved conversations that match it enter the review queue (once each, with every reason that
 * matched). `random` takes a deterministic share of all resolved conversations.
 */
export const SamplingRuleSchema = v.strictObject({
  /** What the rule picks: `random` (a share), `lowCsat`, `notSolved` (rating said not solved),
   * `slowFirstResponse`, `escalated` (the bot handed over, or the visitor reopened it), `newAgent`. */
  when: SampleReasonSchema,
  /** `random`: the share of resolved conversations to sample, from 0 to 1 (e.g. 0.05 for 5 %). */
  share: v.optional(
    v.pipe(v.number('a share'), v.minValue(0, 'a share of 0 to 1'), v.maxValue(1, 'a share of 0 to 1')),
  ),
  /** `lowCsat`: sample ratings of at most this CSAT (default 2). */
  csatAtMost: v.optional(v.pipe(v.number(), v.integer('a whole number'), v.minValue(1), v.maxValue(5))),
  /** `slowFirstResponse`: sample when the first agent reply came later than this many minutes (default 15). */
  firstResponseOverMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100_000))),
  /** `newAgent`: sample conversations of agents whose account is younger than this many days (default 30). */
  agentDaysUnder: v.optional(
    v.pipe(v.number(), v.integer('a whole number'), v.minValue(1), v.maxValue(3650)),
  ),
  /** Rubric to review with (default: the first rubric). */
  rubric: v.optional(SlugSchema('rubric id')),
});

/** Quality reviews: rubrics and sampling rules (server-only; see docs/quality.md). */
export const QualitySchema = v.strictObject({
  /** Rubrics reviewers score conversations against; a review keeps a copy of the criteria it used. */
  rubrics: v.optional(v.pipe(v.array(RubricSchema), v.maxLength(20)), []),
  /** Rules that put resolved conversations into the review queue; see `SamplingRuleSchema`. */
  sampling: v.optional(v.pipe(v.array(SamplingRuleSchema), v.maxLength(50)), []),
});

export type Criterion = v.InferOutput<typeof CriterionSchema>;
export type Rubric = v.InferOutput<typeof RubricSchema>;
export type SampleReason = v.InferOutput<typeof SampleReasonSchema>;
export type SamplingRule = v.InferOutput<typeof SamplingRuleSchema>;
export type QualitySettings = v.InferOutput<typeof QualitySchema>;

/** One criterion's score in a review: `value` is null for "not applicable". */
export const CriterionScoreSchema = v.strictObject({
  criterionId: SlugSchema('criterion id'),
  /** 1–5, or 1 (pass) / 0 (fail); null for not applicable. */
  value: v.nullable(
    v.pipe(v.number('a score'), v.integer('a whole-number score'), v.minValue(0), v.maxValue(5)),
  ),
  /** Optional remark for the agent. */
  comment: v.optional(
    v.pipe(v.string('a comment'), v.maxLength(2000, 'a comment of at most 2000 characters')),
  ),
  /** The message the comment is about (an id from the conversation). */
  messageId: v.optional(IdSchema),
});

/** Body of `POST /v1/agent/quality/reviews`. */
export const ReviewInputSchema = v.strictObject({
  conversationId: IdSchema,
  /** Rubric id from the current config. */
  rubricId: SlugSchema('rubric id'),
  scores: v.pipe(v.array(CriterionScoreSchema), v.minLength(1, 'at least one score'), v.maxLength(30)),
  /** Score as part of this calibration session (blind; not shown to the agent). */
  calibrationId: v.optional(IdSchema),
});

/** Body of disputing a review. */
export const DisputeInputSchema = v.strictObject({
  reason: v.pipe(v.string('a reason'), v.trim(), v.minLength(1, 'a reason'), v.maxLength(2000)),
});

/** Body of resolving a dispute: keep the score, or change the scores (all of them, as in a review). */
export const ResolveDisputeSchema = v.pipe(
  v.strictObject({
    outcome: v.picklist(['upheld', 'changed'], '"upheld" or "changed"'),
    note: v.pipe(v.string('a note'), v.trim(), v.minLength(1, 'a note for the agent'), v.maxLength(2000)),
    scores: v.optional(v.pipe(v.array(CriterionScoreSchema), v.minLength(1), v.maxLength(30))),
  }),
  v.forward(
    v.check(
      (r) => r.outcome === 'upheld' || r.scores !== undefined,
      'the new scores when the outcome is "changed"',
    ),
    ['scores'],
  ),
);

/** Body of creating a calibration session. */
export const CalibrationInputSchema = v.strictObject({
  name: v.pipe(v.string('a name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(100)),
  rubricId: SlugSchema('rubric id'),
  conversationIds: v.pipe(v.array(IdSchema), v.minLength(1, 'at least one conversation'), v.maxLength(50)),
  /** The reviewers (agent ids) who score every conversation blind. */
  reviewerIds: v.pipe(v.array(IdSchema), v.minLength(2, 'at least two reviewers'), v.maxLength(20)),
});

export type CriterionScore = v.InferOutput<typeof CriterionScoreSchema>;
export type ReviewInput = v.InferOutput<typeof ReviewInputSchema>;
export type ResolveDispute = v.InferOutput<typeof ResolveDisputeSchema>;
export type CalibrationInput = v.InferOutput<typeof CalibrationInputSchema>;

/** Where a criterion's value sits from 0 (worst) to 1 (best). */
export function normalizedScore(criterion: Criterion, value: number): number {
  return criterion.scale === 'pass-fail' ? value : (value - 1) / 4;
}

/** True when `value` fails the criterion (fail, or 1 on a 1–5 scale). */
export function fails(criterion: Criterion, value: number): boolean {
  return criterion.scale === 'pass-fail' ? value === 0 : value === 1;
}

/**
 * The weighted total of a review, 0–100 with one decimal: 100 × Σ wᵢ·sᵢ / Σ wᵢ over the criteria that were not
 * marked not applicable, where sᵢ is the score scaled to 0–1 (1–5 → (v−1)/4, pass 1, fail 0). A failed auto-fail
 * criterion makes it 0. Null when nothing counts (every criterion not applicable or weight 0).
 */
export function reviewTotal(
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
): number | null {
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const value = scores.find((s) => s.criterionId === criterion.id)?.value;
    if (value === null || value === undefined) continue;
    if (criterion.autoFail && fails(criterion, value)) return 0;
    sum += criterion.weight * normalizedScore(criterion, value);
    weights += criterion.weight;
  }
  return weights === 0 ? null : Math.round((1000 * sum) / weights) / 10;
}

/**
 * Problems of `scores` against `criteria`, as `[path, message]`: unknown or repeated criteria, missing ones,
 * values off the scale, "not applicable" where it is not allowed.
 */
export function scoreIssues(
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  scores.forEach((score, i) => {
    const criterion = criteria.find((c) => c.id === score.criterionId);
    const path = `scores[${i}]`;
    if (!criterion) {
      out.push([
        `${path}.criterionId`,
        `"${score.criterionId}" is not a criterion of this rubric (${criteria.map((c) => c.id).join(', ')})`,
      ]);
      return;
    }
    if (seen.has(criterion.id)) out.push([`${path}.criterionId`, `"${criterion.id}" is scored twice`]);
    seen.add(criterion.id);
    if (score.value === null) {
      if (!criterion.allowNotApplicable)
        out.push([`${path}.value`, `"${criterion.id}" cannot be marked not applicable`]);
    } else if (criterion.scale === 'pass-fail' ? score.value > 1 : score.value < 1)
      out.push([
        `${path}.value`,
        `"${criterion.id}" is scored ${criterion.scale === 'pass-fail' ? '1 (pass) or 0 (fail)' : 'from 1 to 5'}, found ${score.value}`,
      ]);
  });
  for (const criterion of criteria)
    if (!seen.has(criterion.id))
      out.push(['scores', `a score for "${criterion.id}" (null when not applicable)`]);
  return out;
}

/** A review as the API answers it (`/v1/agent/quality/reviews`). */
export interface QualityReview {
  id: string;
  conversationId: string;
  /** The reviewed agent (who answered the conversation), null when nobody did. */
  agentId: string | null;
  agentName: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
  rubricId: string;
  /** The site config version whose rubric was used. */
  configVersion: number;
  /** The criteria as they were when the review was made. */
  criteria: Criterion[];
  scores: CriterionScore[];
  /** Weighted total 0–100 (see `reviewTotal`); null when every criterion was not applicable. */
  score: number | null;
  calibrationId: string | null;
  /** `submitted` → `acknowledged`, or `disputed` → `resolved`. */
  status: 'submitted' | 'acknowledged' | 'disputed' | 'resolved';
  disputeReason: string | null;
  /** How a dispute ended: the score `upheld` or `changed`. */
  resolution: 'upheld' | 'changed' | null;
  resolutionNote: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A conversation waiting in the review queue, with why it was sampled. */
export interface QueueItem {
  id: string;
  conversationId: string;
  rubricId: string;
  reasons: SampleReason[];
  agentId: string | null;
  agentName: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  status: 'open' | 'claimed' | 'done';
  subject: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/** One state change of a review or calibration session (who, what, when). */
export interface QualityAuditEntry {
  action: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  at: string;
}

/** A calibration session; `results` once closed. */
export interface Calibration {
  id: string;
  name: string;
  rubricId: string;
  configVersion: number;
  criteria: Criterion[];
  conversationIds: string[];
  reviewers: { id: string; name: string; submitted: number }[];
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  /** The signed-in reviewer's own reviews in the session. */
  mine: QualityReview[];
  results: CalibrationResults | null;
}

/** Agreement of a closed calibration session. */
export interface CalibrationResults {
  criteria: {
    criterionId: string;
    name: string;
    /** Krippendorff's alpha for ordinal data; null when there was no variation or too little data. */
    alpha: number | null;
    /** Per conversation: each reviewer's value (null: not applicable or not scored), range and std. */
    items: { conversationId: string; values: (number | null)[]; range: number | null; std: number | null }[];
  }[];
  /** Reviewer ids in the order of `items[].values`. */
  reviewerIds: string[];
  /** Per conversation: every reviewer's total and their spread. */
  totals: { conversationId: string; values: (number | null)[]; range: number | null; std: number | null }[];
}

/** QA scores over a period (`GET /v1/agent/quality/scores`): averages of review totals and criteria, 0–100. */
export interface QaScores {
  from: string;
  to: string;
  period: 'day' | 'week' | 'month';
  timeZone: string;
  overall: { reviews: number; score: number | null };
  byAgent: { agentId: string | null; name: string; reviews: number; score: number | null }[];
  byCriterion: { criterionId: string; name: string; scored: number; average: number | null }[];
  byAgentCriterion: { agentId: string | null; criterionId: string; scored: number; average: number | null }[];
  byPeriod: { period: string; reviews: number; score: number | null }[];
}
