import type { Sql } from '../../db/database';

const QUARTER = 15 * 60_000;
/** Since then every zone's offset (and every change of it) is a whole number of quarter hours (Liberia, 1972). */
const QUARTERS_EXACT_FROM = Date.UTC(1980, 0, 1);

/**
 * Conversations of a site started between `from` and `to`, per hour of the day in `tz` (hours without any are
 * left out). The whole quarter hours of the range are read from `conversation_quarters` (migration 19), one row
 * and one time-zone conversion per quarter rather than per conversation: all of a UTC quarter falls in one local
 * hour, since offsets are whole quarters. The partial quarters at either end are counted from the conversations.
 * `inZone.local`: the statement's session zone is `tz` (see `reportingSqlIn`), else `at time zone` converts.
 */
export function hoursOfDay(
  inZone: { sql: Sql; local: boolean },
  siteId: string,
  from: Date,
  to: Date,
  tz: string,
): Promise<Array<{ h: number; n: number }>> {
  const first = Math.ceil(from.getTime() / QUARTER) * QUARTER;
  const last = Math.floor(to.getTime() / QUARTER) * QUARTER;
  const quarters = from.getTime() >= QUARTERS_EXACT_FROM && first < last;
  // Without whole quarters (a short or very old range) every conversation of the range is counted.
  const [head, tail] = quarters ? [new Date(first), new Date(last)] : [to, to];
  const params: unknown[] = [
    siteId,
    from.toISOString(),
    to.toISOString(),
    head.toISOString(),
    tail.toISOString(),
  ];
  const local = inZone.local ? '' : ` at time zone $${params.push(tz)}::text`;
  // date_part (a float) rather than extract (a numeric, several times slower per row).
  return inZone.sql.query<{ h: number; n: number }>(
    `select date_part('hour', t${local})::int as h, sum(n)::int as n from (
       select quarter as t, conversations as n from conversation_quarters
       where site_id = $1 and quarter >= $4 and quarter < $5
       union all
       select created_at, 1 from conversations where site_id = $1 and created_at >= $2 and created_at < $4
       union all
       select created_at, 1 from conversations where site_id = $1 and created_at >= $5 and created_at < $3) x
     group by 1`,
    params,
  );
}
