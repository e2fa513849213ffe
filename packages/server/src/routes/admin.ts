import {
  type Agent,
  ArticleInputSchema,
  CategorySchema,
  CreateAgentSchema,
  check,
  IdSchema,
  PushConfigSchema,
  RollbackConfigSchema,
  RotateSecretSchema,
  SiteConfigSchema,
  UpdateAgentSchema,
  validateConfig,
} from '@frontdesk/protocol';
import { Hono } from 'hono';
import * as v from 'valibot';
import { iso, type Row, toConversation, toMessage, toRating, toTicket, toVisitor } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { agentMiddleware, forgetVisitor } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { readBody, validate, valueOr400 } from '../http/validate';
import { createAgent, listAgents } from '../services/agents';
import {
  deleteArticle,
  listArticles,
  listCategories,
  upsertArticle,
  upsertCategory,
} from '../services/articles';
import type { AppContext } from '../services/context';
import { visitorStream } from '../services/events';
import { configRegexIssues } from '../services/regexSafety';
import { listSecrets, rotateSecret } from '../services/secrets';
import { computeStats } from '../services/stats';

const CategoryInputSchema = v.omit(CategorySchema, ['id']);
const RangeSchema = v.object({
  from: v.optional(v.pipe(v.string(), v.isoTimestamp('an ISO timestamp'))),
  to: v.optional(v.pipe(v.string(), v.isoTimestamp('an ISO timestamp'))),
});

