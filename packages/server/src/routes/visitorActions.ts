import { type PopoutCode, PopoutExchangeSchema, ShowIdSchema } from '@frontdesk/protocol';
import { Hono } from 'hono';
import { type Row, toTicket } from '../db/rows';
import { notFound } from '../http/errors';
import { visitorMiddleware } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { readBody, validate } from '../http/validate';
import type { AppContext } from '../services/context';
import { updateConversation, visitorConversation } from '../services/conversations';
import { createPopoutCode, exchangePopoutCode, POPOUT_CODE_SECONDS } from '../services/popout';
import { TICKET_SELECT } from '../services/tickets';

/**
 * What the widget's run-time verbs need from the visitor API: end a conversation, find a ticket, hand the chat to
 * a popout window. Every route but the code exchange needs the visitor's token.
 */
export function visitorActionRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = visitorMiddleware(ctx);

  // The visitor ends their own conversation: resolved through the same service as an agent's "Resolve", so the
  // rating request, webhooks and realtime updates follow alike. Anyone else's conversation is a 404.
  app.post('/conversations/:id/end', auth, async (c) => {
    const conv = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    return c.json(await updateConversation(ctx, c.get('site'), conv.id as string, { status: 'resolved' }));
  });

  app.get('/tickets/:id', auth, async (c) => {
    const id = validate(ShowIdSchema, c.req.param('id'), 'params.id');
    const rows = await ctx.db.query<Row>(
      `${TICKET_SELECT} where t.site_id = $1 and t.visitor_id = $2 and (t.id = $3 or t.reference = $3)`,
      [c.get('site').id, c.get('visitorId'), id],
    );
    if (!rows[0]) throw notFound('The ticket');
    return c.json(toTicket(rows[0]));
  });

  app.post('/popout', auth, async (c) => {
    const code = await createPopoutCode(ctx, c.get('site'), c.get('visitorId'));
    const body: PopoutCode = { code, expiresInSeconds: POPOUT_CODE_SECONDS };
    return c.json(body, 201);
  });

  app.post('/popout/exchange', async (c) => {
    const body = await readBody(c, PopoutExchangeSchema);
    return c.json({ visitorToken: await exchangePopoutCode(ctx, c.get('site'), body.code) });
  });

  return app;
}
