import type { Rate, Rating } from '@frontdesk/protocol';
import { type Row, toRating } from '../db/rows';
import type { AppContext } from './context';
import { retryOnConflict } from './context';
import { updateConversation } from './conversations';
import { siteStream, withEvents } from './events';
import type { Site } from './sites';

/**
 * Store a conversation's rating; idempotent by clientId. A later rating with a new clientId replaces the parts it
 * gives and keeps the others (the "Is your problem solved?" answer, then the stars). "Not solved" on a resolved
 * conversation reopens it.
 */
export async function rateConversation(
  ctx: AppContext,
  site: Site,
  conversationId: string,
  input: Rate,
): Promise<{ rating: Rating; created: boolean }> {
  const result = await retryOnConflict(() =>
    withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const found = await tx.query<Row>('select * from ratings where conversation_id = $1', [conversationId]);
      if (found[0]?.client_id === input.clientId) return { rating: toRating(found[0]), created: false };
      const rows = await tx.query<Row>(
        `insert into ratings (conversation_id, client_id, csat, nps, comment, solved) values ($1, $2, $3, $4, $5, $6)
         on conflict (conversation_id) do update set client_id = $2, csat = coalesce($3, ratings.csat),
           nps = coalesce($4, ratings.nps), comment = coalesce($5, ratings.comment), solved = coalesce($6, ratings.solved),
           created_at = now() returning *`,
        [
          conversationId,
          input.clientId,
          input.csat ?? null,
          input.nps ?? null,
          input.comment ?? null,
          input.solved ?? null,
        ],
      );
      const rating = toRating(rows[0]!);
      // Agents see it arrive in the open conversation and the inbox, without a reload.
      await events.append(siteStream(site.id), { type: 'rating.created', conversationId, rating });
      // Written in this transaction (the outbox), sent once it committed.
      await ctx.webhooks.enqueueWith(tx, events, site, 'rating.submitted', { rating });
      return { rating, created: true };
    }),
  );
  if (input.solved === false && result.created) {
    const conv = await ctx.db.query<{ status: string }>('select status from conversations where id = $1', [
      conversationId,
    ]);
    if (conv[0]?.status === 'resolved')
      await updateConversation(ctx, site, conversationId, { status: 'open' });
  }
  return result;
}
