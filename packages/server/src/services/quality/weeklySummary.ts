import {
  type ActionPlan,
  type AnalyticsRow,
  type SiteConfig,
  siteTimeZone,
  type VoiceItem,
} from '@frontdesk/protocol';
import type { Database, Sql } from '../../db/database';
import { ApiError } from '../../http/errors';
import { listActionPlans } from './actionPlans';
import { computeAnalytics } from './analytics';
import { toCsv } from './csv';
import { ANALYTICS_COLUMNS } from './tables';
import { listVoice } from './voice';

/**
 * A manager's weekly summary, shaped as an email (subject, text body, attachments) so that sending it is one call
 * once the server sends mail: `mailer.send({ to, ...await weeklySummary(db, site) })`. Today it is downloaded.
 */
export interface WeeklySummary {
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
  data: {
    from: string;
    to: string;
    timeZone: string;
    week: AnalyticsRow;
    previousWeek: AnalyticsRow;
    agents: AnalyticsRow[];
    unhappy: VoiceItem[];
    openPlans: ActionPlan[];
  };
}

/**
 * The summary of the week (Monday to Monday in the site's time zone) that starts on `monday` (`YYYY-MM-DD`),
 * by default the last complete week.
 */
export async function weeklySummary(
  db: Sql | Database,
  site: { id: string; name: string; config: SiteConfig },
  monday?: string,
): Promise<WeeklySummary> {
  const tz = siteTimeZone(site.config);
  const [week] = await db.query<{
    start_at: Date | string;
    end_at: Date | string;
    prev_at: Date | string;
    dow: number;
  }>(
    `select (s at time zone $1) as start_at, ((s + interval '1 week') at time zone $1) as end_at,
       ((s - interval '1 week') at time zone $1) as prev_at, extract(isodow from s)::int as dow
     from (select coalesce($2::timestamp, date_trunc('week', now() at time zone $1) - interval '1 week') as s) w`,
    [tz, monday ?? null],
  );
  if (week?.dow !== 1) throw new ApiError('validation_failed', 'Invalid request: "week" must be a Monday.');
  const [from, to, prev] = [new Date(week.start_at), new Date(week.end_at), new Date(week.prev_at)];
  // The summary reads no conversations by hour of day.
  const base = { interval: 'day' as const, businessHours: false, without: { byHour: true } };
  // Independent parts: on PostgreSQL they run side by side on the pool's connections.
  const [agents, previous, unhappy, plans] = await Promise.all([
    computeAnalytics(db, site, { ...base, from, to, groupBy: 'agent' }),
    computeAnalytics(db, site, { ...base, from: prev, to: from, groupBy: 'site' }),
    listVoice(db, site.id, {
      rating: 'low',
      from: from.toISOString(),
      to: to.toISOString(),
      page: 1,
      pageSize: 5,
    }),
    listActionPlans(db, site, {}),
  ]);
  const openPlans = plans.filter((p) => p.status === 'open' || p.status === 'in_progress');
  const day = from.toISOString().slice(0, 10);
  const firstDay = monday ?? localDate(from, tz);
  const data = {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: tz,
    week: agents.total,
    previousWeek: previous.total,
    agents: agents.rows,
    unhappy: unhappy.items,
    openPlans,
  };
  return {
    subject: `${site.name}: support quality, week of ${firstDay}`,
    text: summaryText(site.name, firstDay, data),
    attachments: [
      {
        filename: `agents-${day}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: toCsv(ANALYTICS_COLUMNS, agents.rows),
      },
    ],
    data,
  };
}

const localDate = (at: Date, tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(at);

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
const share = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);
const plain = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

function figures(row: AnalyticsRow): Array<[string, string]> {
  return [
    ['Conversations', String(row.conversations)],
    ['First response, median', duration(row.firstResponseSeconds.median)],
    ['First response, p90', duration(row.firstResponseSeconds.p90)],
    ['Resolution, median', duration(row.resolutionSeconds.median)],
    ['CSAT (1–5)', plain(row.csat.average)],
    ['NPS', plain(row.nps.score, 0)],
    ['Solved rate', share(row.solved.rate)],
    ['Reopen rate', share(row.reopen.rate)],
    ['Backlog at week end', String(row.backlog)],
  ];
}

function summaryText(name: string, firstDay: string, d: WeeklySummary['data']): string {
  const now = figures(d.week);
  const before = figures(d.previousWeek);
  const lines = [
    `${name} — support quality, week of ${firstDay} (${d.timeZone})`,
    '',
    'This week (previous week):',
  ];
  for (const [i, [label, value]] of now.entries()) lines.push(`  ${label}: ${value} (${before[i]![1]})`);
  lines.push('', 'By agent:');
  for (const a of d.agents)
    lines.push(
      `  ${a.label}: ${a.conversations} conversations, first response ${duration(a.firstResponseSeconds.median)}, CSAT ${plain(a.csat.average)}`,
    );
  if (d.agents.length === 0) lines.push('  No conversations.');
  lines.push('', 'What unhappy customers said:');
  for (const v of d.unhappy)
    lines.push(`  CSAT ${v.csat}: ${(v.comment ?? '(no comment)').replace(/\s+/g, ' ').slice(0, 200)}`);
  if (d.unhappy.length === 0) lines.push('  No low ratings.');
  lines.push('', 'Open action plans:');
  for (const p of d.openPlans) lines.push(`  ${p.title} — ${p.owner}, due ${p.dueDate}`);
  if (d.openPlans.length === 0) lines.push('  None.');
  return `${lines.join('\n')}\n`;
}
