import {
  type Analytics,
  type AnalyticsGroup,
  type AnalyticsRow,
  type Interval,
  type SiteConfig,
  siteTimeZone,
} from '@frontdesk/protocol';
import type { Database, Sql } from '../../db/database';
import { reportingSql, reportingSqlIn } from '../../db/noJit';
import { ApiError } from '../../http/errors';
import { businessHours } from './businessHours';
import { hoursOfDay } from './hours';
import { quantileOfSorted, quantileOfSortedArrays } from './percentiles';
import {
  fetchPeriodBacklog,
  fetchPeriodDeflection,
  fetchPeriods,
  Params,
  periodKey,
  periodsFrom,
  type QueryContext,
} from './periods';

/** What to compute: a range, how to group it, and whether times count business hours only. */
export interface AnalyticsRequest {
  from: Date;
  to: Date;
  /** `site` is one row for the whole site (used by action plans and the weekly summary). */
  groupBy: AnalyticsGroup | 'site';
  interval: Interval;
  businessHours: boolean;
  /**
   * Parts an internal caller does not read, left out to spare their statements (default: everything): `byHour`
   * then comes back as 24 zeros, backlogs as 0 (not for `period`, whose backlog is part of its rows).
   */
  without?: { byHour?: boolean; backlog?: boolean };
}

type Row = Record<string, unknown>;

/**
 * The counts of a set of conversations (`conv`: frt, rt, reopen_count, csat, nps, solved): integers and sums,
 * divided out in {@link toRow} (numeric averages cost more per row), and additive, so that a total is the sum of
 * its periods.
 */
const COUNTS = {
  n: 'count(*)::int',
  csat_n: 'count(csat)::int',
  csat_sum: 'sum(csat)::int',
  satisfied_n: 'count(*) filter (where csat >= 4)::int',
  nps_n: 'count(nps)::int',
  promoters: 'count(*) filter (where nps >= 9)::int',
  detractors: 'count(*) filter (where nps <= 6)::int',
  solved_n: 'count(solved)::int',
  solved_yes: 'count(*) filter (where solved)::int',
  ever_resolved: 'count(*) filter (where rt is not null or reopen_count > 0)::int',
  reopened: 'count(*) filter (where reopen_count > 0)::int',
};
const counts = Object.entries(COUNTS)
  .map(([name, sql]) => `${sql} as ${name}`)
  .join(', ');

/** The counts and both percentiles of each duration, each pair (median, p90) from one sort of the column. */
const AGGREGATES = `${counts},
  percentile_cont(array[0.5, 0.9]) within group (order by frt) as frt_q,
  percentile_cont(array[0.5, 0.9]) within group (order by rt) as rt_q`;

/** The median and p90 columns of each duration from its sorted array (`frt_s`, `rt_s`; see `percentiles.ts`). */
const quantiles = (of: (col: string, f: number) => string) =>
  ['frt', 'rt']
    .flatMap((c) => [`${of(`${c}_s`, 0.5)} as ${c}_median`, `${of(`${c}_s`, 0.9)} as ${c}_p90`])
    .join(', ');

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The one place a conversation's team comes from (an agent in two teams counts for both when not routed). */
function teamSource(teamsParam: string): { join: string; key: string } {
  // A conversation routed to a team (`team_id`, set by routing rules) counts for that team; one without counts for
  // each team of the config whose members include its assignee.
  return {
    join: `left join agents ta on ta.id = c.assignee_id and c.team_id is null
      left join jsonb_to_recordset(${teamsParam}::jsonb) as tm(team_id text, email text)
        on c.team_id is null and tm.email = lower(ta.email)`,
    key: 'coalesce(c.team_id, tm.team_id)',
  };
}

const emptyRow = (key: string, label: string): AnalyticsRow => ({
  key,
  label,
  conversations: 0,
  firstResponseSeconds: { median: null, p90: null },
  resolutionSeconds: { median: null, p90: null },
  csat: { responses: 0, average: null, satisfied: null },
  nps: { responses: 0, score: null },
  solved: { responses: 0, rate: null },
  reopen: { resolved: 0, reopened: 0, rate: null },
  backlog: 0,
  deflection: null,
});

