import type {
  ActionPlan,
  ActionStatus,
  AnalyticsRow,
  CreateActionPlanSchema,
  Metric,
  Scope,
  SiteConfig,
  UpdateActionPlanSchema,
} from '@frontdesk/protocol';
import type * as v from 'valibot';
import { newId } from '../../auth/crypto';
import type { Database, Sql } from '../../db/database';
import { iso } from '../../db/rows';
import { ApiError, notFound } from '../../http/errors';
import { computeAnalytics } from './analytics';

/** A targeted figure is measured over this many days: before = the days up to creation, after = up to now. */
export const WINDOW_DAYS = 28;

type Row = Record<string, unknown>;
// The due date as text: a `date` column would come back as a Date at the server's local midnight.
const COLUMNS = "*, to_char(due_date, 'YYYY-MM-DD') as due";
type Site = { id: string; config: SiteConfig };
type Measure = { value: number | null; from: string; to: string };

/** The value of one figure in an analytics row. */
export function metricOf(row: AnalyticsRow | undefined, metric: Metric): number | null {
  if (!row) return null;
  switch (metric) {
    case 'firstResponseMedian':
      return row.firstResponseSeconds.median;
    case 'firstResponseP90':
      return row.firstResponseSeconds.p90;
    case 'resolutionMedian':
      return row.resolutionSeconds.median;
    case 'resolutionP90':
      return row.resolutionSeconds.p90;
    case 'csat':
      return row.csat.average;
    case 'nps':
      return row.nps.score;
    case 'solvedRate':
      return row.solved.rate;
    case 'reopenRate':
      return row.reopen.rate;
    case 'backlog':
      return row.backlog;
  }
}

/**
 * Figures of every agent/team/channel (and the site) over the window ending at `end`: one computation per kind
 * (and per need of the backlog, the one figure that takes statements of its own; hours of day are never read).
 */
function measurer(db: Sql | Database, site: Site, end: Date) {
  const from = new Date(end.getTime() - WINDOW_DAYS * 86_400_000);
  const cache = new Map<string, Promise<Map<string, AnalyticsRow>>>();
  const rowsOf = (kind: Scope['kind'], backlog: boolean) => {
    let rows = cache.get(`${kind}:${backlog}`);
    if (!rows) {
      const groupBy = kind === 'site' ? 'site' : kind;
      rows = computeAnalytics(db, site, {
        from,
        to: end,
        groupBy,
        interval: 'day',
        businessHours: false,
        without: { byHour: true, backlog: !backlog },
      }).then((a) => new Map(kind === 'site' ? [['', a.total]] : a.rows.map((r) => [r.key, r])));
      cache.set(`${kind}:${backlog}`, rows);
    }
    return rows;
  };
  return async (metric: Metric, scope: Scope): Promise<Measure> => ({
    value: metricOf((await rowsOf(scope.kind, metric === 'backlog')).get(scope.id ?? ''), metric),
    from: from.toISOString(),
    to: end.toISOString(),
  });
}

/** Create an improvement item; the figure it targets is measured now and stored as "before". */
export async function createActionPlan(
  db: Sql | Database,
  site: Site,
  input: v.InferOutput<typeof CreateActionPlanSchema>,
  createdBy: string,
): Promise<ActionPlan> {
  await checkReferences(db, site, input);
  const scope: Scope = input.scope.kind === 'site' ? { kind: 'site' } : input.scope;
  const before = await measurer(db, site, new Date())(input.metric, scope);
  const [row] = await db.query<Row>(
    `insert into action_plans (id, site_id, title, owner, due_date, conversation_ids, review_ids, metric, scope,
       notes, baseline, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${COLUMNS}`,
    [
      newId('plan'),
      site.id,
      input.title,
      input.owner,
      input.dueDate,
      JSON.stringify(input.conversationIds),
      JSON.stringify(input.reviewIds),
      input.metric,
      JSON.stringify(scope),
      input.notes ?? null,
      JSON.stringify(before),
      createdBy,
    ],
  );
  return { ...toPlan(row!), after: before };
}

