import { VisitorMatchSchema } from '@frontdesk/protocol';
import type { Hono } from 'hono';
import { type Row, toVisitor } from '../db/rows';
import { notFound } from '../http/errors';
import type { AppEnv } from '../http/types';
import { validate } from '../http/validate';
import type { AppContext } from '../services/context';
import { deleteVisitor, exportVisitor, findVisitors } from '../services/visitorData';

/**
 * Data requests (GDPR access and erasure) on the admin API: by the internal visitor id, or for one person by the
 * site's user id or an email, which is what a person asking for their data can name.
 */
export function visitorDataRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const matchOf = (query: Record<string, string>) =>
    validate(
      VisitorMatchSchema,
      { visitorId: query.visitorId, userId: query.userId, email: query.email },
      'query',
    );

  const person = async (siteId: string, query: Record<string, string>) => {
    const match = matchOf(query);
    const rows = await findVisitors(ctx, siteId, match);
    if (rows.length === 0)
      throw notFound(
        match.email
          ? `A visitor with email ${match.email}`
          : match.userId
            ? `A visitor with user id ${match.userId}`
            : 'The visitor',
      );
    return { match, rows };
  };

  app.get('/visitors', async (c) => {
    const match = matchOf(c.req.query());
    const rows = await findVisitors(ctx, c.get('site').id, match);
    return c.json({ visitors: rows.map(toVisitor) });
  });

  app.get('/visitors/export', async (c) => {
    const { match, rows } = await person(c.get('site').id, c.req.query());
    const visitors = [];
    for (const row of rows) visitors.push(await exportVisitor(ctx, row));
    c.header('content-disposition', 'attachment; filename="visitor-data.json"');
    return c.json({ exportedAt: new Date().toISOString(), match, visitors });
  });

  app.delete('/visitors', async (c) => {
    const site = c.get('site');
    const { rows } = await person(site.id, c.req.query());
    const deleted: string[] = [];
    for (const row of rows)
      if (await deleteVisitor(ctx, site.id, row.id as string)) deleted.push(row.id as string);
    return c.json({ deleted });
  });

  app.get('/visitors/:id/export', async (c) => {
    const visitor = (
      await ctx.db.query<Row>('select * from visitors where id = $1 and site_id = $2', [
        c.req.param('id'),
        c.get('site').id,
      ])
    )[0];
    if (!visitor) throw notFound('The visitor');
    c.header('content-disposition', `attachment; filename="visitor-${visitor.id}.json"`);
    return c.json({ exportedAt: new Date().toISOString(), ...(await exportVisitor(ctx, visitor)) });
  });

  app.delete('/visitors/:id', async (c) => {
    if (!(await deleteVisitor(ctx, c.get('site').id, c.req.param('id')))) throw notFound('The visitor');
    return c.body(null, 204);
  });
}
