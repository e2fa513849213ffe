import type { Stats } from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { reportingSql, reportingSqlIn } from '../db/noJit';

export type { Stats };

type ProactiveFigures = Stats['proactive']['byMessage'][string];

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Compute a site's stats between `from` and `to`; hours of day count in `timeZone`. */
export async function computeStats(
  database: Sql,
  siteId: string,
  from: Date,
  to: Date,
  timeZone = 'UTC',
): Promise<Stats> {
  const db = reportingSql(database);
  // The statement with hours of day runs in the site's zone when it can (see `reportingSqlIn`).
  const inZone = reportingSqlIn(database, timeZone);
  const p = [siteId, from.toISOString(), to.toISOString()];
  const range = 'site_id = $1 and created_at >= $2 and created_at < $3';
  // The conversations of the range are read once (one pass over their rows, not one per figure): the totals,
  // channels, hours of day, bot counts and returning visitors all come from `c`.
  const conversationsQ = inZone.sql.query<Record<string, unknown>>(
    `with c as materialized (
       select created_at, status, channel, bot_state, visitor_id, first_response_at, resolved_at
       from conversations where ${range})
     select count(*)::int as conversations,
       count(*) filter (where status = 'resolved')::int as resolved,
       avg(extract(epoch from first_response_at - created_at)) as fr_avg,
       percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at)) as fr_median,
       avg(extract(epoch from resolved_at - created_at)) filter (where resolved_at is not null) as res_avg,
       percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at)) as res_median,
       count(*) filter (where bot_state is not null)::int as bot_conversations,
       count(*) filter (where bot_state = 'confirmed')::int as bot_deflected,
       (select coalesce(json_agg(json_build_array(channel, n)), '[]') from (
          select channel, count(*)::int as n from c group by channel) x) as channels,
       (select coalesce(json_agg(json_build_array(h, n)), '[]') from (
          select extract(hour from created_at${inZone.local ? '' : ' at time zone $4::text'})::int as h, count(*)::int as n
          from c group by 1) x) as hours,
       -- Whether each visitor of the range had an earlier conversation: one look-up by index per visitor.
       (select count(*)::int from (select distinct visitor_id from c) v where exists (
          select 1 from conversations o where o.visitor_id = v.visitor_id and o.created_at < $2)) as returning
     from c`,
    inZone.local ? p : [...p, timeZone],
  );
  const ratingsQ = db.query<Record<string, unknown>>(
    `select count(r.csat)::int as csat_n, avg(r.csat) as csat_avg, avg(case when r.csat >= 4 then 1.0 else 0.0 end) filter (where r.csat is not null) as satisfied,
       count(r.solved)::int as solved_n, count(*) filter (where r.solved)::int as solved_yes,
       count(r.nps)::int as nps_n, avg(case when r.nps >= 9 then 100.0 when r.nps <= 6 then -100.0 else 0.0 end) filter (where r.nps is not null) as nps
     from ratings r
       -- The site's check per rating of the range, by key (a join would hash every conversation of the site).
       cross join lateral (select 1 from conversations c where c.id = r.conversation_id and c.site_id = $1 limit 1) c
     where r.created_at >= $2 and r.created_at < $3`,
    p,
  );
  const deflectionQ = db.query<{ help: number; deflected: number; confirmed: number }>(
    `with help as (
       select visitor_id, min(created_at) as first_at from activity
       where ${range} and visitor_id is not null and name in ('help.search', 'help.view') group by visitor_id),
     -- Whether each help visitor started no conversation afterwards: looked up once, counted twice.
     outcome as materialized (
       select visitor_id, not exists (
         select 1 from conversations c where c.visitor_id = help.visitor_id and c.created_at >= help.first_at and c.created_at < $3
       ) as deflected from help)
     select count(*)::int as help,
       count(*) filter (where deflected)::int as deflected,
       count(*) filter (where deflected and exists (
         select 1 from activity a where a.visitor_id = outcome.visitor_id and a.name = 'help.answered' and a.created_at >= $2 and a.created_at < $3
       ))::int as confirmed
     from outcome`,
    p,
  );
  // The range's bot and proactive activity in one pass, and the tickets.
  const activityQ = db.query<Record<string, unknown>>(
    `select count(*) filter (where name = 'bot.answer')::int as answers,
       count(*) filter (where name = 'bot.confirmed')::int as confirmed,
       count(*) filter (where name = 'bot.handoff')::int as handoffs,
       (select coalesce(json_agg(json_build_object('id', id, 'name', name, 'n', n)), '[]') from (
          select data->>'id' as id, name, count(*)::int as n from activity
          where ${range} and name in ('proactive.shown', 'proactive.clicked', 'proactive.dismissed', 'proactive.replied')
          group by 1, 2) x) as proactive,
       (select count(*)::int from tickets where ${range}) as tickets
     from activity where ${range} and name in ('bot.answer', 'bot.confirmed', 'bot.handoff')`,
    p,
  );
  // Independent statements: on PostgreSQL they run side by side on the pool's connections.
  const [[totals], [ratings], [deflection], [activity]] = await Promise.all([
    conversationsQ,
    ratingsQ,
    deflectionQ,
    activityQ,
  ]);
  const channels = (totals?.channels ?? []) as Array<[string, number]>;
  const hours = (totals?.hours ?? []) as Array<[number, number]>;
  const proactiveRows = (activity?.proactive ?? []) as Array<{ id: string; name: string; n: number }>;
  const bot = {
    conversations: Number(totals?.bot_conversations ?? 0),
    answers: Number(activity?.answers ?? 0),
    confirmed: Number(activity?.confirmed ?? 0),
    handoffs: Number(activity?.handoffs ?? 0),
    deflected: Number(totals?.bot_deflected ?? 0),
  };
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const [h, n] of hours) byHour[h] = n;
  const help = deflection?.help ?? 0;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone,
    conversations: Number(totals?.conversations ?? 0),
    byChannel: Object.fromEntries(channels),
    byHour,
    firstResponseSeconds: { average: round(num(totals?.fr_avg)), median: round(num(totals?.fr_median)) },
    resolutionSeconds: { average: round(num(totals?.res_avg)), median: round(num(totals?.res_median)) },
    resolved: Number(totals?.resolved ?? 0),
    csat: {
      responses: Number(ratings?.csat_n ?? 0),
      average: round(num(ratings?.csat_avg)),
      satisfied: round(num(ratings?.satisfied)),
    },
    solved: {
      responses: Number(ratings?.solved_n ?? 0),
      yes: Number(ratings?.solved_yes ?? 0),
      rate: ratings?.solved_n ? round(Number(ratings.solved_yes) / Number(ratings.solved_n)) : null,
    },
    nps: { responses: Number(ratings?.nps_n ?? 0), score: round(num(ratings?.nps)) },
    deflection: {
      helpVisitors: help,
      deflected: deflection?.deflected ?? 0,
      rate: help ? round((deflection?.deflected ?? 0) / help) : null,
      confirmed: deflection?.confirmed ?? 0,
    },
    bot: { ...bot, rate: bot.conversations ? round(bot.deflected / bot.conversations) : null },
    proactive: proactiveFigures(proactiveRows),
    returningVisitors: Number(totals?.returning ?? 0),
    tickets: Number(activity?.tickets ?? 0),
  };
}

function proactiveFigures(rows: Array<{ id: string; name: string; n: number }>): Stats['proactive'] {
  const empty = (): ProactiveFigures => ({ shown: 0, clicked: 0, dismissed: 0, replied: 0 });
  const total = empty();
  const byMessage: Record<string, ProactiveFigures> = {};
  for (const row of rows) {
    const key = row.name.slice('proactive.'.length) as keyof ProactiveFigures;
    const one = byMessage[row.id] ?? empty();
    byMessage[row.id] = one;
    one[key] += row.n;
    total[key] += row.n;
  }
  return { ...total, byMessage };
}
