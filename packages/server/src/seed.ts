import { DEMO_ARTICLES, DEMO_CANNED, DEMO_CATEGORIES, demoConfig } from './seedData';
import { createAgent } from './services/agents';
import { upsertArticle, upsertCategory } from './services/articles';
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
 */
export async function seedDemo(
  ctx: AppContext,
  server: { url: string; port: number },
): Promise<SeedResult | null> {
  const existing = await ctx.db.query('select 1 from sites limit 1');
  if (existing.length > 0) return null;
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
  const site = await ctx.db.transaction((tx) =>
    ctx.sites.create(tx, {
      name: 'Frontdesk Demo',
      key: result.siteKey,
      secret: values.siteSecret,
      config: demoConfig(selfOrigins(server.url, server.port)),
    }),
  );
  result.siteSecret = site.secret;
  result.webhookSecret = site.webhookSecret;
  for (const category of DEMO_CATEGORIES) await upsertCategory(ctx, site.id, category.id, category);
  for (const { id, ...article } of DEMO_ARTICLES) await upsertArticle(ctx, site.id, id, article);
  for (const canned of DEMO_CANNED)
    await ctx.db.query(
      'insert into canned_responses (id, site_id, shortcut, title, text) values ($1, $2, $3, $4, $5)',
      [canned.id, site.id, canned.shortcut, canned.title, canned.text],
    );
  await createAgent(ctx.db, { ...result.agent, name: 'Demo Agent', role: 'agent' });
  await createAgent(ctx.db, { ...result.admin, name: 'Demo Admin', role: 'admin' });
  ctx.sites.invalidate();
  return result;
}
