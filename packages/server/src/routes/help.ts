import { LocaleSchema } from '@frontdesk/protocol';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { bearer } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { readBody, validate } from '../http/validate';
import { getArticle, listCategories } from '../services/articles';
import type { AppContext } from '../services/context';
import { proposeFromConfirmation } from '../services/questions';
import { readVisitorToken } from '../services/visitors';

/** Longest search query: a long question still fits, a pasted document does not. */
export const MAX_QUERY_LENGTH = 1000;

const SearchQuerySchema = v.object({
  q: v.pipe(
    v.string('a search query'),
    v.maxLength(MAX_QUERY_LENGTH, `a query of at most ${MAX_QUERY_LENGTH} characters`),
  ),
  locale: v.optional(LocaleSchema, 'en'),
});
const FeedbackSchema = v.object({ helpful: v.boolean() });

/** The help-center API for visitors: search, articles, categories, feedback. A visitor token is optional. */
export function helpRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Activity feeds the deflection figure; attribute it to the visitor when they sent their token.
  const record = (c: Context<AppEnv>, name: string, data: object) => {
    const site = c.get('site');
    const token = bearer(c);
    const visitorId = token ? readVisitorToken(ctx.secret, site.id, token) : null;
    void ctx.db
      .query(
        'insert into activity (site_id, visitor_id, name, data) select $1, v.id, $3, $4 from (select $2::text as id) v0 left join visitors v on v.id = v0.id',
        [site.id, visitorId, name, JSON.stringify(data)],
      )
      .catch(() => undefined);
  };

  app.get('/search', async (c) => {
    const query = validate(
      SearchQuerySchema,
      { q: c.req.query('q') ?? '', locale: c.req.query('locale') ?? 'en' },
      'query',
    );
    const site = c.get('site');
    const { hits, verdict } = await ctx.search.search(site.id, query.q, query.locale, {
      synonyms: site.config.helpCenter.synonyms,
    });
    if (query.q.trim())
      record(c, 'help.search', {
        q: query.q,
        hits: hits.length,
        verdict,
        locale: hits[0]?.locale ?? query.locale,
        // What the visitor saw, so that a later "Yes, that answered it" can propose this query (see questions.ts).
        top: hits.slice(0, 5).map((h) => h.articleId),
      });
    // The answer stays an array of hits (what widgets and clients already read); the verdict is the first hit's.
    return c.json(hits);
  });

  app.get('/articles/:id', async (c) => {
    const site = c.get('site');
    const article = await getArticle(ctx, site.id, c.req.param('id'), true);
    await ctx.db.query('update articles set views = views + 1 where id = $1', [article.id]);
    record(c, 'help.view', { articleId: article.id });
    return c.json(article);
  });

  app.get('/categories', async (c) => c.json(await listCategories(ctx, c.get('site').id)));

  app.post('/articles/:id/feedback', async (c) => {
    const body = await readBody(c, FeedbackSchema);
    const article = await getArticle(ctx, c.get('site').id, c.req.param('id'), true);
    const column = body.helpful ? 'helpful' : 'unhelpful';
    await ctx.db.query(`update articles set ${column} = ${column} + 1 where id = $1`, [article.id]);
    const token = bearer(c);
    const visitorId = body.helpful && token ? readVisitorToken(ctx.secret, c.get('site').id, token) : null;
    if (visitorId) await proposeFromConfirmation(ctx, c.get('site').id, visitorId, article);
    // "Yes, that answered it" after a search: counted as a confirmed self-service answer (docs/bot.md).
    if (body.helpful) record(c, 'help.answered', { articleId: article.id });
    return c.body(null, 204);
  });

  return app;
}