/**
 * Quality figures of a site between `from` and `to`, one row per agent, team, channel or period (in the site's
 * time zone), plus the site's total and conversations by hour of day. Each figure belongs to the conversation's
 * start: a conversation started on Monday and rated on Tuesday counts for Monday. All aggregation runs in SQL.
 */
export async function computeAnalytics(
  db: Sql | Database,
  site: { id: string; config: SiteConfig },
  request: AnalyticsRequest,
): Promise<Analytics & { total: AnalyticsRow }> {
  // The statements are independent: on PostgreSQL they run side by side on the pool's connections, each with JIT
  // off and room to sort (see `reportingSql`).
  return analyticsIn(reportingSql(db), reportingSqlIn(db, siteTimeZone(site.config)), site, request);
}

async function analyticsIn(
  db: Sql,
  inZone: { sql: Sql; local: boolean },
  site: { id: string; config: SiteConfig },
  request: AnalyticsRequest,
): Promise<Analytics & { total: AnalyticsRow }> {
  if (request.to.getTime() <= request.from.getTime())
    throw new ApiError('validation_failed', '"to" must be after "from".');
  if (request.to.getTime() - request.from.getTime() > 3 * 366 * 86_400_000)
    throw new ApiError('validation_failed', 'A range of at most three years.');
  if (request.businessHours && !site.config.businessHours)
    throw new ApiError(
      'validation_failed',
      'businessHours=true needs `businessHours` in the site config: there are no opening hours to count in.',
    );
  const tz = siteTimeZone(site.config);
  const context: QueryContext = {
    siteId: site.id,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    tz,
    interval: request.interval,
  };
  const group = request.groupBy;
  const teams = JSON.stringify(
    site.config.teams.flatMap((t) => t.agents.map((email) => ({ team_id: t.id, email }))),
  );
  // The key of a conversation's row, and the join it needs, built with the query's own parameters.
  const keyOf = (p: Params) => {
    if (group === 'team') {
      const team = teamSource(p.add(teams));
      return { key: `coalesce(${team.key}, '')`, join: team.join };
    }
    const key =
      group === 'agent' ? "coalesce(c.assignee_id, '')" : group === 'channel' ? 'c.channel' : "'site'";
    return { key, join: '' };
  };

  if (group === 'period') context.periods = await fetchPeriods(db, context);
  /**
   * Figures per key (`rows`; `rows+total` adds the row of all conversations, key null, by grouping set `()`), of all
   * conversations alone (`total`), or per period (`periods`: each period's conversations read by an index range in
   * a lateral subquery, rather than sorting the whole range by period; the row of all of them, key null, follows).
   */
  const aggregate = async (mode: 'rows' | 'rows+total' | 'total' | 'periods') => {
    const p = new Params(site.id, context.from, context.to);
    const byKey = mode === 'rows' || mode === 'rows+total';
    const { key, join } = byKey ? keyOf(p) : { key: 'null', join: '' };
    const hours = request.businessHours
      ? businessHours(site.config, (v) => p.add(v), { from: context.from, to: context.to, tz })
      : undefined;
    // Calendar times are the figures stored with each conversation (migration 16); business hours depend on the
    // config, so they are counted from the timestamps. A resolution time exactly when resolved_at is set.
    const figures = hours
      ? `${hours.elapsed('c.created_at', 'c.first_response_at')} as frt,
         ${hours.elapsed('c.created_at', 'c.resolved_at')} as rt`
      : 'c.first_response_seconds as frt, c.resolution_seconds as rt';
    const range = `c.created_at >= $2 and c.created_at < $3${
      mode === 'periods' ? ' and c.created_at >= per.s and c.created_at < per.e' : ''
    }`;
    const conv = `select ${key} as key, ${figures}, c.reopen_count, c.rating_csat as csat, c.rating_nps as nps,
         c.rating_solved as solved
       from conversations c ${join} ${hours?.join() ?? ''}
       where c.site_id = $1 and ${range}`;
    if (mode === 'periods') {
      // Each period's values sorted once into an array: the period's percentiles are read from it, and the total's
      // from all of them without sorting the range again; the total's counts are the sums of the periods'.
      const sorted = (c: string) =>
        `array_agg(${c}::float8 order by ${c}::float8) filter (where ${c} is not null)`;
      const rows = await db.query<Row>(
        `with ${hours?.ctes ?? ''} per as materialized (
           select per.k as key, x.* from ${periodsFrom(p, context)}
           cross join lateral (select ${counts}, ${sorted('frt')} as frt_s, ${sorted('rt')} as rt_s
             from (${conv}) conv) x)
         select key, ${Object.keys(COUNTS).join(', ')}, ${quantiles(quantileOfSorted)} from per
         union all
         select null, ${Object.keys(COUNTS)
           .map((c) => `sum(${c})::int`)
           .join(', ')}, ${quantiles((col, f) => quantileOfSortedArrays('per', col, f))} from per`,
        p.values,
      );
      for (const r of rows) if (r.key !== null) r.key = periodKey(context, r.key);
      return rows;
    }
    const grouped = `select ${byKey ? 'key, ' : ''}${AGGREGATES} from (${conv}) conv
      ${byKey ? `group by ${mode === 'rows+total' ? 'grouping sets ((key), ())' : 'key'}` : ''}`;
    return db.query<Row>(
      `with ${hours?.ctes ?? ''} q as (${grouped})
       select *, frt_q[1] as frt_median, frt_q[2] as frt_p90, rt_q[1] as rt_median, rt_q[2] as rt_p90 from q`,
      p.values,
    );
  };
  // Conversations open at `to`, per key.
  const backlogAt = (keyFor: (p: Params) => { key: string; join: string }) => {
    const b = new Params(site.id, context.to);
    const k = keyFor(b);
    return db.query<{ key: string; n: number }>(
      `select ${k.key} as key, count(*)::int as n from (
         select * from conversations where site_id = $1 and resolved_at is null and created_at < $2
         union all
         select * from conversations where site_id = $1 and resolved_at >= $2 and created_at < $2) c ${k.join}
       group by 1`,
      b.values,
    );
  };
  const whole = () => ({ key: "'site'", join: '' });

  // Start every statement, then wait. The longest first: at most 3 run at once (see `reportingSql`), and the
  // others queue in this order.
  // A conversation counts once in the total, though it counts for each team of an agent in several teams.
  // Teams count the total on its own; agents and channels with their rows (a grouping set), periods from theirs.
  const rowsQuery = aggregate(
    group === 'period' ? 'periods' : group === 'site' ? 'total' : group === 'team' ? 'rows' : 'rows+total',
  );
  const periodDeflection = group === 'period' ? fetchPeriodDeflection(db, context) : undefined;
  const totalQuery = group === 'team' ? aggregate('total') : undefined;
  const hoursQuery = request.without?.byHour
    ? Promise.resolve([])
    : hoursOfDay(inZone, site.id, request.from, request.to, tz);
  const periodBacklog = group === 'period' ? fetchPeriodBacklog(db, context) : undefined;
  const backlog = !request.without?.backlog;
  const backlogByKey = backlog && group !== 'period' && group !== 'site' ? backlogAt(keyOf) : undefined;
  const backlogWhole =
    backlog && group !== 'period' && group !== 'agent' && group !== 'channel' ? backlogAt(whole) : undefined;
  // Settle them all before reading any, so that no failure goes unobserved.
  await Promise.allSettled([
    hoursQuery,
    rowsQuery,
    totalQuery,
    periodBacklog,
    periodDeflection,
    backlogByKey,
    backlogWhole,
  ]);
  const rows = await rowsQuery;
  const byKey = new Map<string, AnalyticsRow>();
  let total = emptyRow('site', 'All');
  for (const r of rows) {
    if (r.key === null || group === 'site') total = toRow(r);
    else byKey.set(String(r.key), toRow(r));
  }
  if (totalQuery) total = toRow((await totalQuery)[0]!);

  if (group === 'period') {
    // Every period of the range gets a row (empty ones too), so trends have no holes.
    for (const key of context.periods!.keys) if (!byKey.has(key)) byKey.set(key, emptyRow(key, key));
    (await periodBacklog!)(byKey);
    (await periodDeflection!)(byKey);
    const last = [...byKey.keys()].sort().at(-1);
    total.backlog = last ? byKey.get(last)!.backlog : 0;
    const help = [...byKey.values()].reduce((sum, r) => sum + (r.deflection?.helpVisitors ?? 0), 0);
    const deflected = [...byKey.values()].reduce((sum, r) => sum + (r.deflection?.deflected ?? 0), 0);
    total.deflection = { helpVisitors: help, deflected, rate: help ? round(deflected / help) : null };
  } else {
    let open = 0;
    if (backlogByKey)
      for (const { key, n } of await backlogByKey) {
        const row = byKey.get(key) ?? emptyRow(key, key);
        row.backlog = n;
        byKey.set(key, row);
        open += n;
      }
    // Agents and channels split the conversations (each counts once): the total is their sum, not another scan.
    // Teams may count one conversation twice, so they count the whole site again.
    total.backlog = backlogWhole ? ((await backlogWhole)[0]?.n ?? 0) : open;
  }
  await label(db, site.config, group, byKey);
  const hours = await hoursQuery;
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const { h, n } of hours) byHour[h] = n;
  const ordered = [...byKey.values()].sort((a, b) =>
    group === 'period'
      ? a.key.localeCompare(b.key)
      : b.conversations - a.conversations || a.label.localeCompare(b.label),
  );
  return {
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    timeZone: tz,
    groupBy: group === 'site' ? 'period' : group,
    interval: request.interval,
    businessHours: request.businessHours,
    byHour,
    rows: group === 'site' ? [] : ordered,
    total: { ...total, key: 'site', label: 'All' },
  };
}

