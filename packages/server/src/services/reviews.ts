import {
  type Criterion,
  type CriterionScore,
  type QualityAuditEntry,
  type QualityReview,
  type ResolveDispute,
  type ReviewInput,
  reviewTotal,
  scoreIssues,
} from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Sql } from '../db/database';
import { iso, type Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import type { AgentInfo } from '../http/types';
import type { AppContext } from './context';
import { isUniqueViolation } from './context';
import type { Site } from './sites';

/** Record a state change of a review or calibration session: who did what, with what data. */
export async function audit(
  tx: Sql,
  siteId: string,
  actorId: string,
  action: string,
  refs: { reviewId?: string; calibrationId?: string },
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    'insert into quality_audit (site_id, review_id, calibration_id, actor_id, action, data) values ($1, $2, $3, $4, $5, $6)',
    [siteId, refs.reviewId ?? null, refs.calibrationId ?? null, actorId, action, JSON.stringify(data)],
  );
}

/** Columns of a review with the agent's and reviewer's names. */
export const REVIEW_SELECT = `select r.*, a.name as agent_name, rv.name as reviewer_name from quality_reviews r
  left join agents a on a.id = r.agent_id left join agents rv on rv.id = r.reviewer_id`;

export function toReview(r: Row): QualityReview {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    agentId: (r.agent_id as string | null) ?? null,
    agentName: (r.agent_name as string | null) ?? null,
    reviewerId: (r.reviewer_id as string | null) ?? null,
    reviewerName: (r.reviewer_name as string | null) ?? null,
    rubricId: r.rubric_id as string,
    configVersion: Number(r.config_version),
    criteria: r.criteria as Criterion[],
    scores: r.scores as CriterionScore[],
    score: r.score === null || r.score === undefined ? null : Math.round(Number(r.score) * 10) / 10,
    calibrationId: (r.calibration_id as string | null) ?? null,
    status: r.status as QualityReview['status'],
    disputeReason: (r.dispute_reason as string | null) ?? null,
    resolution: (r.resolution as QualityReview['resolution']) ?? null,
    resolutionNote: (r.resolution_note as string | null) ?? null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function invalid(path: string, message: string): ApiError {
  return new ApiError('validation_failed', `Invalid request: ${path}: ${message}`, [
    { path, expected: message, received: 'something else', message: `${path}: ${message}` },
  ]);
}

/** Check scores against criteria and the conversation's messages; a 400 naming the first bad path. */
async function checkScores(
  tx: Sql,
  conversationId: string,
  criteria: readonly Criterion[],
  scores: readonly CriterionScore[],
  prefix: string,
): Promise<void> {
  const issues = scoreIssues(criteria, scores);
  if (issues.length > 0) {
    const all = issues.map(([path, expected]) => ({
      path: `${prefix}.${path}`,
      expected,
      received: 'something else',
      message: `${prefix}.${path}: expected ${expected}`,
    }));
    throw new ApiError('validation_failed', `Invalid request: ${all[0]!.message}`, all);
  }
  const anchored = scores.flatMap((s, i) => (s.messageId ? [[i, s.messageId] as const] : []));
  if (anchored.length === 0) return;
  const found = new Set(
    (
      await tx.query<{ id: string }>(
        'select id from messages where conversation_id = $1 and id = any($2::text[])',
        [conversationId, anchored.map(([, id]) => id)],
      )
    ).map((r) => r.id),
  );
  for (const [i, id] of anchored)
    if (!found.has(id))
      throw invalid(
        `${prefix}.scores[${i}].messageId`,
        `the id of a message of this conversation, not "${id}"`,
      );
}

/** Who answered a conversation: its assignee, else the agent who wrote its last visible reply. */
export async function answeringAgent(tx: Sql, conversation: Row): Promise<string | null> {
  if (conversation.assignee_id) return conversation.assignee_id as string;
  const rows = await tx.query<{ author_id: string }>(
    `select author_id from messages where conversation_id = $1 and author_kind = 'agent' and not internal
     order by seq desc limit 1`,
    [conversation.id],
  );
  return rows[0]?.author_id ?? null;
}

/**
 * Store a review of a resolved conversation by `reviewer`, scored against the site's current rubric (or the
 * calibration session's copy of it). The total is computed here, never taken from the client.
 */
export async function submitReview(
  ctx: AppContext,
  site: Site,
  reviewer: AgentInfo,
  input: ReviewInput,
): Promise<QualityReview> {
  return ctx.db.transaction(async (tx) => {
    const conv = (
      await tx.query<Row>('select * from conversations where id = $1 and site_id = $2', [
        input.conversationId,
        site.id,
      ])
    )[0];
    if (!conv) throw notFound('The conversation');
    if (conv.status !== 'resolved')
      throw new ApiError('conflict', 'Only resolved conversations are reviewed: resolve it first.');
    let criteria: Criterion[];
    let configVersion = site.configVersion;
    const agentId = await answeringAgent(tx, conv);
    if (input.calibrationId) {
      const session = (
        await tx.query<Row>('select * from quality_calibrations where id = $1 and site_id = $2', [
          input.calibrationId,
          site.id,
        ])
      )[0];
      if (!session) throw notFound('The calibration session');
      if (session.status !== 'open') throw new ApiError('conflict', 'This calibration session is closed.');
      if (!(session.reviewer_ids as string[]).includes(reviewer.id))
        throw new ApiError('forbidden', 'You are not a reviewer of this calibration session.');
      if (!(session.conversation_ids as string[]).includes(conv.id as string))
        throw invalid('body.conversationId', 'a conversation of this calibration session');
      if (session.rubric_id !== input.rubricId)
        throw invalid('body.rubricId', `the session's rubric "${session.rubric_id as string}"`);
      criteria = session.criteria as Criterion[];
      configVersion = Number(session.config_version);
    } else {
      const rubric = site.config.quality.rubrics.find((r) => r.id === input.rubricId);
      if (!rubric)
        throw invalid(
          'body.rubricId',
          `the id of a rubric in the site config (${site.config.quality.rubrics.map((r) => r.id).join(', ') || 'none defined'})`,
        );
      criteria = rubric.criteria;
      if (agentId === reviewer.id) throw new ApiError('forbidden', 'Nobody reviews their own conversations.');
      const claimed = await tx.query<{ name: string | null }>(
        `select a.name from quality_queue q left join agents a on a.id = q.claimed_by
         where q.conversation_id = $1 and q.status = 'claimed' and q.claimed_by <> $2`,
        [conv.id, reviewer.id],
      );
      if (claimed[0])
        throw new ApiError(
          'conflict',
          `${claimed[0].name ?? 'Another reviewer'} has claimed this conversation.`,
        );
    }
    await checkScores(tx, conv.id as string, criteria, input.scores, 'body');
    const id = newId('qr');
    const scores = input.scores.map(({ criterionId, value, comment, messageId }) => ({
      criterionId,
      value,
      ...(comment ? { comment } : {}),
      ...(messageId ? { messageId } : {}),
    }));
    try {
      await tx.query(
        `insert into quality_reviews (id, site_id, conversation_id, agent_id, reviewer_id, rubric_id, config_version,
           criteria, scores, score, calibration_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          site.id,
          conv.id,
          agentId,
          reviewer.id,
          input.rubricId,
          configVersion,
          JSON.stringify(criteria),
          JSON.stringify(scores),
          reviewTotal(criteria, scores),
          input.calibrationId ?? null,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError('conflict', 'You have already reviewed this conversation.');
      throw error;
    }
    if (!input.calibrationId)
      await tx.query("update quality_queue set status = 'done' where conversation_id = $1", [conv.id]);
    await audit(tx, site.id, reviewer.id, 'review.submitted', {
      reviewId: id,
      ...(input.calibrationId ? { calibrationId: input.calibrationId } : {}),
    });
    return toReview((await tx.query<Row>(`${REVIEW_SELECT} where r.id = $1`, [id]))[0]!);
  });
}

/** A review of the site, or 404. */
export async function siteReview(db: Sql, siteId: string, id: string): Promise<QualityReview> {
  const row = (await db.query<Row>(`${REVIEW_SELECT} where r.id = $1 and r.site_id = $2`, [id, siteId]))[0];
  if (!row) throw notFound('The review');
  return toReview(row);
}

/** The reviewed agent acknowledges or disputes their review (only a fresh, submitted one). */
export async function answerReview(
  ctx: AppContext,
  site: Site,
  agent: AgentInfo,
  id: string,
  answer: { dispute: false } | { dispute: true; reason: string },
): Promise<QualityReview> {
  return ctx.db.transaction(async (tx) => {
    const review = await siteReview(tx, site.id, id);
    if (review.agentId !== agent.id || review.calibrationId)
      throw new ApiError('forbidden', 'Only the reviewed agent answers a review.');
    if (review.status !== 'submitted')
      throw new ApiError('conflict', `This review was already ${review.status}.`);
    const status = answer.dispute ? 'disputed' : 'acknowledged';
    await tx.query(
      'update quality_reviews set status = $2, dispute_reason = $3, updated_at = now() where id = $1',
      [id, status, answer.dispute ? answer.reason : null],
    );
    await audit(
      tx,
      site.id,
      agent.id,
      `review.${status}`,
      { reviewId: id },
      answer.dispute ? { reason: answer.reason } : {},
    );
    return siteReview(tx, site.id, id);
  });
}

/** A manager resolves a dispute: the score upheld, or changed (recomputed from new scores on the same criteria). */
export async function resolveDispute(
  ctx: AppContext,
  site: Site,
  manager: AgentInfo,
  id: string,
  input: ResolveDispute,
): Promise<QualityReview> {
  return ctx.db.transaction(async (tx) => {
    const review = await siteReview(tx, site.id, id);
    if (review.status !== 'disputed') throw new ApiError('conflict', 'This review is not disputed.');
    let scores = review.scores;
    if (input.outcome === 'changed' && input.scores) {
      await checkScores(tx, review.conversationId, review.criteria, input.scores, 'body');
      scores = input.scores;
    }
    const score = reviewTotal(review.criteria, scores);
    await tx.query(
      `update quality_reviews set status = 'resolved', resolution = $2, resolution_note = $3, resolved_by = $4,
         scores = $5, score = $6, updated_at = now() where id = $1`,
      [id, input.outcome, input.note, manager.id, JSON.stringify(scores), score],
    );
    await audit(
      tx,
      site.id,
      manager.id,
      'review.resolved',
      { reviewId: id },
      {
        outcome: input.outcome,
        note: input.note,
        scoreBefore: review.score,
        scoreAfter: score,
      },
    );
    return siteReview(tx, site.id, id);
  });
}

/** The history of a review, oldest first. */
export async function reviewHistory(db: Sql, id: string): Promise<QualityAuditEntry[]> {
  const rows = await db.query<Row>(
    `select q.*, a.name as actor_name from quality_audit q left join agents a on a.id = q.actor_id
     where q.review_id = $1 order by q.id`,
    [id],
  );
  return rows.map((r) => ({
    action: r.action as string,
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    data: r.data as Record<string, unknown>,
    at: iso(r.created_at),
  }));
}
