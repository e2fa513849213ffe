import {
  type Analytics,
  type AnalyticsGroup,
  type AnalyticsRow,
  type Interval,
  type SiteConfig,
  siteTimeZone,
} from '@frontdesk/protocol';
import type { Database, Sql } from '../../db/database';
import { reportingSql } from '../../db/noJit';
import { ApiError } from '../../http/errors';
import { businessHours } from './businessHours';

/** What to compute: a range, how to group it, and whether times count business hours only. */
export interface AnalyticsRequest {
  from: Date;
  to: Date;
  /** `site` is one row for the whole site (used by action plans and the weekly summary). */
  groupBy: AnalyticsGroup | 'site';
  interval: Interval;
  businessHours: boolean;
}

type Row = Record<string, unknown>;

/** The fixed inputs of every query of one request. */
interface QueryContext {
  siteId: string;
  from: string;
  to: string;
  tz: string;
  interval: Interval;
  /** The periods of the range: their keys (`YYYY-MM-DD`) and start instants (a PostgreSQL array literal). */
  periods?: { keys: string[]; starts: string };
}

/** Parameters of one statement: `add` returns the placeholder (PostgreSQL refuses unused, untyped ones). */
class Params {
  readonly values: unknown[];
  constructor(...values: unknown[]) {
    this.values = values;
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The period a timestamp column falls in, as its number (1 = the first; {@link periodKey} names it): a binary search
 * in the periods' start instants, far cheaper per row than converting each timestamp to local time. A number, not
 * the key: grouping sorts by it, and integers sort several times faster than text.
 */
function bucket(p: Params, column: string, context: QueryContext): string {
  // Array parameters are parsed once, at bind time (a text-to-array cast would run per row).
  return `width_bucket(${column}, ${p.add(context.periods!.starts)}::timestamptz[])`;
}
/** The key (`YYYY-MM-DD`, the period's first day in the site's time zone) of a {@link bucket} number. */
const periodKey = (context: QueryContext, n: unknown) => context.periods!.keys[Number(n) - 1]!;
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
  return analyticsIn(reportingSql(db), site, request);
}

async function analyticsIn(
  db: Sql,
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
      group === 'period'
        ? bucket(p, 'c.created_at', context)
        : group === 'agent'
          ? "coalesce(c.assignee_id, '')"
          : group === 'channel'
            ? 'c.channel'
            : "'site'";
    return { key, join: '' };
  };

