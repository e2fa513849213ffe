import { hashPassword, newId } from './auth/crypto';
import { underStartLock } from './db/migrations';
import { DEMO_ARTICLES, DEMO_CANNED, DEMO_CATEGORIES, demoConfig } from './seedData';
import { seedQualityDemo } from './seedQuality';
import type { AppContext } from './services/context';

/** What {@link seedDemo} created: print it, tests read it. */
export interface SeedResult {
  siteKey: string;
  /** The identity verification secret (userHash, JWT). */
  siteSecret: string;
  /** The webhook signing secret (the same as `siteSecret` when one was given with FRONTDESK_SEED_SITE_SECRET). */
  webhookSecret: string;
  agent: { email: string; password: string };
  admin: { email: string; password: string };
}

/** The server's own origins for a port: browsers on the demo page send one of these. */
export function selfOrigins(url: string, port: number): string[] {
  return [...new Set([new URL(url).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
}

/**
 * Seed the demo site when the database has no site yet: config with forms and five locales, help articles,
 * canned responses, an agent and an admin. Values come from `FRONTDESK_SEED_*` when set (tests), else defaults.
 * All of it is one transaction under the start lock: nodes starting together seed once, and a kill at any point
 * leaves either nothing (the next start seeds) or everything.
 */
export async function seedDemo(
  ctx: AppContext,
  server: { url: string; port: number },
): Promise<SeedResult | null> {
  const values = ctx.settings.seedValues;
  const result: SeedResult = {
    siteKey: values.siteKey ?? 'demo',
    siteSecret: values.siteSecret ?? '',
    webhookSecret: values.siteSecret ?? '',
    agent: {
      email: values.agentEmail ?? 'agent@example.com',
      password: values.agentPassword ?? 'agent-demo-password',
    },
    admin: {
      email: values.adminEmail ?? 'admin@example.com',
      password: values.adminPassword ?? 'admin-demo-password',
    },
  };
  // Hashing is slow: done before the lock is taken.
  const [agentHash, adminHash] = await Promise.all([
    hashPassword(result.agent.password),
    hashPassword(result.admin.password),
  ]);
  const seeded = await underStartLock(ctx.db, 'seed', async (tx) => {
    const existing = await tx.query('select 1 from sites limit 1');
    if (existing.length > 0) return false;
    const site = await ctx.sites.create(tx, {
      name: 'Frontdesk Demo',
      key: result.siteKey,
      secret: values.siteSecret,
      config: demoConfig(selfOrigins(server.url, server.port), ctx.settings.seedBot),
    });
    result.siteSecret = site.secret;
    result.webhookSecret = site.webhookSecret;
    for (const { id, slug, names, order } of DEMO_CATEGORIES)
      await tx.query('insert into categories (id, site_id, slug, names, sort) values ($1, $2, $3, $4, $5)', [
        id,
        site.id,
        slug,
        JSON.stringify(names),
        order,
      ]);
    for (const { id, ...article } of DEMO_ARTICLES)
      await tx.query(
        'insert into articles (id, site_id, slug, category_id, status, translations) values ($1, $2, $3, $4, $5, $6)',
        [
          id,
          site.id,
          article.slug,
          article.categoryId ?? null,
          article.status ?? 'draft',
          JSON.stringify(article.translations),
        ],
      );
    for (const canned of DEMO_CANNED)
      await tx.query(
        'insert into canned_responses (id, site_id, shortcut, title, text) values ($1, $2, $3, $4, $5)',
        [canned.id, site.id, canned.shortcut, canned.title, canned.text],
      );
    const ids: string[] = [];
    for (const [who, name, role, hash] of [
      [result.agent, 'Demo Agent', 'agent', agentHash],
      [result.admin, 'Demo Admin', 'admin', adminHash],
    ] as const) {
      const email = who.email.trim().toLowerCase();
      await tx.query(
        'insert into agents (id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) on conflict (email) do nothing',
        [newId('ag'), email, name, role, hash],
      );
      ids.push((await tx.query<{ id: string }>('select id from agents where email = $1', [email]))[0]!.id);
    }
    // The demo agent and admin work on the demo site (membership is what grants roles there).
    for (const [who, role] of [
      [result.agent, 'agent'],
      [result.admin, 'admin'],
    ] as const)
      await tx.query(
        `insert into site_members (site_id, agent_id, roles) select $1, id, $3::text[] from agents where email = $2
         on conflict (site_id, agent_id) do nothing`,
        [site.id, who.email.trim().toLowerCase(), [role]],
      );
    // Resolved conversations of the demo agent in the review queue, two reviewed by the admin (one disputed).
    if (ctx.settings.seedReviews) await seedQualityDemo(tx, site.id, ids[0]!, ids[1]!);
    return true;
  });
  if (!seeded) return null;
  ctx.sites.invalidate();
  return result;
}
