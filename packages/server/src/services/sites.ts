import { check, type SiteConfig, SiteConfigSchema } from '@frontdesk/protocol';
import { newId, newSecret } from '../auth/crypto';
import type { Database, Sql } from '../db/database';
import { iso } from '../db/rows';
import { ApiError } from '../http/errors';

/** A site with its current published config. */
export interface Site {
  id: string;
  /** Public key the widget sends in `X-Frontdesk-Site`. */
  key: string;
  /** The secret the site was created with (before secrets were split); not used to sign or verify anything. */
  secret: string;
  /** Identity verification keys (userHash HMAC, JWT): the current one first, then any still in their overlap. */
  identitySecrets: string[];
  /** Webhook signing keys: the current one first, then any still in their overlap (each signs every delivery). */
  webhookSecrets: string[];
  /** Bearer tokens of the inbound email endpoint: the current one first, then any still in their overlap. */
  emailSecrets: string[];
  name: string;
  config: SiteConfig;
  /** Version of `config` (0 before the first push). */
  configVersion: number;
  configUpdatedAt: string | null;
}

const TTL_MS = 5_000;

/** What a site secret is for: verifying visitor identities, signing webhooks, or authenticating inbound email. */
export type SecretPurpose = 'identity' | 'webhook' | 'email';
export const SECRET_PURPOSES: readonly SecretPurpose[] = ['identity', 'webhook', 'email'];

/** Loads sites by key with their config, cached briefly (other nodes' pushes show within seconds). */
export class Sites {
  private readonly byKey = new Map<string, { site: Site | null; at: number }>();
  private readonly byIdCache = new Map<string, { site: Site | null; at: number }>();
  /** The server's own origins (it serves the demo page and console): always allowed. */
  readonly selfOrigins = new Set<string>();
  constructor(private readonly db: Database) {}

  /** The site for a key, or null. */
  async byPublicKey(key: string): Promise<Site | null> {
    const hit = this.byKey.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.site;
    const rows = await this.db.query<{ id: string }>('select id from sites where key = $1', [key]);
    const site = rows[0] ? await this.load(rows[0].id) : null;
    // Unknown keys are cached too (cheap 404s), so bound the map against floods of made-up keys.
    if (this.byKey.size > 1000) this.byKey.clear();
    this.byKey.set(key, { site, at: Date.now() });
    return site;
  }

  /** The site with this id, or null (cached like {@link byPublicKey}). */
  async byId(id: string): Promise<Site | null> {
    const hit = this.byIdCache.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.site;
    const site = await this.load(id);
    if (this.byIdCache.size > 1000) this.byIdCache.clear();
    this.byIdCache.set(id, { site, at: Date.now() });
    return site;
  }

  /** Every site (the agent API picks one by `X-Frontdesk-Site`, else the first). */
  async list(): Promise<Site[]> {
    const rows = await this.db.query<{ id: string }>('select id from sites order by created_at, id');
    const sites = await Promise.all(rows.map((r) => this.load(r.id)));
    return sites.filter((s): s is Site => s !== null);
  }

  /** Forget cached entries (after a config push on this node). */
  invalidate(): void {
    this.byKey.clear();
    this.byIdCache.clear();
  }

  /** Browser origins refused lately, per site id (this node's memory; what the console offers to allow). */
  private readonly refused = new Map<string, Map<string, { count: number; lastSeenAt: string }>>();

  /** Refusals not yet told to the other nodes, per site and origin (told at most once a second each). */
  private readonly unshared = new Map<string, { count: number; at: number }>();
  /** Tells the other nodes about refusals (set by the server: the hub). */
  onRefused: ((siteId: string, origin: string, count: number) => void) | null = null;

  /**
   * Remember that `origin` was refused for `siteId` (at most 20 per site, the oldest forgotten first). A refusal
   * seen here (not `remote`) is passed on to the other nodes, so the console lists it whichever node it asks.
   */
  recordRefused(siteId: string, origin: string, count = 1, remote = false): void {
    if (!remote) this.share(siteId, origin);
    let seen = this.refused.get(siteId);
    if (!seen) {
      if (this.refused.size > 1000) this.refused.clear();
      seen = new Map();
      this.refused.set(siteId, seen);
    }
    const total = (seen.get(origin)?.count ?? 0) + count;
    // Re-inserted so the map stays in order of last refusal.
    seen.delete(origin);
    seen.set(origin, { count: total, lastSeenAt: new Date().toISOString() });
    if (seen.size > 20) seen.delete(seen.keys().next().value as string);
  }

