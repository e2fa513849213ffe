import {
  CreateConversationSchema,
  MarkReadSchema,
  RateSchema,
  SendMessageSchema,
  SessionRequestSchema,
  type SessionResponse,
  TrackEventSchema,
  TypingSchema,
  toPublicConfig,
  VisitorUpdateSchema,
} from '@frontdesk/protocol';
import { Hono } from 'hono';
import { forVisitor, type Row, toConversation, toVisitor } from '../db/rows';
import { etagMatches } from '../http/compression';
import { ApiError } from '../http/errors';
import { bearer, visitorMiddleware } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { intQuery, readBody } from '../http/validate';
import { longPoll } from '../realtime/longPoll';
import { availability } from '../services/availability';
import type { AppContext } from '../services/context';
import { applyVisitorConversationData } from '../services/conversationData';
import {
  createConversation,
  listMessages,
  listVisitorConversations,
  markRead,
  sendMessage,
  visitorConversation,
} from '../services/conversations';
import {
  readEvents,
  siteStream,
  siteVisitorsChannel,
  streamCursor,
  visitorStream,
  withEvents,
} from '../services/events';
import { isProactiveEvent, proactiveActivity } from '../services/proactive';
import { rateConversation } from '../services/ratings';
import { sampleAfter } from '../services/sampling';
import { mergeAttributes, startSession } from '../services/visitors';

