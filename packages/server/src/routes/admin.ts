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
  type SiteConfig,
  SiteConfigSchema,
  siteTimeZone,
  UpdateAgentSchema,
  validateConfig,
} from '@frontdesk/protocol';
import { Hono } from 'hono';
import * as v from 'valibot';
import { iso, type Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { agentMiddleware } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { readBody, validate, valueOr400 } from '../http/validate';
import { createAgent, listAgents } from '../services/agents';
import {
  deleteArticle,
  listArticles,
  listCategories,
  unpublishArticle,
  upsertArticle,
  upsertCategory,
} from '../services/articles';
import { assignAfter } from '../services/assignment';
import type { AppContext } from '../services/context';
import { outboundPolicy, webhookUrlIssues } from '../services/outbound';
import { listProposals, resolveProposal } from '../services/questions';
import { configRegexIssues } from '../services/regexSafety';
import { teamWarnings } from '../services/routing';
import { listSecrets, rotateSecret } from '../services/secrets';
import { computeStats } from '../services/stats';
import { visitorDataRoutes } from './adminVisitors';
import { memberRoutes, ownAccountOnly } from './members';

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

  const saveConfig = async (siteId: string, config: SiteConfig, author: string, note: string | null) => {
    // The schema allows http and any host; what this server may call depends on its WEBHOOK_DEV_HOSTS.
    const issues = webhookUrlIssues(config.webhooks, outboundPolicy(ctx.settings), 'body.config');
    if (issues.length > 0)
      throw new ApiError('validation_failed', `Invalid request: ${issues[0]!.message}`, issues);
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
    const saved = await saveConfig(c.get('site').id, config, c.get('agent').email, body.note ?? null);
    // New members or capacity may take what waits.
    const site = await ctx.sites.byId(c.get('site').id);
    if (site) await assignAfter(ctx, site);
    // Published all the same; the answer says which team emails are no agent (yet).
    return c.json({ ...saved, warnings: await teamWarnings(ctx.db, config) }, 201);
  });

  // Browser origins whose requests were refused lately (a page embedding the widget that allowedOrigins lacks).
  app.get('/config/refused-origins', (c) => c.json({ origins: ctx.sites.refusedOrigins(c.get('site')) }));

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
  app.post('/articles/:id/unpublish', async (c) => {
    const id = validate(IdSchema, c.req.param('id'), 'params.id');
    return c.json(await unpublishArticle(ctx, c.get('site').id, id));
  });
  app.delete('/articles/:id', async (c) => {
    await deleteArticle(ctx, c.get('site').id, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/question-proposals', async (c) => c.json(await listProposals(ctx, c.get('site').id)));
  app.post('/question-proposals/:id/accept', async (c) =>
    c.json(await resolveProposal(ctx, c.get('site').id, c.req.param('id'), true)),
  );
  app.post('/question-proposals/:id/dismiss', async (c) => {
    await resolveProposal(ctx, c.get('site').id, c.req.param('id'), false);
    return c.body(null, 204);
  });

  app.get('/categories', async (c) => c.json(await listCategories(ctx, c.get('site').id)));
  app.put('/categories/:id', async (c) => {
    const id = validate(IdSchema, c.req.param('id'), 'params.id');
    const body = await readBody(c, CategoryInputSchema);
    return c.json(await upsertCategory(ctx, c.get('site').id, id, body));
  });

  app.get('/agents', async (c) => c.json(await listAgents(ctx.db, c.get('site').id)));
  app.post('/agents', async (c) => {
    const body = await readBody(c, CreateAgentSchema);
    const siteId = c.get('site').id;
    // The new account is a member of this site (an admin account: the site's admin role) and of no other.
    const agent = await ctx.db.transaction(async (tx) => {
      const created = await createAgent(tx, body);
      await tx.query('insert into site_members (site_id, agent_id, roles) values ($1, $2, $3::text[])', [
        siteId,
        created.id,
        [created.role],
      ]);
      return created;
    });
    return c.json(agent, 201);
  });
  app.patch('/agents/:id', async (c) => {
    const body = await readBody(c, UpdateAgentSchema);
    if (c.req.param('id') === c.get('agent').id)
      throw new ApiError('conflict', 'You cannot disable your own account.');
    await ownAccountOnly(ctx, c.get('site').id, c.req.param('id'));
    // Disabling revokes every token the agent holds (the version in them no longer matches).
    const rows = await ctx.db.query<Agent>(
      `update agents set disabled = $2, token_version = token_version + (case when $2 then 1 else 0 end)
       where id = $1 returning id, email, name, role, status, disabled`,
      [c.req.param('id'), body.disabled],
    );
    if (rows.length === 0) throw notFound('The agent');
    return c.json(rows[0]);
  });
  memberRoutes(app, ctx);

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
    await ownAccountOnly(ctx, c.get('site').id, c.req.param('id'));
    const rows = await ctx.db.query('delete from agents where id = $1 returning id', [c.req.param('id')]);
    if (rows.length === 0) throw notFound('The agent');
    return c.body(null, 204);
  });

  visitorDataRoutes(app, ctx);

  app.get('/stats', async (c) => {
    const range = validate(RangeSchema, { from: c.req.query('from'), to: c.req.query('to') }, 'query');
    const to = range.to ? new Date(range.to) : new Date();
    const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * 86_400_000);
    const site = c.get('site');
    return c.json(await computeStats(ctx.db, site.id, from, to, siteTimeZone(site.config)));
  });

  app.get('/webhooks/deliveries', async (c) => c.json(await ctx.webhooks.log(c.get('site').id)));
  // The email delivery log: what was sent, what waits for a retry and why, what failed.
  app.get('/email/deliveries', async (c) => c.json(await ctx.email.outbox.deliveries(c.get('site').id)));

  return app;
}
