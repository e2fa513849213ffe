import type { Article, ArticleDraft, ArticleInput, Category } from '@frontdesk/protocol';
import { iso, type Row } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import type { AppContext } from './context';

/** An article as stored; `withDraft` adds the pending draft (admin API only: never to visitors). */
export function toArticle(r: Row, withDraft = false): Article {
  return {
    id: r.id as string,
    slug: r.slug as string,
    categoryId: (r.category_id as string | null) ?? null,
    status: r.status as Article['status'],
    translations: r.translations as Article['translations'],
    ...(withDraft ? { draft: (r.draft as ArticleDraft | null) ?? null } : {}),
    updatedAt: iso(r.updated_at),
  };
}

export function toCategory(r: Row): Category {
  return {
    id: r.id as string,
    slug: r.slug as string,
    names: r.names as Category['names'],
    order: r.sort as number,
  };
}

/** Articles of a site; `published` limits to what visitors may see. */
export async function listArticles(ctx: AppContext, siteId: string, published: boolean): Promise<Article[]> {
  const rows = await ctx.db.query<Row>(
    `select * from articles where site_id = $1 ${published ? "and status = 'published'" : ''} order by slug`,
    [siteId],
  );
  return rows.map((r) => toArticle(r, !published));
}

/** One article by id or slug; drafts only when `published` is false. */
export async function getArticle(
  ctx: AppContext,
  siteId: string,
  idOrSlug: string,
  published: boolean,
): Promise<Article> {
  const rows = await ctx.db.query<Row>(
    `select * from articles where site_id = $1 and (id = $2 or slug = $2) ${published ? "and status = 'published'" : ''}`,
    [siteId, idOrSlug],
  );
  if (!rows[0]) throw notFound('The article');
  return toArticle(rows[0]);
}

/**
 * Create or replace an article with this id (slugs are unique per site). Saving a draft of a published article
 * stores it as the article's draft revision: the published text stays live and searchable until it is published.
 */
export async function upsertArticle(
  ctx: AppContext,
  siteId: string,
  id: string,
  input: ArticleInput,
): Promise<Article> {
  const status = input.status ?? 'draft';
  const current = (
    await ctx.db.query<Row>('select status from articles where site_id = $1 and id = $2', [siteId, id])
  )[0];
  const clash = await ctx.db.query('select 1 from articles where site_id = $1 and slug = $2 and id <> $3', [
    siteId,
    input.slug,
    id,
  ]);
  if (clash.length > 0)
    throw new ApiError('conflict', `Another article already uses the slug "${input.slug}".`);
  if (current?.status === 'published' && status === 'draft') {
    const draft: ArticleDraft = {
      slug: input.slug,
      categoryId: input.categoryId ?? null,
      translations: input.translations,
      updatedAt: new Date().toISOString(),
    };
    const rows = await ctx.db.query<Row>(
      'update articles set draft = $3 where site_id = $1 and id = $2 returning *',
      [siteId, id, JSON.stringify(draft)],
    );
    return toArticle(rows[0]!, true); // nothing visitors see changed: search stays as it is
  }
  const rows = await ctx.db.query<Row>(
    `insert into articles (id, site_id, slug, category_id, status, translations) values ($1, $2, $3, $4, $5, $6)
     on conflict (id) do update set slug = $3, category_id = $4, status = $5, translations = $6, draft = null,
       updated_at = now()
     where articles.site_id = $2 returning *`,
    [id, siteId, input.slug, input.categoryId ?? null, status, JSON.stringify(input.translations)],
  );
  if (!rows[0]) throw new ApiError('conflict', 'This article id belongs to another site.');
  await articleChanged(ctx, siteId, id);
  return toArticle(rows[0], true);
}

/**
 * Take a published article offline (it becomes a draft with its text and any pending draft revision kept): since
 * "Save draft" on a published article keeps it live, this is how an admin withdraws one without deleting it.
 */
export async function unpublishArticle(ctx: AppContext, siteId: string, id: string): Promise<Article> {
  const rows = await ctx.db.query<Row>(
    "update articles set status = 'draft', updated_at = now() where site_id = $1 and id = $2 returning *",
    [siteId, id],
  );
  if (!rows[0]) throw notFound('The article');
  await articleChanged(ctx, siteId, id);
  return toArticle(rows[0], true);
}

export async function deleteArticle(ctx: AppContext, siteId: string, id: string): Promise<void> {
  const rows = await ctx.db.query('delete from articles where site_id = $1 and id = $2 returning id', [
    siteId,
    id,
  ]);
  if (rows.length === 0) throw notFound('The article');
  await articleChanged(ctx, siteId, id);
}

/** Update this node's search index before answering, and tell the other nodes to update theirs. */
async function articleChanged(ctx: AppContext, siteId: string, id: string): Promise<void> {
  ctx.hub.articlesChanged(siteId, id);
  await ctx.search.articleChanged(siteId, id);
}

export async function listCategories(ctx: AppContext, siteId: string): Promise<Category[]> {
  const rows = await ctx.db.query<Row>('select * from categories where site_id = $1 order by sort, id', [
    siteId,
  ]);
  return rows.map(toCategory);
}

export async function upsertCategory(
  ctx: AppContext,
  siteId: string,
  id: string,
  input: Omit<Category, 'id'>,
): Promise<Category> {
  const rows = await ctx.db.query<Row>(
    `insert into categories (id, site_id, slug, names, sort) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set slug = $3, names = $4, sort = $5 where categories.site_id = $2 returning *`,
    [id, siteId, input.slug, JSON.stringify(input.names), input.order],
  );
  if (!rows[0]) throw new ApiError('conflict', 'This category id belongs to another site.');
  return toCategory(rows[0]);
}