  if (group === 'period') {
    // Every period of the range, in local time, with the instant it starts.
    const periods = await db.query<{ key: string; start: Date | string }>(
      `select to_char(g, 'YYYY-MM-DD') as key, g at time zone $3::text as start from generate_series(
         date_trunc($4::text, $2::timestamptz at time zone $3::text),
         ($1::timestamptz at time zone $3::text) - interval '1 microsecond', ('1 ' || $4::text)::interval) g`,
      [context.to, context.from, tz, request.interval],
    );
    context.periods = {
      keys: periods.map((r) => r.key),
      starts: `{${periods.map((r) => new Date(r.start).toISOString()).join(',')}}`,
    };
  }
  // Figures per key; with `total`, also the row of all conversations (grouping set `()`, key null).
  const aggregate = async (keyFor: (p: Params) => { key: string; join: string }, total: boolean) => {
    const p = new Params(site.id, context.from, context.to);
    const { key, join } = keyFor(p);
    const hours = request.businessHours
      ? businessHours(site.config, (v) => p.add(v), { from: context.from, to: context.to, tz })
      : undefined;
    const elapsed = (end: string) =>
      hours ? hours.elapsed('c.created_at', end) : `extract(epoch from ${end} - c.created_at)`;
    // Calendar times are the figures stored with each conversation (migration 16); business hours depend on the
    // config, so they are counted from the timestamps. A resolution time exactly when resolved_at is set.
    const figures = hours
      ? `${elapsed('c.first_response_at')} as frt, ${elapsed('c.resolved_at')} as rt`
      : 'c.first_response_seconds as frt, c.resolution_seconds as rt';
    const rows = await db.query<Row>(
      `with ${hours?.ctes ?? ''} conv as (
         select ${key} as key, ${figures}, c.reopen_count, c.rating_csat as csat, c.rating_nps as nps,
           c.rating_solved as solved
         from conversations c ${join} ${hours?.join() ?? ''}
         where c.site_id = $1 and c.created_at >= $2 and c.created_at < $3)
       -- Both percentiles of a column from one sort of it (an array of fractions), not one sort each.
       select *, frt_q[1] as frt_median, frt_q[2] as frt_p90, rt_q[1] as rt_median, rt_q[2] as rt_p90 from (
       select key, count(*)::int as n,
         percentile_cont(array[0.5, 0.9]) within group (order by frt) as frt_q,
         percentile_cont(array[0.5, 0.9]) within group (order by rt) as rt_q,
         count(csat)::int as csat_n, avg(csat) as csat_avg,
         avg(case when csat >= 4 then 1.0 else 0.0 end) filter (where csat is not null) as satisfied,
         count(nps)::int as nps_n,
         avg(case when nps >= 9 then 100.0 when nps <= 6 then -100.0 else 0.0 end) filter (where nps is not null) as nps,
         count(solved)::int as solved_n,
         avg(case when solved then 1.0 else 0.0 end) filter (where solved is not null) as solved_rate,
         count(*) filter (where rt is not null or reopen_count > 0)::int as ever_resolved,
         count(*) filter (where reopen_count > 0)::int as reopened
       from conv group by ${total ? 'grouping sets ((key), ())' : 'key'}) q`,
      p.values,
    );
    if (group === 'period') for (const r of rows) if (r.key !== null) r.key = periodKey(context, r.key);
    return rows;
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

  // Start every statement, then wait: each `then` below applies one answer.
  const hoursQuery = db.query<{ h: number; n: number }>(
    // date_part (a float) rather than extract (a numeric, several times slower per row).
    `select date_part('hour', created_at at time zone $4::text)::int as h, count(*)::int as n
     from conversations where site_id = $1 and created_at >= $2 and created_at < $3 group by 1`,
    [site.id, context.from, context.to, tz],
  );
  // A conversation counts once in the total, though it counts for each team of an agent in several teams.
  const rowsQuery = aggregate(keyOf, group !== 'team');
  const teamTotalQuery = group === 'team' ? aggregate(whole, false) : undefined;
  const periodBacklog = group === 'period' ? fetchPeriodBacklog(db, context) : undefined;
  const periodDeflection = group === 'period' ? fetchPeriodDeflection(db, context) : undefined;
  const backlogByKey = group !== 'period' && group !== 'site' ? backlogAt(keyOf) : undefined;
  const backlogWhole =
    group !== 'period' && group !== 'agent' && group !== 'channel' ? backlogAt(whole) : undefined;
  // Settle them all before reading any, so that no failure goes unobserved.
  await Promise.allSettled([
    hoursQuery,
    rowsQuery,
    teamTotalQuery,
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
  if (teamTotalQuery) total = toRow((await teamTotalQuery)[0] ?? { key: 'site' });

  if (group === 'period') {
    // Every period of the range gets a row (empty ones too), so trends have no holes.
    for (const key of context.periods!.keys)
      if (!byKey.has(key)) byKey.set(key, emptyRow(key, key));
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
  return {
    key: String(r.key),
    label: String(r.key),
    conversations: Number(r.n ?? 0),
    firstResponseSeconds: { median: round(num(r.frt_median)), p90: round(num(r.frt_p90)) },
    resolutionSeconds: { median: round(num(r.rt_median)), p90: round(num(r.rt_p90)) },
    csat: {
      responses: Number(r.csat_n ?? 0),
      average: round(num(r.csat_avg)),
      satisfied: round(num(r.satisfied)),
    },
    nps: { responses: Number(r.nps_n ?? 0), score: round(num(r.nps)) },
    solved: { responses: Number(r.solved_n ?? 0), rate: round(num(r.solved_rate)) },
    reopen: { resolved, reopened, rate: resolved ? round(reopened / resolved) : null },
    backlog: 0,
    deflection: null,
  };
}

/**
 * Backlog at each period's end = started before it − resolved before it (resolution never precedes start): fetched,
 * then applied to the rows.
 */
async function fetchPeriodBacklog(
  db: Sql,
  context: QueryContext,
): Promise<(byKey: Map<string, AnalyticsRow>) => void> {
  const p = new Params(context.siteId, context.from, context.to);
  const [[before], resolvedIn] = await Promise.all([
    db.query<{ started: number; resolved: number }>(
      `select (select count(*)::int from conversations where site_id = $1 and created_at < $2) as started,
         (select count(*)::int from conversations where site_id = $1 and resolved_at < $2) as resolved`,
      [context.siteId, context.from],
    ),
    db.query<{ key: number; n: number }>(
      `select ${bucket(p, 'resolved_at', context)} as key, count(*)::int as n from conversations
       where site_id = $1 and resolved_at >= $2 and resolved_at < $3 group by 1`,
      p.values,
    ),
  ]);
  const resolvedBy = new Map(resolvedIn.map((r) => [periodKey(context, r.key), r.n]));
  return (byKey) => {
    let open = (before?.started ?? 0) - (before?.resolved ?? 0);
    for (const key of [...byKey.keys()].sort()) {
      const row = byKey.get(key)!;
      open += row.conversations - (resolvedBy.get(key) ?? 0);
      row.backlog = open;
    }
  };
}

/**
 * Help-center deflection per period, by the period of each visitor's first help activity in the range: deflected
 * when the visitor started no conversation from then to the range's end, i.e. their last conversation started in
 * the range (a visitor's conversations are their site's) is before it. One pass over each table, not a lookup per
 * visitor.
 */
async function fetchPeriodDeflection(
  db: Sql,
  context: QueryContext,
): Promise<(byKey: Map<string, AnalyticsRow>) => void> {
  const p = new Params(context.siteId, context.from, context.to);
  const rows = await db.query<{ key: number; help: number; deflected: number }>(
    `with help as (
       select visitor_id, min(created_at) as first_at from activity
       where site_id = $1 and created_at >= $2 and created_at < $3 and visitor_id is not null
         and name in ('help.search', 'help.view') group by visitor_id),
     last as (
       select visitor_id, max(created_at) as last_at from conversations
       where site_id = $1 and created_at >= $2 and created_at < $3 group by visitor_id)
     select ${bucket(p, 'first_at', context)} as key, count(*)::int as help,
       count(*) filter (where last.last_at is null or last.last_at < help.first_at)::int as deflected
     from help left join last on last.visitor_id = help.visitor_id group by 1`,
    p.values,
  );
  return (byKey) => {
    for (const row of byKey.values()) row.deflection = { helpVisitors: 0, deflected: 0, rate: null };
    for (const r of rows) {
      const row = byKey.get(periodKey(context, r.key));
      if (row)
        row.deflection = {
          helpVisitors: r.help,
          deflected: r.deflected,
          rate: r.help ? round(r.deflected / r.help) : null,
        };
    }
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
