import type {
  Calibration,
  CalibrationInput,
  CalibrationResults,
  Criterion,
  QualityReview,
} from '@frontdesk/protocol';
import { reviewTotal } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Sql } from '../db/database';
import { iso, type Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import type { AgentInfo } from '../http/types';
import { can, siteRolesOf } from './access';
import type { AppContext } from './context';
import { ordinalAlpha, spread } from './krippendorff';
import { audit, REVIEW_SELECT, toReview } from './reviews';
import type { Site } from './sites';

function invalid(path: string, expected: string, received: string): ApiError {
  const message = `${path}: expected ${expected}, found ${received}`;
  return new ApiError('validation_failed', `Invalid request: ${message}`, [
    { path, expected, received, message },
  ]);
}

/** Active agents with the reviewer role on `site` (who may score calibration sessions), by name. */
export async function siteReviewers(ctx: AppContext, site: Site): Promise<AgentInfo[]> {
  const agents = await ctx.db.query<AgentInfo>(
    'select id, email, name, role, status from agents where not disabled order by name, id',
  );
  const roles = await Promise.all(agents.map((a) => siteRolesOf(ctx, a, site.id)));
  return agents.filter((_, i) => can(roles[i]!, 'reviewer'));
}

/** Create a calibration session: the rubric's current criteria are copied so every reviewer scores the same ones. */
export async function createCalibration(
  ctx: AppContext,
  site: Site,
  manager: AgentInfo,
  input: CalibrationInput,
): Promise<string> {
  const rubric = site.config.quality.rubrics.find((r) => r.id === input.rubricId);
  if (!rubric)
    throw invalid('body.rubricId', 'the id of a rubric in the site config', JSON.stringify(input.rubricId));
  const reviewers = new Set((await siteReviewers(ctx, site)).map((a) => a.id));
  return ctx.db.transaction(async (tx) => {
    input.reviewerIds.forEach((id, i) => {
      if (!reviewers.has(id))
        throw invalid(
          `body.reviewerIds[${i}]`,
          'the id of an active agent with the reviewer role',
          JSON.stringify(id),
        );
    });
    const resolved = new Set(
      (
        await tx.query<{ id: string }>(
          "select id from conversations where site_id = $1 and id = any($2::text[]) and status = 'resolved'",
          [site.id, input.conversationIds],
        )
      ).map((r) => r.id),
    );
    input.conversationIds.forEach((id, i) => {
      if (!resolved.has(id))
        throw invalid(
          `body.conversationIds[${i}]`,
          'the id of a resolved conversation of this site',
          JSON.stringify(id),
        );
    });
    const id = newId('qc');
    await tx.query(
      `insert into quality_calibrations (id, site_id, name, rubric_id, config_version, criteria, conversation_ids,
         reviewer_ids, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        site.id,
        input.name,
        rubric.id,
        site.configVersion,
        JSON.stringify(rubric.criteria),
        JSON.stringify([...new Set(input.conversationIds)]),
        JSON.stringify([...new Set(input.reviewerIds)]),
        manager.id,
      ],
    );
    await audit(tx, site.id, manager.id, 'calibration.created', { calibrationId: id });
    return id;
  });
}

/** Close a session: from now on its reviewers see each other's scores and the agreement. */
export async function closeCalibration(
  ctx: AppContext,
  site: Site,
  manager: AgentInfo,
  id: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query(
      "update quality_calibrations set status = 'closed', closed_at = now() where id = $1 and site_id = $2 and status = 'open' returning id",
      [id, site.id],
    );
    if (rows.length === 0) {
      await sessionRow(tx, site.id, id);
      throw new ApiError('conflict', 'This calibration session is already closed.');
    }
    await audit(tx, site.id, manager.id, 'calibration.closed', { calibrationId: id });
  });
}

async function sessionRow(db: Sql, siteId: string, id: string): Promise<Row> {
  const row = (
    await db.query<Row>('select * from quality_calibrations where id = $1 and site_id = $2', [id, siteId])
  )[0];
  if (!row) throw notFound('The calibration session');
  return row;
}

/** Agreement per criterion (ordinal alpha) and the spread per conversation, over every reviewer's scores. */
export function calibrationResults(
  criteria: readonly Criterion[],
  conversationIds: readonly string[],
  reviewerIds: readonly string[],
  reviews: readonly QualityReview[],
): CalibrationResults {
  const find = (conversationId: string, reviewerId: string) =>
    reviews.find((r) => r.conversationId === conversationId && r.reviewerId === reviewerId);
  const row = (values: (number | null)[]) => {
    const s = spread(values);
    return { values, range: s?.range ?? null, std: s === null ? null : Math.round(s.std * 1000) / 1000 };
  };
  return {
    reviewerIds: [...reviewerIds],
    criteria: criteria.map((criterion) => {
      const matrix = conversationIds.map((c) =>
        reviewerIds.map((r) => find(c, r)?.scores.find((s) => s.criterionId === criterion.id)?.value ?? null),
      );
      return {
        criterionId: criterion.id,
        name: criterion.name,
        alpha: ordinalAlpha(matrix),
        items: conversationIds.map((conversationId, i) => ({ conversationId, ...row(matrix[i]!) })),
      };
    }),
    totals: conversationIds.map((conversationId) => ({
      conversationId,
      ...row(
        reviewerIds.map((r) => {
          const review = find(conversationId, r);
          return review ? reviewTotal(criteria, review.scores) : null;
        }),
      ),
    })),
  };
}

/**
 * A session as `viewer` may see it: their own reviews always; everyone's scores and the agreement only once it is
 * closed (blind until then), and only for its reviewers and managers.
 */
export async function getCalibration(
  ctx: AppContext,
  site: Site,
  viewer: AgentInfo,
  manager: boolean,
  id: string,
): Promise<Calibration> {
  const session = await sessionRow(ctx.db, site.id, id);
  const reviewerIds = session.reviewer_ids as string[];
  if (!manager && !reviewerIds.includes(viewer.id))
    throw new ApiError('forbidden', 'You are not a reviewer of this calibration session.');
  const reviews = (await ctx.db.query<Row>(`${REVIEW_SELECT} where r.calibration_id = $1`, [id])).map(
    toReview,
  );
  const names = new Map(
    (
      await ctx.db.query<{ id: string; name: string }>(
        'select id, name from agents where id = any($1::text[])',
        [reviewerIds],
      )
    ).map((a) => [a.id, a.name]),
  );
  const closed = session.status === 'closed';
  const criteria = session.criteria as Criterion[];
  const conversationIds = session.conversation_ids as string[];
  return {
    id,
    name: session.name as string,
    rubricId: session.rubric_id as string,
    configVersion: Number(session.config_version),
    criteria,
    conversationIds,
    reviewers: reviewerIds.map((r) => ({
      id: r,
      name: names.get(r) ?? r,
      submitted: reviews.filter((x) => x.reviewerId === r).length,
    })),
    status: closed ? 'closed' : 'open',
    createdAt: iso(session.created_at),
    closedAt: session.closed_at ? iso(session.closed_at) : null,
    mine: reviews.filter((r) => r.reviewerId === viewer.id),
    results: closed ? calibrationResults(criteria, conversationIds, reviewerIds, reviews) : null,
  };
}

/** Sessions the viewer takes part in (managers: every session), newest first. */
export async function listCalibrations(
  ctx: AppContext,
  site: Site,
  viewer: AgentInfo,
  manager: boolean,
): Promise<Calibration[]> {
  const rows = await ctx.db.query<{ id: string; reviewer_ids: string[] }>(
    'select id, reviewer_ids from quality_calibrations where site_id = $1 order by created_at desc limit 100',
    [site.id],
  );
  const visible = rows.filter((r) => manager || r.reviewer_ids.includes(viewer.id));
  return Promise.all(visible.map((r) => getCalibration(ctx, site, viewer, manager, r.id)));
}
