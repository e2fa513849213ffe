import {
  CalibrationInputSchema,
  DisputeInputSchema,
  type QueueItem,
  ResolveDisputeSchema,
  ReviewInputSchema,
  type SampleReason,
} from '@frontdesk/protocol';
import { Hono } from 'hono';
import * as v from 'valibot';
import { iso, type Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import type { AppEnv } from '../http/types';
import { intQuery, readBody, validate } from '../http/validate';
import { can, requireRole } from '../services/access';
import {
  closeCalibration,
  createCalibration,
  getCalibration,
  listCalibrations,
  siteReviewers,
} from '../services/calibration';
import type { AppContext } from '../services/context';
import { qaScores } from '../services/qaScores';
import {
  answerReview,
  audit,
  REVIEW_SELECT,
  resolveDispute,
  reviewHistory,
  siteReview,
  submitReview,
  toReview,
} from '../services/reviews';
import { sampleSite } from '../services/sampling';

const QueueQuerySchema = v.object({
  status: v.optional(v.picklist(['open', 'mine', 'done'], '"open", "mine" or "done"'), 'open'),
});
const ReviewsQuerySchema = v.object({
  /** `me`: reviews of the signed-in agent; another id needs the reviewer role. */
  agent: v.optional(v.pipe(v.string(), v.maxLength(64))),
  status: v.optional(v.picklist(['submitted', 'acknowledged', 'disputed', 'resolved'])),
});
const DateQuery = v.pipe(v.string(), v.isoDate('a date like 2026-11-30'));
const ScoresQuerySchema = v.object({
  from: v.optional(DateQuery),
  to: v.optional(DateQuery),
  period: v.optional(v.picklist(['day', 'week', 'month'], '"day", "week" or "month"'), 'week'),
});

function toQueueItem(r: Row): QueueItem {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    rubricId: r.rubric_id as string,
    reasons: r.reasons as SampleReason[],
    agentId: (r.agent_id as string | null) ?? null,
    agentName: (r.agent_name as string | null) ?? null,
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedByName: (r.claimer_name as string | null) ?? null,
    status: r.status as QueueItem['status'],
    subject: (r.subject as string | null) ?? null,
    resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
    createdAt: iso(r.created_at),
  };
}

const QUEUE_SELECT = `select q.*, a.name as agent_name, cl.name as claimer_name, c.subject, c.resolved_at
  from quality_queue q join conversations c on c.id = q.conversation_id
  left join agents a on a.id = q.agent_id left join agents cl on cl.id = q.claimed_by`;

