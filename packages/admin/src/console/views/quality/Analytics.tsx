import type { Analytics, AnalyticsGroup, AnalyticsRow, Interval } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../../session';
import { BarChart, HourChart, LineChart } from './Charts';
import { download, percent } from './download';
import { FIGURES, figure } from './figures';
import { QualityNav } from './QualityNav';

const GROUPS: Array<[AnalyticsGroup, string]> = [
  ['period', 'Period'],
  ['agent', 'Agent'],
  ['team', 'Team'],
  ['channel', 'Channel'],
];

/** Figures per agent, team, channel or period, charted and tabled, with downloads. */
export function AnalyticsView() {
  const days = useSignal(30);
  const groupBy = useSignal<AnalyticsGroup>('period');
  const interval = useSignal<Interval>('day');
  const businessHours = useSignal(false);
  const shown = useSignal('firstResponseMedian');
  const data = useSignal<(Analytics & { total: AnalyticsRow }) | null>(null);
  const error = useSignal('');
  const note = useSignal('');
  // `to` is the end of the current minute, so a download made soon after shows the same range as the table.
  const query = () => {
    const to = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
    return {
      from: new Date(to.getTime() - days.value * 86_400_000).toISOString(),
      to: to.toISOString(),
      groupBy: groupBy.value,
      interval: interval.value,
      businessHours: String(businessHours.value),
    };
  };
  useEffect(() => {
    let current = true;
    api
      .call<Analytics & { total: AnalyticsRow }>('analytics', {}, undefined, query())
      .then((a) => {
        if (!current) return;
        data.value = a;
        error.value = '';
      })
      .catch((e: Error) => {
        if (current) error.value = `Could not load the figures: ${e.message}`;
      });
    return () => {
      current = false;
    };
  }, [days.value, groupBy.value, interval.value, businessHours.value]);

  const save = (route: 'analytics' | 'weeklySummary', extra: Record<string, string> = {}) =>
    download(route, route === 'analytics' ? { ...query(), ...extra } : extra).then(
      (name) => (note.value = `Downloaded ${name}.`),
      (e: Error) => (note.value = `Could not download: ${e.message}`),
    );

  const a = data.value;
  const f = figure(shown.value);
  const groupLabel = GROUPS.find(([g]) => g === groupBy.value)![1];
  return (
    <main class="page stats">
      <QualityNav current="analytics" />
      <div class="list-head">
        <h1>Analytics</h1>
        <div class="actions">
          <button type="button" onClick={() => save('analytics', { format: 'csv' })}>
            Download CSV
          </button>
          <button type="button" onClick={() => save('analytics', { format: 'json' })}>
            Download JSON
          </button>
          <button type="button" onClick={() => save('weeklySummary')}>
            Weekly summary
          </button>
        </div>
      </div>
      <p role="status" class="muted">
        {note.value}
      </p>
      <form class="filters" aria-label="What to show" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period
          <select value={String(days.value)} onChange={(e) => (days.value = Number(e.currentTarget.value))}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
            <option value="365">Last 365 days</option>
          </select>
        </label>
        <label>
          Group by
          <select
            value={groupBy.value}
            onChange={(e) => (groupBy.value = e.currentTarget.value as AnalyticsGroup)}
          >
            {GROUPS.map(([g, label]) => (
              <option key={g} value={g}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trend by
          <select
            value={interval.value}
            disabled={groupBy.value !== 'period'}
            onChange={(e) => (interval.value = e.currentTarget.value as Interval)}
          >
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
        <label>
          Chart
          <select value={shown.value} onChange={(e) => (shown.value = e.currentTarget.value)}>
            {FIGURES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={businessHours.value}
            onChange={(e) => (businessHours.value = e.currentTarget.checked)}
          />
          Business hours only
        </label>
      </form>
      {error.value && <p class="error">{error.value}</p>}
      {a && (
        <>
          <p class="muted">
            Days, weeks and hours in {a.timeZone}
            {a.businessHours ? '; times count business hours only' : ''}.
          </p>
          <section aria-labelledby="chart-head">
            <h2 id="chart-head">
              {f.label} by {a.groupBy === 'period' ? a.interval : groupLabel.toLowerCase()}
            </h2>
            {a.groupBy === 'period' ? (
              <LineChart
                title={`${f.label} by ${a.interval}`}
                description={describe(a.rows, f)}
                labels={a.rows.map((r) => r.key)}
                series={[{ name: f.label, values: a.rows.map(f.value) }]}
                format={(n) => f.format(n)}
                range={f.range}
                floor={f.floor}
              />
            ) : (
              <BarChart
                title={`${f.label} by ${groupLabel.toLowerCase()}`}
                head={groupLabel}
                description={describe(a.rows, f)}
                items={a.rows.map((r) => ({ label: r.label, value: f.value(r) }))}
                format={(n) => f.format(n)}
                range={f.range}
                floor={f.floor}
              />
            )}
          </section>
          <section aria-labelledby="table-head">
            <h2 id="table-head">All figures</h2>
            <div class="table-scroll">
              <table class="figures">
                <thead>
                  <tr>
                    <th scope="col">{groupLabel}</th>
                    {FIGURES.map((x) => (
                      <th scope="col" key={x.id}>
                        {x.label}
                      </th>
                    ))}
                    <th scope="col">Deflection</th>
                    <th scope="col">
                      <span class="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...a.rows, a.total].map((r) => (
                    <tr key={r.key} class={r === a.total ? 'total' : undefined}>
                      <th scope="row">
                        {a.groupBy === 'team' && r.key && r !== a.total ? (
                          <a href={`#/stats/team/${encodeURIComponent(r.key)}`}>{r.label}</a>
                        ) : (
                          r.label
                        )}
                      </th>
                      {FIGURES.map((x) => (
                        <td key={x.id}>{x.format(x.value(r))}</td>
                      ))}
                      <td>{r.deflection ? percent(r.deflection.rate) : '—'}</td>
                      <td>
                        {a.groupBy !== 'period' && r !== a.total && r.key && f.id !== 'conversations' && (
                          <a
                            href={`#/stats/plans/new/${a.groupBy}/${encodeURIComponent(r.key)}/${f.id}`}
                            aria-label={`Plan an action on ${f.label} of ${r.label}`}
                          >
                            Plan
                          </a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="hours-head">
            <h2 id="hours-head">Conversations by hour ({a.timeZone})</h2>
            <HourChart hours={a.byHour} timeZone={a.timeZone} />
          </section>
        </>
      )}
    </main>
  );
}

/** One sentence for screen readers: the highest and the lowest value. */
function describe(rows: AnalyticsRow[], f: ReturnType<typeof figure>): string {
  const known = rows.filter((r) => f.value(r) !== null);
  if (known.length === 0) return 'No data in this period.';
  const sorted = [...known].sort((x, y) => (f.value(y) ?? 0) - (f.value(x) ?? 0));
  const top = sorted[0]!;
  const low = sorted.at(-1)!;
  return `Highest: ${top.label}, ${f.format(f.value(top))}. Lowest: ${low.label}, ${f.format(f.value(low))}.`;
}