/** The admin API (role admin; an agent token gets 403). */
export function adminRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', agentMiddleware(ctx, 'admin'));

  const configResponse = (site: AppEnv['Variables']['site']) => {
    if (site.configVersion === 0) throw notFound('A published config');
    return {
      version: site.configVersion,
      config: site.config,
      updatedAt: site.configUpdatedAt,
      siteKey: site.key,
    };
  };

  app.get('/config', (c) => c.json(configResponse(c.get('site'))));

  app.get('/config/versions', async (c) => {
    const rows = await ctx.db.query<Row>(
      'select version, created_by, note, created_at from site_configs where site_id = $1 order by version desc',
      [c.get('site').id],
    );
    const versions = rows.map((r) => ({
      version: r.version as number,
      createdAt: iso(r.created_at),
      author: (r.created_by as string | null) ?? null,
      note: (r.note as string | null) ?? null,
    }));
    return c.json({ versions });
  });

  const saveConfig = async (siteId: string, config: unknown, author: string, note: string | null) => {
    await ctx.db.transaction(async (tx) => {
      // Lock the site so concurrent pushes get consecutive versions.
      await tx.query('select id from sites where id = $1 for update', [siteId]);
      await tx.query(
        `insert into site_configs (site_id, version, config, created_by, note)
         select $1, coalesce(max(version), 0) + 1, $2, $3, $4 from site_configs where site_id = $1`,
        [siteId, JSON.stringify(config), author, note],
      );
    });
    ctx.sites.invalidate();
    ctx.hub.sitesChanged();
    return configResponse((await ctx.sites.byId(siteId))!);
  };

  app.post('/config', async (c) => {
    const body = await readBody(c, PushConfigSchema);
    // The same checks as the CLI and the console: schema plus cross-field rules, with suggestions.
    const config = valueOr400(validateConfig(body.config), 'body.config');
    const risky = await configRegexIssues(config, 'body.config');
    if (risky.length > 0)
      throw new ApiError('validation_failed', `Invalid request: ${risky[0]!.message}`, risky);
    return c.json(await saveConfig(c.get('site').id, config, c.get('agent').email, body.note ?? null), 201);
  });

  app.post('/config/rollback', async (c) => {
    const body = await readBody(c, RollbackConfigSchema);
    const rows = await ctx.db.query<{ config: unknown }>(
      'select config from site_configs where site_id = $1 and version = $2',
      [c.get('site').id, body.version],
    );
    if (!rows[0]) throw notFound(`Config version ${body.version}`);
    const parsed = check(SiteConfigSchema, rows[0].config);
    if (!parsed.ok)
      throw new ApiError('conflict', `Config version ${body.version} is no longer valid.`, parsed.issues);
    const note = `rollback to version ${body.version}`;
    return c.json(await saveConfig(c.get('site').id, parsed.value, c.get('agent').email, note), 201);
  });

  app.get('/articles', async (c) => c.json(await listArticles(ctx, c.get('site').id, false)));
  app.put('/articles/:id', async (c) => {
    const id = validate(IdSchema, c.req.param('id'), 'params.id');
    const body = await readBody(c, ArticleInputSchema);
    return c.json(await upsertArticle(ctx, c.get('site').id, id, body));
  });
  app.delete('/articles/:id', async (c) => {
    await deleteArticle(ctx, c.get('site').id, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/categories', async (c) => c.json(await listCategories(ctx, c.get('site').id)));
  app.put('/categories/:id', async (c) => {
    const id = validate(IdSchema, c.req.param('id'), 'params.id');
    const body = await readBody(c, CategoryInputSchema);
    return c.json(await upsertCategory(ctx, c.get('site').id, id, body));
  });

  app.get('/agents', async (c) => c.json(await listAgents(ctx.db)));
  app.post('/agents', async (c) => {
    const body = await readBody(c, CreateAgentSchema);
    return c.json(await createAgent(ctx.db, body), 201);
  });
  app.patch('/agents/:id', async (c) => {
    const body = await readBody(c, UpdateAgentSchema);
    if (c.req.param('id') === c.get('agent').id)
      throw new ApiError('conflict', 'You cannot disable your own account.');
    // Disabling revokes every token the agent holds (the version in them no longer matches).
    const rows = await ctx.db.query<Agent>(
      `update agents set disabled = $2, token_version = token_version + (case when $2 then 1 else 0 end)
       where id = $1 returning id, email, name, role, status, disabled`,
      [c.req.param('id'), body.disabled],
    );
    if (rows.length === 0) throw notFound('The agent');
    return c.json(rows[0]);
  });

  app.get('/secrets', async (c) => c.json(await listSecrets(ctx.db, c.get('site').id)));
  app.post('/secrets/rotate', async (c) => {
    const body = await readBody(c, RotateSecretSchema);
    const site = c.get('site');
    await ctx.db.transaction((tx) => rotateSecret(tx, site.id, body.purpose, body.overlapHours));
    ctx.sites.invalidate();
    ctx.hub.sitesChanged();
    return c.json(await listSecrets(ctx.db, site.id));
  });

  app.delete('/agents/:id', async (c) => {
    if (c.req.param('id') === c.get('agent').id)
      throw new ApiError('conflict', 'You cannot delete your own account.');
    const rows = await ctx.db.query('delete from agents where id = $1 returning id', [c.req.param('id')]);
    if (rows.length === 0) throw notFound('The agent');
    return c.body(null, 204);
  });

  app.get('/visitors/:id/export', async (c) => {
    const site = c.get('site');
    const visitor = (
      await ctx.db.query<Row>('select * from visitors where id = $1 and site_id = $2', [
        c.req.param('id'),
        site.id,
      ])
    )[0];
    if (!visitor) throw notFound('The visitor');
    const convs = await ctx.db.query<Row>(
      'select * from conversations where visitor_id = $1 order by created_at',
      [visitor.id],
    );
    const conversations = [];
    for (const conv of convs) {
      const messages = await ctx.db.query<Row>(
        'select * from messages where conversation_id = $1 and not internal order by seq',
        [conv.id],
      );
      const rating = (
        await ctx.db.query<Row>('select * from ratings where conversation_id = $1', [conv.id])
      )[0];
      conversations.push({
        ...toConversation(conv),
        messages: messages.map((m) => toMessage(m)),
        rating: rating ? toRating(rating) : null,
      });
    }
    const tickets = await ctx.db.query<Row>('select * from tickets where visitor_id = $1', [visitor.id]);
    const uploads = await ctx.db.query(
      // The visitor's own files; files agents shared are listed with the messages that carry them.
      'select id, name, type, size, created_at from uploads where visitor_id = $1 and agent_id is null',
      [visitor.id],
    );
    c.header('content-disposition', `attachment; filename="visitor-${visitor.id}.json"`);
    return c.json({
      exportedAt: new Date().toISOString(),
      visitor: { ...toVisitor(visitor), page: visitor.page ?? null, locale: visitor.locale ?? null },
      conversations,
      tickets: tickets.map(toTicket),
      uploads,
    });
  });

  app.delete('/visitors/:id', async (c) => {
    const site = c.get('site');
    const id = c.req.param('id');
    const uploads = await ctx.db.query<{ id: string }>(
      'select id from uploads where visitor_id = $1 and site_id = $2',
      [id, site.id],
    );
    const deleted = await ctx.db.transaction(async (tx) => {
      const convs = await tx.query<{ id: string }>(
        'select id from conversations where visitor_id = $1 and site_id = $2',
        [id, site.id],
      );
      // The site stream must stay gap-free for agents: blank the visitor's message texts there instead of deleting.
      await tx.query(
        `update events set data = jsonb_set(data, '{message,text}', '"[deleted]"')
         where stream_id = $1 and type = 'message.created' and data->'message'->>'conversationId' = any($2::text[])`,
        [`s:${site.id}`, convs.map((r) => r.id)],
      );
      const rows = await tx.query('delete from visitors where id = $1 and site_id = $2 returning id', [
        id,
        site.id,
      ]);
      if (rows.length === 0) return false;
      await tx.query('delete from events where stream_id = $1', [visitorStream(id)]);
      return true;
    });
    if (!deleted) throw notFound('The visitor');
    forgetVisitor(id);
    for (const upload of uploads) await ctx.uploads.delete(upload.id);
    return c.body(null, 204);
  });

  app.get('/stats', async (c) => {
    const range = validate(RangeSchema, { from: c.req.query('from'), to: c.req.query('to') }, 'query');
    const to = range.to ? new Date(range.to) : new Date();
    const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * 86_400_000);
    return c.json(await computeStats(ctx.db, c.get('site').id, from, to));
  });

  app.get('/webhooks/deliveries', async (c) => c.json(await ctx.webhooks.log(c.get('site').id)));

  return app;
}