/** Quality reviews under `/v1/agent/quality` (mounted behind the agent middleware; each route checks its role). */
export function qualityRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/rubrics', (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const site = c.get('site');
    return c.json({ configVersion: site.configVersion, rubrics: site.config.quality.rubrics });
  });

  // Active agents with the reviewer role: whom a manager may pick for a calibration session.
  app.get('/reviewers', async (c) => {
    requireRole(c.get('roles'), 'manager');
    const reviewers = await siteReviewers(ctx, c.get('site'));
    return c.json({ reviewers: reviewers.map(({ id, name, email }) => ({ id, name, email })) });
  });

  app.get('/queue', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const { status } = validate(QueueQuerySchema, c.req.query(), 'query');
    const where =
      status === 'open'
        ? "q.status <> 'done'"
        : status === 'mine'
          ? "q.status = 'claimed' and q.claimed_by = $2"
          : "q.status = 'done'";
    const rows = await ctx.db.query<Row>(
      `${QUEUE_SELECT} where q.site_id = $1 and ${where} order by q.created_at desc limit $${status === 'mine' ? 3 : 2}`,
      status === 'mine'
        ? [c.get('site').id, c.get('agent').id, intQuery(c, 'limit', 100, 500)]
        : [c.get('site').id, intQuery(c, 'limit', 100, 500)],
    );
    return c.json({ items: rows.map(toQueueItem) });
  });

  app.post('/queue/sample', async (c) => {
    requireRole(c.get('roles'), 'manager');
    return c.json({ added: await sampleSite(ctx, c.get('site')) });
  });

  // Claiming is one conditional update: two reviewers racing for an item, one gets it and the other a 409.
  app.post('/queue/:id/claim', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const { id: siteId } = c.get('site');
    const me = c.get('agent').id;
    const item = await ctx.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `update quality_queue set status = 'claimed', claimed_by = $3, claimed_at = now()
         where id = $1 and site_id = $2 and (status = 'open' or claimed_by = $3) returning id`,
        [c.req.param('id'), siteId, me],
      );
      if (rows.length === 0) {
        const found = await tx.query<Row>('select status from quality_queue where id = $1 and site_id = $2', [
          c.req.param('id'),
          siteId,
        ]);
        if (!found[0]) throw notFound('The queue item');
        throw new ApiError(
          'conflict',
          found[0].status === 'done'
            ? 'This conversation was reviewed already.'
            : 'Another reviewer claimed it first.',
        );
      }
      await audit(tx, siteId, me, 'queue.claimed', {}, { queueItemId: c.req.param('id') });
      return toQueueItem((await tx.query<Row>(`${QUEUE_SELECT} where q.id = $1`, [c.req.param('id')]))[0]!);
    });
    return c.json(item);
  });

  app.post('/queue/:id/release', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const manager = can(c.get('roles'), 'manager');
    const rows = await ctx.db.query<Row>(
      `update quality_queue set status = 'open', claimed_by = null, claimed_at = null
       where id = $1 and site_id = $2 and status = 'claimed' and ($3 or claimed_by = $4) returning id`,
      [c.req.param('id'), c.get('site').id, manager, c.get('agent').id],
    );
    if (rows.length === 0)
      throw new ApiError('conflict', 'Only a claimed item is released, by its reviewer or a manager.');
    return c.body(null, 204);
  });

  app.get('/reviews', async (c) => {
    const query = validate(ReviewsQuerySchema, c.req.query(), 'query');
    const me = c.get('agent').id;
    if (query.agent !== 'me') requireRole(c.get('roles'), 'reviewer');
    const params: unknown[] = [c.get('site').id];
    let where = 'r.site_id = $1 and r.calibration_id is null';
    if (query.agent) {
      params.push(query.agent === 'me' ? me : query.agent);
      where += ` and r.agent_id = $${params.length}`;
    }
    if (query.status) {
      params.push(query.status);
      where += ` and r.status = $${params.length}`;
    }
    const rows = await ctx.db.query<Row>(
      `${REVIEW_SELECT} where ${where} order by r.created_at desc limit 200`,
      params,
    );
    return c.json({ reviews: rows.map(toReview) });
  });

  app.post('/reviews', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const input = await readBody(c, ReviewInputSchema);
    return c.json(await submitReview(ctx, c.get('site'), c.get('agent'), input), 201);
  });

  app.get('/reviews/:id', async (c) => {
    const review = await siteReview(ctx.db, c.get('site').id, c.req.param('id'));
    const me = c.get('agent').id;
    const roles = c.get('roles');
    // Calibration reviews stay blind: their reviewer reads them; another of the session's reviewers only once it
    // closed (even a manager); a manager outside the session at any time.
    let allowed = review.agentId === me || can(roles, 'reviewer');
    if (review.calibrationId) {
      const session = (
        await ctx.db.query<Row>('select status, reviewer_ids from quality_calibrations where id = $1', [
          review.calibrationId,
        ])
      )[0]!;
      const participant = (session.reviewer_ids as string[]).includes(me);
      allowed =
        review.reviewerId === me ||
        (can(roles, 'manager') && (!participant || session.status === 'closed')) ||
        (participant && session.status === 'closed');
    }
    if (!allowed) throw new ApiError('forbidden', 'This review is not yours to read.');
    return c.json({ review, history: await reviewHistory(ctx.db, review.id) });
  });

  app.post('/reviews/:id/acknowledge', async (c) =>
    c.json(await answerReview(ctx, c.get('site'), c.get('agent'), c.req.param('id'), { dispute: false })),
  );

  app.post('/reviews/:id/dispute', async (c) => {
    const { reason } = await readBody(c, DisputeInputSchema);
    return c.json(
      await answerReview(ctx, c.get('site'), c.get('agent'), c.req.param('id'), { dispute: true, reason }),
    );
  });

  app.post('/reviews/:id/resolve', async (c) => {
    requireRole(c.get('roles'), 'manager');
    const input = await readBody(c, ResolveDisputeSchema);
    return c.json(await resolveDispute(ctx, c.get('site'), c.get('agent'), c.req.param('id'), input));
  });

  app.get('/calibrations', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const manager = can(c.get('roles'), 'manager');
    return c.json({ calibrations: await listCalibrations(ctx, c.get('site'), c.get('agent'), manager) });
  });

  app.post('/calibrations', async (c) => {
    requireRole(c.get('roles'), 'manager');
    const input = await readBody(c, CalibrationInputSchema);
    const id = await createCalibration(ctx, c.get('site'), c.get('agent'), input);
    return c.json(await getCalibration(ctx, c.get('site'), c.get('agent'), true, id), 201);
  });

  app.get('/calibrations/:id', async (c) => {
    requireRole(c.get('roles'), 'reviewer');
    const manager = can(c.get('roles'), 'manager');
    return c.json(await getCalibration(ctx, c.get('site'), c.get('agent'), manager, c.req.param('id')));
  });

  app.post('/calibrations/:id/close', async (c) => {
    requireRole(c.get('roles'), 'manager');
    await closeCalibration(ctx, c.get('site'), c.get('agent'), c.req.param('id'));
    return c.json(await getCalibration(ctx, c.get('site'), c.get('agent'), true, c.req.param('id')));
  });

  app.get('/scores', async (c) => {
    requireRole(c.get('roles'), 'manager');
    const query = validate(ScoresQuerySchema, c.req.query(), 'query');
    const to = query.to ? new Date(`${query.to}T00:00:00Z`) : new Date(Date.now() + 86_400_000);
    const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - 90 * 86_400_000);
    if (from >= to)
      throw new ApiError('validation_failed', 'Invalid request: query.from: expected a date before to.');
    return c.json(await qaScores(ctx, c.get('site'), { from, to, period: query.period }));
  });

  return app;
}
