import type { Database } from '../db/database';
import type { Site } from './sites';

/**
 * Delete conversations (with their messages, ratings and tickets' links) whose last activity is older than the
 * site's `privacy.retentionDays`, and blank their texts in stored stream events, which stay for cursor integrity.
 * Returns how many conversations were deleted.
 */
export async function applyRetention(db: Database, sites: Site[], now = new Date()): Promise<number> {
  let deleted = 0;
  for (const site of sites) {
    const days = site.config.privacy.retentionDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    deleted += await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        'select id from conversations where site_id = $1 and coalesce(last_message_at, created_at) < $2',
        [site.id, cutoff],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await tx.query(
        `update events set data = jsonb_set(jsonb_set(data, '{message,text}', '"[deleted]"'), '{message,attachments}', '[]')
         where type = 'message.created' and data->'message'->>'conversationId' = any($1::text[])`,
        [ids],
      );
      await tx.query('delete from conversations where id = any($1::text[])', [ids]);
      return ids.length;
    });
  }
  return deleted;
}
