import { type Availability, isOpen, nextOpening } from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import type { Site } from './sites';

/**
 * The site's availability: closed business hours mean offline (with the next opening); otherwise online when a
 * member of the site is online, away when one is away, else offline.
 */
export async function availability(db: Sql, site: Site, at = new Date()): Promise<Availability> {
  const hours = site.config.businessHours;
  if (!isOpen(hours, at)) {
    return {
      status: 'offline',
      expectedReplyMinutes: null,
      nextOpenAt: nextOpening(hours, at)?.toISOString() ?? null,
    };
  }
  const rows = await db.query<{ status: string }>(
    `select distinct a.status from agents a join site_members m on m.agent_id = a.id and m.site_id = $1
     where a.status in ('online', 'away') and not a.disabled`,
    [site.id],
  );
  const statuses = new Set(rows.map((r) => r.status));
  const status = statuses.has('online') ? 'online' : statuses.has('away') ? 'away' : 'offline';
  return {
    status,
    expectedReplyMinutes: status === 'online' ? site.config.expectedReplyMinutes : null,
    nextOpenAt: null,
  };
}