/** The owner must be an agent; linked conversations and the scope's agent or team must belong to this site. */
async function checkReferences(
  db: Sql | Database,
  site: Site,
  input: v.InferOutput<typeof CreateActionPlanSchema>,
) {
  const owner = await db.query('select 1 from agents where lower(email) = $1', [input.owner]);
  if (owner.length === 0)
    throw invalid(
      'body.owner',
      `No agent signs in as "${input.owner}".`,
      'an agent email',
      JSON.stringify(input.owner),
    );
  if (input.conversationIds.length > 0) {
    const found = await db.query<{ id: string }>(
      'select id from conversations where site_id = $1 and id = any($2::text[])',
      [site.id, input.conversationIds],
    );
    const known = new Set(found.map((r) => r.id));
    const missing = input.conversationIds.filter((id) => !known.has(id));
    if (missing.length > 0)
      throw invalid('body.conversationIds', `No conversation of this site has the id ${missing.join(', ')}.`);
  }
  const { kind, id } = input.scope;
  if (kind === 'team' && !site.config.teams.some((t) => t.id === id))
    throw invalid('body.scope.id', `No team "${id}" in the site config.`);
  if (kind === 'agent' && (await db.query('select 1 from agents where id = $1', [id])).length === 0)
    throw invalid('body.scope.id', `No agent has the id "${id}".`);
}

const invalid = (path: string, message: string, expected = 'a known id', received = '') =>
  new ApiError('validation_failed', `Invalid request: ${path}: ${message}`, [
    { path, expected, received, message: `${path}: ${message}` },
  ]);

/** The site's action plans, newest first, each with its figure now; `team` keeps the team's and its agents'. */
export async function listActionPlans(
  db: Sql | Database,
  site: Site,
  filter: { team?: string; status?: ActionStatus },
): Promise<ActionPlan[]> {
  const rows = await db.query<Row>(
    `select ${COLUMNS} from action_plans where site_id = $1 and ($2::text is null or status = $2)
     order by created_at desc, id limit 500`,
    [site.id, filter.status ?? null],
  );
  let plans = rows.map(toPlan);
  if (filter.team) {
    const team = site.config.teams.find((t) => t.id === filter.team);
    if (!team) throw notFound('The team');
    const members = await db.query<{ id: string }>(
      'select id from agents where lower(email) = any($1::text[])',
      [team.agents],
    );
    const ids = new Set(members.map((m) => m.id));
    plans = plans.filter(
      (p) =>
        (p.scope.kind === 'team' && p.scope.id === team.id) ||
        (p.scope.kind === 'agent' && ids.has(p.scope.id ?? '')),
    );
  }
  const measure = measurer(db, site, new Date());
  return Promise.all(plans.map(async (p) => ({ ...p, after: await measure(p.metric, p.scope) })));
}

/** Change an item's status, owner, due date, title or notes. */
export async function updateActionPlan(
  db: Sql | Database,
  site: Site,
  id: string,
  change: v.InferOutput<typeof UpdateActionPlanSchema>,
): Promise<ActionPlan> {
  if (
    change.owner &&
    (await db.query('select 1 from agents where lower(email) = $1', [change.owner])).length === 0
  )
    throw invalid('body.owner', `No agent signs in as "${change.owner}".`);
  const [row] = await db.query<Row>(
    `update action_plans set status = coalesce($3, status), owner = coalesce($4, owner),
       due_date = coalesce($5::date, due_date), title = coalesce($6, title), notes = coalesce($7, notes), updated_at = now()
     where site_id = $1 and id = $2 returning ${COLUMNS}`,
    [
      site.id,
      id,
      change.status ?? null,
      change.owner ?? null,
      change.dueDate ?? null,
      change.title ?? null,
      change.notes ?? null,
    ],
  );
  if (!row) throw notFound('The action plan');
  const plan = toPlan(row);
  return { ...plan, after: await measurer(db, site, new Date())(plan.metric, plan.scope) };
}

function toPlan(r: Row): ActionPlan {
  return {
    id: r.id as string,
    title: r.title as string,
    owner: r.owner as string,
    dueDate: r.due as string,
    status: r.status as ActionStatus,
    conversationIds: r.conversation_ids as string[],
    reviewIds: r.review_ids as string[],
    metric: r.metric as Metric,
    scope: r.scope as Scope,
    notes: (r.notes as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: iso(r.created_at),
    before: r.baseline as Measure,
    after: null,
  };
}
