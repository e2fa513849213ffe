import type { SiteConfig } from '@frontdesk/protocol';

/** Adds a statement parameter and returns its placeholder. */
type Add = (value: unknown) => string;

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The opening hours: one `{ dow, o, e }` per window (ISO weekday, opening and closing time). */
function weekRows(config: SiteConfig): Array<{ dow: number; o: string; e: string }> {
  const week = config.businessHours?.week ?? {};
  return DAYS.flatMap((day, i) => (week[day] ?? []).map(([o, e]) => ({ dow: i + 1, o, e })));
}

/**
 * Business-hours elapsed time for the analytics statement. Counted in local time of the site's zone per day (a
 * DST change inside opening hours is off by its hour that day), holidays closed.
 *
 * Why two paths: walking the days of every conversation (a subquery per row and day) made the business-hours view
 * the slowest one. The fast path reads a table, built once per statement, of the business seconds before each
 * local day of the range (and two months after it), so a conversation's figure is "open seconds before its end −
 * open seconds before its start", each the day's entry plus the part of that day's windows already past. Both are
 * sums of the same per-window terms, so the figures are exactly the day walk's; times outside the table walk.
 */
export function businessHours(config: SiteConfig, add: Add, range: { from: string; to: string; tz: string }) {
  const week = weekRows(config);
  const zone = add(range.tz);
  const ctes = `bh_week as materialized (
      select * from jsonb_to_recordset(${add(JSON.stringify(week))}::jsonb) as w(dow int, o interval, e interval)),
    bh_holidays as materialized (
      select value as day from jsonb_array_elements_text(${add(JSON.stringify(config.businessHours?.holidays ?? []))}::jsonb)),
    bh_day as materialized (
      select d::date as day, to_char(d, 'YYYY-MM-DD') in (select day from bh_holidays) as closed,
        (select coalesce(sum(greatest(0, extract(epoch from w.e - w.o))), 0) from bh_week w
         where w.dow = extract(isodow from d)::int) as open
      from generate_series(date_trunc('day', ${add(range.from)}::timestamptz at time zone ${zone}::text),
        date_trunc('day', ${add(range.to)}::timestamptz at time zone ${zone}::text) + interval '62 days',
        interval '1 day') d),
    bh_days as materialized (
      select min(day) as first_day, count(*)::int as n, array_agg(closed order by day) as closed,
        array_agg(before order by day) as before
      from (select day, closed, coalesce(sum(case when closed then 0 else open end)
              over (order by day rows between unbounded preceding and 1 preceding), 0) as before
            from bh_day) x),`;
  // Each window's opening and closing second of the day, bound once (exactly the epoch of its interval).
  const seconds = (hhmm: string) =>
    hhmm.split(':').reduce((sum, part, i) => sum + Number(part) * 60 ** (2 - i), 0);
  const windows = week.map((w) => ({ dow: add(w.dow), o: add(seconds(w.o)), e: add(seconds(w.e)) }));
  const columns: string[] = [];
  const local = (column: string) => {
    if (!columns.includes(column)) columns.push(column);
    return `bh.l${columns.indexOf(column)}`;
  };
  // Open seconds before the local time `l` (a lateral column `bh.l<n>`, with `bh.i<n>`, `bh.d<n>`, `bh.t<n>`: its
  // day's index in the table, ISO weekday and second of the day): the days before, and the part of its day past.
  const openBefore = (l: string) => {
    const n = l.slice('bh.l'.length);
    const terms = windows.map(
      (w) => `case when bh.d${n} = ${w.dow}::int then least(greatest(bh.t${n} - ${w.o}::numeric, 0),
        greatest(${w.e}::numeric - ${w.o}::numeric, 0)) else 0 end`,
    );
    return `((select before from bh_days)[bh.i${n}] + case when (select closed from bh_days)[bh.i${n}] then 0
      else ${terms.length ? terms.join(' + ') : '0'} end)`;
  };
  const inTable = (l: string) => `bh.i${l.slice('bh.l'.length)} between 1 and (select n from bh_days)`;
  const elapsed = (start: string, end: string) => {
    const [s, e] = [local(start), local(end)];
    return `case when ${end} is null then null
      when ${inTable(s)} and ${inTable(e)} then greatest(0, ${openBefore(e)} - ${openBefore(s)})
      else (
        select coalesce(sum(greatest(0, extract(epoch from least(${e}, d + w.e) - greatest(${s}, d + w.o)))), 0)
        from generate_series(date_trunc('day', ${s}), ${e}, interval '1 day') as d
        join bh_week as w on w.dow = extract(isodow from d)::int
        where not exists (select 1 from bh_holidays h where h.day = to_char(d, 'YYYY-MM-DD'))
      ) end`;
  };
  /**
   * The lateral join giving the local times `elapsed` used (call it after them): each converted once per row
   * (`offset 0` keeps the planner from copying the conversion into every use).
   */
  const join = () => {
    const l = columns.map((c, n) => `${c} at time zone ${zone}::text as l${n}`);
    const derived = columns.map(
      (_, n) => `l${n}, l${n}::date - (select first_day from bh_days) + 1 as i${n},
        extract(isodow from l${n})::int as d${n}, extract(epoch from l${n} - date_trunc('day', l${n})) as t${n}`,
    );
    return `cross join lateral (select ${derived.join(', ')} from (select ${l.join(', ')} offset 0) l offset 0) bh`;
  };
  return { ctes, elapsed, join };
}
