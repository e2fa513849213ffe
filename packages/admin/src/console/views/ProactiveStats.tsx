/** Counts of proactive messages, as `GET /v1/admin/stats` reports them (`proactive`). */
export interface ProactiveFigures {
  shown: number;
  clicked: number;
  dismissed: number;
  replied: number;
}

const rate = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : '—');

/** The Quality page's proactive messages section: totals, then one row per message. */
export function ProactiveStats({
  figures,
}: {
  figures: ProactiveFigures & { byMessage: Record<string, ProactiveFigures> };
}) {
  const rows = Object.entries(figures.byMessage).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="proactive">
      <h2 id="proactive">Proactive messages</h2>
      <dl class="kpis">
        {(
          [
            ['Shown', String(figures.shown)],
            ['Clicked', String(figures.clicked)],
            ['Replied', String(figures.replied)],
            ['Dismissed', String(figures.dismissed)],
            ['Reply rate', rate(figures.replied, figures.shown)],
          ] as const
        ).map(([label, value]) => (
          <div class="kpi" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {rows.length > 0 ? (
        <table class="tickets">
          <caption class="visually-hidden">Proactive messages by id</caption>
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Shown</th>
              <th scope="col">Clicked</th>
              <th scope="col">Replied</th>
              <th scope="col">Dismissed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([id, f]) => (
              <tr key={id}>
                <th scope="row">{id === 'page' ? 'page (showMessage)' : id}</th>
                <td>{f.shown}</td>
                <td>{f.clicked}</td>
                <td>{f.replied}</td>
                <td>{f.dismissed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No proactive message was shown in this period.</p>
      )}
    </section>
  );
}