/** The visitor API: session, config, conversations, messages, events (see docs/protocol.md). */
export function visitorRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = visitorMiddleware(ctx);

  app.post('/session', async (c) => {
    const site = c.get('site');
    const body = await readBody(c, SessionRequestSchema);
    const visitorToken = body.visitorToken ?? bearer(c) ?? undefined;
    const { visitor, token } = await startSession(ctx, site, { ...body, visitorToken });
    const response: SessionResponse = {
      visitorToken: token,
      visitor,
      config: toPublicConfig(site.config) as SessionResponse['config'],
      configVersion: site.configVersion,
      availability: await availability(ctx.db, site),
      cursor: await streamCursor(ctx.db, visitorStream(visitor.id)),
    };
    return c.json(response);
  });

  app.get('/config', (c) => {
    const site = c.get('site');
    const etag = `"${site.id}-${site.configVersion}"`;
    c.header('etag', etag);
    c.header('cache-control', 'public, max-age=60, stale-while-revalidate=600');
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json({ config: toPublicConfig(site.config), version: site.configVersion });
  });

  app.patch('/visitor', auth, async (c) => {
    const body = await readBody(c, VisitorUpdateSchema);
    const id = c.get('visitorId');
    const siteId = c.get('site').id;
    const row = await withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const current = (await tx.query<Row>('select * from visitors where id = $1 for update', [id]))[0]!;
      // A phone number has no column of its own: it is the profile's `phone` attribute.
      const attributes = mergeAttributes(
        current.attributes,
        body.attributes,
        body.phone ? { phone: body.phone } : undefined,
      );
      for (const key of body.unset ?? []) delete attributes[key];
      // What the visitor says about themselves fills their profile; a user the site identified keeps the name and
      // email the site gave, and only gets the ones it did not. A lead's details (`lead`) never touch these: they
      // are kept apart, unverified, so an anonymous visitor cannot pass for anyone.
      const rows = await tx.query<Row>(
        `update visitors set attributes = $2, page = coalesce($3, page), locale = coalesce($4, locale),
           name = case when user_id is null then coalesce($5, name) else coalesce(name, $5) end,
           email = case when user_id is null then coalesce($6, email) else coalesce(email, $6) end,
           lead = case when $7::jsonb is null then lead else coalesce(lead, '{}'::jsonb) || $7::jsonb end,
           company = case when $8::boolean then $9::jsonb else company end,
           last_seen_at = now() where id = $1 returning *`,
        [
          id,
          JSON.stringify(attributes),
          body.page ? JSON.stringify(body.page) : null,
          body.locale ?? null,
          body.name ?? null,
          body.email ?? null,
          body.lead ? JSON.stringify(body.lead) : null,
          body.company !== undefined,
          body.company ? JSON.stringify(body.company) : null,
        ],
      );
      const updated = rows[0]!;
      // Agents looking at this visitor see what changed live (nothing is sent when nothing changed).
      const seen = (r: Row) =>
        JSON.stringify([
          r.attributes,
          r.page ?? null,
          r.locale ?? null,
          r.name ?? null,
          r.email ?? null,
          r.lead ?? null,
          r.company ?? null,
        ]);
      if (seen(updated) !== seen(current))
        await events.append(siteStream(siteId), {
          type: 'visitor.updated',
          visitor: {
            ...toVisitor(updated),
            page: (updated.page as { url: string; title?: string } | null) ?? null,
            locale: (updated.locale as string | null) ?? null,
          },
        });
      if (body.conversation) await applyVisitorConversationData(tx, events, siteId, id, body.conversation);
      return updated;
    });
    return c.json(toVisitor(row));
  });

  app.get('/conversations', auth, async (c) =>
    c.json((await listVisitorConversations(ctx, c.get('visitorId'))).map(forVisitor)),
  );

  app.post('/conversations', auth, async (c) => {
    const body = await readBody(c, CreateConversationSchema);
    const visitor = await visitorRef(ctx, c.get('visitorId'));
    const result = await createConversation(ctx, c.get('site'), visitor, body);
    if (result.created && result.message && result.conversation.bot)
      void ctx.bot.handle(ctx, c.get('site'), { message: result.message });
    return c.json(
      { conversation: forVisitor(result.conversation), message: result.message },
      result.created ? 201 : 200,
    );
  });

  app.get('/conversations/:id', auth, async (c) => {
    const row = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    return c.json(forVisitor(toConversation(row)));
  });

  app.get('/conversations/:id/messages', auth, async (c) => {
    const row = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    const afterSeq = intQuery(c, 'afterSeq', 0);
    const limit = intQuery(c, 'limit', 100, 500) || 100;
    return c.json(await listMessages(ctx, row, { afterSeq, limit, internal: false }));
  });

  app.post('/conversations/:id/messages', auth, async (c) => {
    const body = await readBody(c, SendMessageSchema);
    const author = { visitorId: c.get('visitorId') };
    const result = await sendMessage(ctx, c.get('site'), c.req.param('id'), author, body);
    // The bot takes a turn on every new visitor message in a chat it holds.
    if (result.created && result.botHolds)
      void ctx.bot.handle(ctx, c.get('site'), { message: result.message, reply: body.reply });
    return c.json(result.message, result.created ? 201 : 200);
  });

  app.post('/conversations/:id/read', auth, async (c) => {
    const body = await readBody(c, MarkReadSchema);
    const conv = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    await markRead(ctx, c.get('site'), conv.id as string, 'visitor', body.readSeq);
    return c.body(null, 204);
  });

  app.post('/conversations/:id/typing', auth, async (c) => {
    const body = await readBody(c, TypingSchema);
    const conv = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    const visitor = await visitorRef(ctx, c.get('visitorId'));
    ctx.hub.publishEphemeral(siteStream(c.get('site').id), {
      type: 'typing',
      conversationId: conv.id as string,
      by: 'visitor',
      name: visitor.name,
      typing: body.typing,
    });
    return c.body(null, 204);
  });

  app.post('/conversations/:id/rating', auth, async (c) => {
    const body = await readBody(c, RateSchema);
    const conv = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    const result = await rateConversation(ctx, c.get('site'), conv.id as string, body);
    // A low rating or "not solved" after resolution may sample the conversation for quality review.
    if (result.created) await sampleAfter(ctx, c.get('site'), conv.id as string);
    return c.json(result.rating, result.created ? 201 : 200);
  });

  app.get('/events', auth, async (c) => {
    const after = intQuery(c, 'after', 0);
    const limit = intQuery(c, 'limit', 100, 500) || 100;
    const wait = intQuery(c, 'wait', 0, 25);
    const stream = visitorStream(c.get('visitorId'));
    if (wait > 0) {
      // A waiting poll holds a subscription like a socket does: it counts against the same cap.
      const visitorId = c.get('visitorId');
      if (!ctx.visitorConnections.take(visitorId))
        throw new ApiError('rate_limited', ctx.visitorConnections.refusal(), undefined, wait);
      try {
        return c.json(
          await longPoll(ctx, stream, after, limit, wait * 1000, c.req.raw.signal, [
            siteVisitorsChannel(c.get('site').id),
          ]),
        );
      } finally {
        ctx.visitorConnections.give(visitorId);
      }
    }
    return c.json(await readEvents(ctx.db, stream, after, limit));
  });

  app.post('/track', auth, async (c) => {
    const body = await readBody(c, TrackEventSchema);
    const site = c.get('site');
    // The widget's own proactive counts (validated strictly); everything else is the site's event.
    const row = isProactiveEvent(body.name)
      ? proactiveActivity(site, body.name, body.data)
      : { name: `track:${body.name}`, data: body.data ?? {} };
    await ctx.db.query('insert into activity (site_id, visitor_id, name, data) values ($1, $2, $3, $4)', [
      site.id,
      c.get('visitorId'),
      row.name,
      JSON.stringify(row.data),
    ]);
    return c.body(null, 204);
  });

  return app;
}

/** The visitor's id and display name, for authoring messages. */
export async function visitorRef(ctx: AppContext, id: string): Promise<{ id: string; name: string | null }> {
  const rows = await ctx.db.query<{ name: string | null }>('select name from visitors where id = $1', [id]);
  return { id, name: rows[0]?.name ?? null };
}
