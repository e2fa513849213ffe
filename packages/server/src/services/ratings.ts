import type { Rate, Rating } from '@frontdesk/protocol';
import { type Row, toRating } from '../db/rows';
import type { AppContext } from './context';
import { retryOnConflict } from './context';
import { siteStream, withEvents } from './events';
import type { Site } from './sites';

/** Store a conversation's rating; idempotent by clientId, a later rating with a new clientId replaces it. */
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
         on conflict (conversation_id) do update set client_id = $2, csat = $3, nps = $4, comment = $5, solved = $6,
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
  return result;
}
