import type { Database } from '../db/database';
import { type Erased, eraseInTx, finishErase } from './erase';
import type { Site } from './sites';
import type { UploadStore } from './uploads';

/**
 * Apply each site's `privacy.retentionDays` through the one erase path: conversations whose last activity is older
 * are erased (messages, ratings, tickets and their values, uploads, webhook payloads; their stream events are
 * anonymised in place, since streams stay gap-free), and so are visitors last seen before the cutoff who have no
 * conversation left. Returns how many conversations were erased.
 */
export async function applyRetention(
  db: Database,
  store: UploadStore,
  sites: Site[],
  now = new Date(),
): Promise<number> {
  let deleted = 0;
  for (const site of sites) {
    const days = site.config.privacy.retentionDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const erased: Erased[] = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        'select id from conversations where site_id = $1 and coalesce(last_message_at, created_at) < $2 for update',
        [site.id, cutoff],
      );
      const done = [
        await eraseInTx(
          tx,
          site.id,
          rows.map((r) => r.id),
        ),
      ];
      const idle = await tx.query<{ id: string }>(
        `select id from visitors v where site_id = $1 and last_seen_at < $2
           and not exists (select 1 from conversations c where c.visitor_id = v.id)`,
        [site.id, cutoff],
      );
      for (const visitor of idle) done.push(await eraseInTx(tx, site.id, [], visitor.id));
      return done;
    });
    for (const one of erased) {
      deleted += one.conversations;
      await finishErase(store, one);
    }
  }
  return deleted;
}
