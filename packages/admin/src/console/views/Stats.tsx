import { parse, type Stats, StatsSchema } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../session';
import { ProactiveStats } from './ProactiveStats';
import { QualityNav } from './quality/QualityNav';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** Quality figures for managers: volume, response and resolution times, CSAT, NPS, self-service deflection. */
export function StatsView() {
  const days = useSignal(30);
  const stats = useSignal<Stats | null>(null);
  const error = useSignal('');
  useEffect(() => {
    // Only the answer for the period chosen last is shown (an earlier, slower one may arrive after it).
    let current = true;
    const to = new Date();
    const from = new Date(to.getTime() - days.value * 86_400_000);
    api
      .call<unknown>('stats', {}, undefined, { from: from.toISOString(), to: to.toISOString() })
      .then((body) => {
        if (!current) return;
        // The schema the server's answer is typed by: a server of another version fails loudly here.
        stats.value = parse(StatsSchema, body);
        error.value = '';
      })
      .catch((e: Error) => {
        if (current) error.value = `Could not load the figures: ${e.message}`;
      });
    return () => {
      current = false;
    };
  }, [days.value]);
  const s = stats.value;
  const peak = Math.max(1, ...(s?.byHour ?? [0]));
  return (
    <main class="page stats">
      <QualityNav current="overview" />
      <div class="list-head">
        <h1>Quality</h1>
        <label class="inline">
          Period
          <select value={String(days.value)} onChange={(e) => (days.value = Number(e.currentTarget.value))}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
          </select>
        </label>
      </div>
      {error.value && <p class="error">{error.value}</p>}
      {s && (
        <>
          <dl class="kpis">
            {(
              [
                ['Conversations', String(s.conversations)],
                ['Resolved', String(s.resolved)],
                ['First response (median)', duration(s.firstResponseSeconds.median)],
                ['Resolution (median)', duration(s.resolutionSeconds.median)],
                [
                  'CSAT',
                  s.csat.average === null
                    ? '—'
                    : `${s.csat.average.toFixed(1)} / 5 (${percent(s.csat.satisfied)} satisfied)`,
                ],
                ['NPS', s.nps.score === null ? '—' : String(Math.round(s.nps.score))],
                ['Self-service deflection', percent(s.deflection.rate)],
                ['Tickets', String(s.tickets)],
                ['Returning visitors', String(s.returningVisitors)],
              ] as const
            ).map(([label, value]) => (
              <div class="kpi" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby="bot">
            <h2 id="bot">Answer bot</h2>
            <dl class="kpis">
              {(
                [
                  ['Bot conversations', String(s.bot.conversations)],
                  ['Bot answers', String(s.bot.answers)],
                  ['Confirmed answers', String(s.bot.confirmed)],
                  ['Hand-offs', String(s.bot.handoffs)],
                  ['Deflected conversations', String(s.bot.deflected)],
                  ['Bot deflection rate', percent(s.bot.rate)],
                  ['Confirmed help-center answers', String(s.deflection.confirmed)],
                ] as const
              ).map(([label, value]) => (
                <div class="kpi" key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ProactiveStats figures={s.proactive} />
          <section aria-labelledby="by-channel">
            <h2 id="by-channel">By channel</h2>
            <ul class="channels">
              {Object.entries(s.byChannel).map(([channel, n]) => (
                <li key={channel}>
                  {channel}: <strong>{n}</strong>
                </li>
              ))}
              {Object.keys(s.byChannel).length === 0 && (
                <li class="muted">No conversations in this period.</li>
              )}
            </ul>
          </section>
          <section aria-labelledby="by-hour">
            <h2 id="by-hour">Conversations by hour ({s.timeZone})</h2>
            <ol class="hours">
              {s.byHour.map((n, hour) => (
                <li key={hour} title={`${hour}:00 – ${n}`}>
                  <span class="bar" style={{ height: `${(n / peak) * 100}%` }} />
                  <span class="visually-hidden">
                    {hour}:00: {n}
                  </span>
                  <span class="hour" aria-hidden="true">
                    {hour % 3 === 0 ? hour : ''}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </main>
  );
}
