import type { AnalyticsRow, Interval } from '@frontdesk/protocol';
import type { Sql } from '../../db/database';

/** The fixed inputs of every query of one analytics request. */
export interface QueryContext {
  siteId: string;
  from: string;
  to: string;
  tz: string;
  interval: Interval;
  /** The periods of the range (when grouped by period), from {@link fetchPeriods}. */
  periods?: Periods;
}

/** The periods of a range, in the site's time zone. */
export interface Periods {
  /** Each period's key: its first day, `YYYY-MM-DD`. */
  keys: string[];
  /** The instants they start (the first may be before the range), as a PostgreSQL array literal. */
  starts: string;
  /** The part of the range each covers, `[from, to)` instants, as two PostgreSQL array literals. */
  from: string;
  to: string;
}

/** Parameters of one statement: `add` returns the placeholder (PostgreSQL refuses unused, untyped ones). */
export class Params {
  readonly values: unknown[];
  constructor(...values: unknown[]) {
    this.values = values;
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const literal = (instants: Date[]) => `{${instants.map((d) => d.toISOString()).join(',')}}`;

/** Every period (day, week or month in local time) of the range, with the instant it starts. */
export async function fetchPeriods(db: Sql, context: QueryContext): Promise<Periods> {
  const rows = await db.query<{ key: string; start: Date | string }>(
    `select to_char(g, 'YYYY-MM-DD') as key, g at time zone $3::text as start from generate_series(
       date_trunc($4::text, $2::timestamptz at time zone $3::text),
       ($1::timestamptz at time zone $3::text) - interval '1 microsecond', ('1 ' || $4::text)::interval) g`,
    [context.to, context.from, context.tz, context.interval],
  );
  const starts = rows.map((r) => new Date(r.start));
  const from = new Date(context.from);
  const to = new Date(context.to);
  return {
    keys: rows.map((r) => r.key),
    starts: literal(starts),
    from: literal(starts.map((s) => (s < from ? from : s))),
    to: literal(starts.map((_, i) => starts[i + 1] ?? to)),
  };
}

/**
 * The period a timestamp column falls in, as its number (1 = the first; {@link periodKey} names it): a binary search
 * in the periods' start instants, far cheaper per row than converting each timestamp to local time. A number, not
 * the key: grouping sorts by it, and integers sort several times faster than text.
 */
export function bucket(p: Params, column: string, context: QueryContext): string {
  // Array parameters are parsed once, at bind time (a text-to-array cast would run per row).
  return `width_bucket(${column}, ${p.add(context.periods!.starts)}::timestamptz[])`;
}

/** The key (`YYYY-MM-DD`, the period's first day in the site's time zone) of a period number. */
export const periodKey = (context: QueryContext, n: unknown) => context.periods!.keys[Number(n) - 1]!;

/**
 * `from` clause of one row per period: `per.k` (its number), `per.s` and `per.e` (the instants it covers), for a
 * lateral subquery that reads each period's conversations by an index range instead of bucketing every row.
 */
export function periodsFrom(p: Params, context: QueryContext): string {
  const { from, to } = context.periods!;
  return `unnest(${p.add(from)}::timestamptz[], ${p.add(to)}::timestamptz[]) with ordinality as per(s, e, k)`;
}

/**
 * Backlog at each period's end = started before it − resolved before it (resolution never precedes start): fetched,
 * then applied to the rows. Each count is an index range (conversations_site_resolved, conversations_figures).
 */
export async function fetchPeriodBacklog(
  db: Sql,
  context: QueryContext,
): Promise<(byKey: Map<string, AnalyticsRow>) => void> {
  // One statement (one slot of the reporting cap): row 0 is what was open before the range.
  const p = new Params(context.siteId, context.from);
  const rows = await db.query<{ key: number; started: number; n: number }>(
    `select 0 as key, (select count(*)::int from conversations where site_id = $1 and created_at < $2) as started,
       (select count(*)::int from conversations where site_id = $1 and resolved_at < $2) as n
     union all
     select per.k, 0, (select count(*)::int from conversations
         where site_id = $1 and resolved_at >= per.s and resolved_at < per.e)
     from ${periodsFrom(p, context)}`,
    p.values,
  );
  const before = rows.find((r) => Number(r.key) === 0);
  const resolvedBy = new Map(
    rows.filter((r) => Number(r.key) !== 0).map((r) => [periodKey(context, r.key), r.n]),
  );
  return (byKey) => {
    let open = (before?.started ?? 0) - (before?.n ?? 0);
    for (const key of [...byKey.keys()].sort()) {
      const row = byKey.get(key)!;
      open += row.conversations - (resolvedBy.get(key) ?? 0);
      row.backlog = open;
    }
  };
}

/**
 * Help-center deflection per period, by the period of each visitor's first help activity in the range: deflected
 * when the visitor started no conversation from then to the range's end (a visitor's conversations are their
 * site's). The visitor's last conversation (`visitors.last_conversation_at`, kept by the database, migration 19)
 * answers that unless it is after the range's end; only then are the visitor's conversations looked up (index
 * conversations_visitor_created). One pass over the help activity, not over the range's conversations.
 */
export async function fetchPeriodDeflection(
  db: Sql,
  context: QueryContext,
): Promise<(byKey: Map<string, AnalyticsRow>) => void> {
  const p = new Params(context.siteId, context.from, context.to);
  const rows = await db.query<{ key: number; help: number; deflected: number }>(
    `with help as (
       select visitor_id, min(created_at) as first_at from activity
       where site_id = $1 and created_at >= $2 and created_at < $3 and visitor_id is not null
         and name in ('help.search', 'help.view') group by visitor_id)
     select ${bucket(p, 'first_at', context)} as key, count(*)::int as help,
       count(*) filter (where v.last_conversation_at is null or v.last_conversation_at < help.first_at
         or (v.last_conversation_at >= $3 and not exists (select 1 from conversations c
           where c.visitor_id = help.visitor_id and c.created_at >= help.first_at and c.created_at < $3)))::int
         as deflected
     from help left join visitors v on v.id = help.visitor_id group by 1`,
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
