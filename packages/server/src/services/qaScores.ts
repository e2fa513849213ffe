import type { Criterion, CriterionScore, QaScores } from '@frontdesk/protocol';
import { normalizedScore } from '@frontdesk/protocol';
import type { Row } from '../db/rows';
import type { AppContext } from './context';
import type { Site } from './sites';

/** Reviews read per request: the figures of a longer range are computed over the newest this many. */
const MAX_REVIEWS = 50_000;

const mean = (sum: number, n: number) => (n === 0 ? null : Math.round((10 * sum) / n) / 10);

class Tally {
  sum = 0;
  n = 0;
  add(value: number): void {
    this.sum += value;
    this.n++;
  }
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  const found = map.get(key);
  if (found) return found;
  const t = new Tally();
  map.set(key, t);
  return t;
}

/**
 * QA scores of reviews made in [from, to): the mean review total overall, per agent and per period (day, week or
 * month in the site's business-hours time zone, else UTC), and the mean score per criterion (scaled to 0–100,
 * not-applicable left out) overall and per agent. Calibration reviews are practice and never count.
 */
export async function qaScores(
  ctx: AppContext,
  site: Site,
  range: { from: Date; to: Date; period: 'day' | 'week' | 'month' },
): Promise<QaScores> {
  const timeZone = site.config.businessHours?.timeZone ?? 'UTC';
  const rows = await ctx.db.query<Row>(
    `select r.agent_id, a.name as agent_name, r.score, r.criteria, r.scores,
       to_char(date_trunc($4, r.created_at at time zone $5), 'YYYY-MM-DD') as period
     from quality_reviews r left join agents a on a.id = r.agent_id
     where r.site_id = $1 and r.calibration_id is null and r.created_at >= $2 and r.created_at < $3
     order by r.created_at desc limit ${MAX_REVIEWS}`,
    [site.id, range.from.toISOString(), range.to.toISOString(), range.period, timeZone],
  );
  const overall = new Tally();
  let reviews = 0;
  const agents = new Map<string | null, { name: string; reviews: number; tally: Tally }>();
  const periods = new Map<string, { reviews: number; tally: Tally }>();
  const criteria = new Map<string, { name: string; tally: Tally }>();
  const agentCriteria = new Map<string, Tally>();
  for (const row of rows) {
    reviews++;
    const agentId = (row.agent_id as string | null) ?? null;
    const agent = agents.get(agentId) ?? {
      name: (row.agent_name as string) ?? 'Nobody',
      reviews: 0,
      tally: new Tally(),
    };
    agents.set(agentId, agent);
    agent.reviews++;
    const period = periods.get(row.period as string) ?? { reviews: 0, tally: new Tally() };
    periods.set(row.period as string, period);
    period.reviews++;
    if (row.score !== null && row.score !== undefined) {
      const score = Number(row.score);
      overall.add(score);
      agent.tally.add(score);
      period.tally.add(score);
    }
    const snapshot = row.criteria as Criterion[];
    for (const s of row.scores as CriterionScore[]) {
      const criterion = snapshot.find((c) => c.id === s.criterionId);
      if (!criterion || s.value === null) continue;
      const value = 100 * normalizedScore(criterion, s.value);
      // Rows come newest first: the newest name of a criterion wins.
      const entry = criteria.get(criterion.id) ?? { name: criterion.name, tally: new Tally() };
      criteria.set(criterion.id, entry);
      entry.tally.add(value);
      tallyOf(agentCriteria, JSON.stringify([agentId, criterion.id])).add(value);
    }
  }
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    period: range.period,
    timeZone,
    overall: { reviews, score: mean(overall.sum, overall.n) },
    byAgent: [...agents].map(([agentId, a]) => ({
      agentId,
      name: a.name,
      reviews: a.reviews,
      score: mean(a.tally.sum, a.tally.n),
    })),
    byCriterion: [...criteria].map(([criterionId, c]) => ({
      criterionId,
      name: c.name,
      scored: c.tally.n,
      average: mean(c.tally.sum, c.tally.n),
    })),
    byAgentCriterion: [...agentCriteria].map(([key, t]) => {
      const [agentId, criterionId] = JSON.parse(key) as [string | null, string];
      return { agentId, criterionId, scored: t.n, average: mean(t.sum, t.n) };
    }),
    byPeriod: [...periods]
      .map(([period, p]) => ({ period, reviews: p.reviews, score: mean(p.tally.sum, p.tally.n) }))
      .sort((a, b) => a.period.localeCompare(b.period)),
  };
}