  // A flood of refused requests must not flood the bus: the first refusal goes out at once, later ones are
  // counted and go out with the next refusal a second or more after.
  private share(siteId: string, origin: string): void {
    const key = `${siteId} ${origin}`;
    const pending = this.unshared.get(key) ?? { count: 0, at: 0 };
    pending.count++;
    if (Date.now() - pending.at < 1000) {
      this.unshared.set(key, pending);
      return;
    }
    this.onRefused?.(siteId, origin, pending.count);
    if (this.unshared.size > 1000) this.unshared.clear();
    this.unshared.set(key, { count: 0, at: Date.now() });
  }

  /** Origins refused lately for `site` and still not allowed, the latest first. */
  refusedOrigins(site: Site): { origin: string; count: number; lastSeenAt: string }[] {
    return [...(this.refused.get(site.id) ?? [])]
      .filter(([origin]) => !this.allows(site, origin))
      .map(([origin, seen]) => ({ origin, ...seen }))
      .reverse();
  }

  /** Is a browser `origin` allowed by any site (for CORS preflights, which carry no site key)? */
  async anyAllows(origin: string): Promise<boolean> {
    if (this.selfOrigins.has(origin)) return true;
    for (const site of await this.list()) if (originAllowed(site, origin)) return true;
    return false;
  }

  /** Does `site` accept requests from this browser origin (its list, or the server's own origin)? */
  allows(site: Site, origin: string): boolean {
    return this.selfOrigins.has(origin) || originAllowed(site, origin);
  }

  /** Create a site; its config starts as `{ name }` with every default. */
  async create(
    tx: Sql,
    input: { name: string; key?: string; secret?: string; config?: unknown },
  ): Promise<{ id: string; key: string; secret: string; webhookSecret: string }> {
    const id = newId('site');
    const key = input.key ?? `pk_${newSecret(12)}`;
    const secret = input.secret ?? `sk_${newSecret(24)}`;
    // Separate secrets, so a webhook signature is never a valid identity hash; a given secret (seeding with
    // FRONTDESK_SEED_SITE_SECRET) serves both, as an upgraded site's does until it is rotated.
    const webhookSecret = input.secret ?? `whsec_${newSecret(24)}`;
    const emailSecret = input.secret ?? `emsec_${newSecret(24)}`;
    await tx.query('insert into sites (id, key, secret, name) values ($1, $2, $3, $4)', [
      id,
      key,
      secret,
      input.name,
    ]);
    for (const [purpose, value] of [
      ['identity', secret],
      ['webhook', webhookSecret],
      ['email', emailSecret],
    ] as const)
      await tx.query('insert into site_secrets (site_id, purpose, secret) values ($1, $2, $3)', [
        id,
        purpose,
        value,
      ]);
    if (input.config !== undefined) {
      const result = check(SiteConfigSchema, input.config, 'config');
      if (!result.ok) throw new ApiError('validation_failed', 'The seed config is invalid.', result.issues);
      await tx.query(
        'insert into site_configs (site_id, version, config, created_by) values ($1, 1, $2, $3)',
        [id, JSON.stringify(result.value), 'seed'],
      );
    }
    return { id, key, secret, webhookSecret };
  }

  private async load(id: string): Promise<Site | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `select s.id, s.key, s.secret, s.name, c.version, c.config, c.created_at as config_at
       from sites s left join lateral (
         select version, config, created_at from site_configs where site_id = s.id order by version desc limit 1
       ) c on true where s.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const secrets = await this.db.query<{ purpose: string; secret: string }>(
      `select purpose, secret from site_secrets where site_id = $1 and (expires_at is null or expires_at > now())
       order by expires_at desc nulls first, created_at desc`,
      [id],
    );
    const of = (purpose: SecretPurpose) => secrets.filter((s) => s.purpose === purpose).map((s) => s.secret);
    const parsed = check(SiteConfigSchema, r.config ?? { name: r.name });
    const config = parsed.ok
      ? parsed.value
      : (check(SiteConfigSchema, { name: r.name }) as { value: SiteConfig }).value;
    return {
      id: r.id as string,
      key: r.key as string,
      secret: r.secret as string,
      identitySecrets: of('identity'),
      webhookSecrets: of('webhook'),
      emailSecrets: of('email'),
      name: r.name as string,
      config,
      configVersion: (r.version as number | null) ?? 0,
      configUpdatedAt: r.config_at ? iso(r.config_at) : null,
    };
  }
}

/** Does the site accept requests from this browser origin? An empty list or `*` accepts any. */
export function originAllowed(site: Site, origin: string): boolean {
  const list = site.config.allowedOrigins;
  return list.length === 0 || list.includes('*') || list.includes(origin);
}