function toRow(r: Row): AnalyticsRow {
  const resolved = Number(r.ever_resolved ?? 0);
  const reopened = Number(r.reopened ?? 0);
  const ratio = (part: unknown, whole: unknown) => (Number(whole ?? 0) ? Number(part) / Number(whole) : null);
  return {
    key: String(r.key),
    label: String(r.key),
    conversations: Number(r.n ?? 0),
    firstResponseSeconds: { median: round(num(r.frt_median)), p90: round(num(r.frt_p90)) },
    resolutionSeconds: { median: round(num(r.rt_median)), p90: round(num(r.rt_p90)) },
    csat: {
      responses: Number(r.csat_n ?? 0),
      average: round(ratio(r.csat_sum, r.csat_n)),
      satisfied: round(ratio(r.satisfied_n, r.csat_n)),
    },
    nps: {
      responses: Number(r.nps_n ?? 0),
      score: round(ratio(100 * (Number(r.promoters ?? 0) - Number(r.detractors ?? 0)), r.nps_n)),
    },
    solved: { responses: Number(r.solved_n ?? 0), rate: round(ratio(r.solved_yes, r.solved_n)) },
    reopen: { resolved, reopened, rate: resolved ? round(reopened / resolved) : null },
    backlog: 0,
    deflection: null,
  };
}

/** Names for keys: agents' names, teams' names; the empty key is "Unassigned" / "No team". */
async function label(
  db: Sql,
  config: SiteConfig,
  group: AnalyticsRequest['groupBy'],
  byKey: Map<string, AnalyticsRow>,
) {
  if (group === 'agent') {
    const ids = [...byKey.keys()].filter(Boolean);
    const agents = ids.length
      ? await db.query<{ id: string; name: string }>(
          'select id, name from agents where id = any($1::text[])',
          [ids],
        )
      : [];
    const names = new Map(agents.map((a) => [a.id, a.name]));
    for (const row of byKey.values()) row.label = row.key ? (names.get(row.key) ?? row.key) : 'Unassigned';
  } else if (group === 'team') {
    const names = new Map(config.teams.map((t) => [t.id, t.name]));
    for (const row of byKey.values()) row.label = row.key ? (names.get(row.key) ?? row.key) : 'No team';
  }
}
