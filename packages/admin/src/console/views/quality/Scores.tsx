import type { QaScores } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { qualityApi, totalText } from './qualityApi';

/** A 0–100 figure with a bar (a <meter>, so screen readers read the value). */
function Bar(props: { value: number | null; label: string }) {
  return (
    <span class="bar-cell">
      <meter
        min={0}
        max={100}
        low={60}
        high={80}
        optimum={100}
        value={props.value ?? 0}
        aria-label={props.label}
      />
      {totalText(props.value)}
    </span>
  );
}

/** QA scores for managers: the mean review total per agent and per period, and per criterion. */
export function Scores() {
  const period = useSignal<'day' | 'week' | 'month'>('week');
  const data = useSignal<QaScores | null>(null);
  const error = useSignal('');
  useEffect(() => {
    let current = true;
    qualityApi
      .scores({ period: period.value })
      .then((d) => {
        if (current) data.value = d;
      })
      .catch((e: Error) => {
        if (current) error.value = e.message;
      });
    return () => {
      current = false;
    };
  }, [period.value]);
  const d = data.value;
  const criterionName = new Map(d?.byCriterion.map((c) => [c.criterionId, c.name]));
  return (
    <section aria-labelledby="scores-title">
      <div class="list-head">
        <h2 id="scores-title">QA scores, last 90 days</h2>
        <label class="inline">
          Per
          <select value={period.value} onChange={(e) => (period.value = e.currentTarget.value as 'day')}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
      </div>
      {error.value && <p class="error">{error.value}</p>}
      {d && (
        <>
          <p>
            {d.overall.reviews} reviews, mean total <strong>{totalText(d.overall.score)}</strong> / 100
            (periods in {d.timeZone}; calibration reviews are left out).
          </p>
          <div class="score-tables">
            <table>
              <caption>Per agent</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Reviews</th>
                  <th scope="col">Mean total</th>
                </tr>
              </thead>
              <tbody>
                {d.byAgent.map((a) => (
                  <tr key={a.agentId ?? 'none'}>
                    <th scope="row">{a.name}</th>
                    <td>{a.reviews}</td>
                    <td>
                      <Bar value={a.score} label={`${a.name} mean total`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>Per criterion (0–100)</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Scored</th>
                  <th scope="col">Mean</th>
                </tr>
              </thead>
              <tbody>
                {d.byCriterion.map((c) => (
                  <tr key={c.criterionId}>
                    <th scope="row">{c.name}</th>
                    <td>{c.scored}</td>
                    <td>
                      <Bar value={c.average} label={`${c.name} mean`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>Per {d.period}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {d.period === 'day' ? 'Day' : d.period === 'week' ? 'Week of' : 'Month'}
                  </th>
                  <th scope="col">Reviews</th>
                  <th scope="col">Mean total</th>
                </tr>
              </thead>
              <tbody>
                {d.byPeriod.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td>{p.reviews}</td>
                    <td>
                      <Bar value={p.score} label={`${p.period} mean total`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <table class="agent-criteria">
            <caption>Per agent and criterion (mean, 0–100)</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                {d.byCriterion.map((c) => (
                  <th scope="col" key={c.criterionId}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.byAgent.map((a) => (
                <tr key={a.agentId ?? 'none'}>
                  <th scope="row">{a.name}</th>
                  {d.byCriterion.map((c) => {
                    const cell = d.byAgentCriterion.find(
                      (x) => x.agentId === a.agentId && x.criterionId === c.criterionId,
                    );
                    return <td key={c.criterionId}>{totalText(cell?.average ?? null)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {criterionName.size === 0 && <p class="muted">No reviews in this period.</p>}
        </>
      )}
    </section>
  );
}
