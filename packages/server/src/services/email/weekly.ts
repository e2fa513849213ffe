import { siteTimeZone } from '@frontdesk/protocol';
import { weeklySummary } from '../quality/weeklySummary';
import type { Site } from '../sites';
import { escapeHtml } from './render';
import { fromName, type ScanDeps } from './scan';

/**
 * The weekly quality summary to the site's managers and admins, once its `weekday` and `hour` have come this week
 * (in the site's time zone), for the last complete week. `weekly_summary_sends` has one row per site and week,
 * written in the transaction of the outbox rows: whichever node inserts it sends, every other finds it and skips.
 */
export async function scanWeeklySummary(deps: ScanDeps, site: Site): Promise<number> {
  const { weekday, hour } = site.config.email.weeklySummary;
  const [due] = await deps.db.query<{ week: string; due: boolean; sent: boolean }>(
    `select to_char(w.monday - interval '1 week', 'YYYY-MM-DD') as week,
       (now() at time zone $1) >= w.monday + make_interval(days => $2 - 1, hours => $3) as due,
       exists (select 1 from weekly_summary_sends s where s.site_id = $4
         and s.week = (w.monday - interval '1 week')::date) as sent
     from (select date_trunc('week', now() at time zone $1) as monday) w`,
    [siteTimeZone(site.config), weekday, hour, site.id],
  );
  if (!due?.due || due.sent) return 0;
  const summary = await weeklySummary(deps.db, site, due.week);
  const html = `<pre style="font-family:monospace;white-space:pre-wrap">${escapeHtml(summary.text)}</pre>`;
  return deps.db.transaction(async (tx) => {
    // Managers and admins of this site (admin grants manager); disabled accounts get nothing.
    const recipients = await tx.query<{ email: string }>(
      `select a.email from site_members m join agents a on a.id = m.agent_id
       where m.site_id = $1 and m.roles && array['manager', 'admin']::text[] and not a.disabled order by a.email`,
      [site.id],
    );
    const claimed = await tx.query(
      `insert into weekly_summary_sends (site_id, week, recipients) values ($1, $2::date, $3)
       on conflict do nothing returning site_id`,
      [site.id, due.week, recipients.length],
    );
    if (claimed.length === 0) return 0;
    for (const { email } of recipients)
      await deps.outbox.enqueue(tx, {
        siteId: site.id,
        kind: 'weekly_summary',
        to: email,
        fromName: fromName(site),
        conversationId: null,
        email: { subject: summary.subject, text: summary.text, html, attachments: summary.attachments },
      });
    return recipients.length;
  });
}
