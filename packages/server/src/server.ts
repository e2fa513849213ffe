import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { newSecret } from './auth/crypto';
import { LoginGuard } from './auth/loginGuard';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { readSettings, type Settings } from './env';
import { createApp } from './http/app';
import { RateLimiter } from './http/rateLimit';
import { Connections } from './realtime/connections';
import { CONTROL_CHANNEL, Hub } from './realtime/hub';
import { attachRealtime } from './realtime/socket';
import { HelpSearch } from './search/helpSearch';
import { type SeedResult, seedDemo, selfOrigins } from './seed';
import type { AppContext } from './services/context';
import { applyRetention } from './services/retention';
import { Sites } from './services/sites';
import { diskUploadStore } from './services/uploads';
import { Webhooks } from './services/webhooks';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4310`. */
  url: string;
  /** The TCP port it listens on (the chosen one when `PORT` was 0). */
  port: number;
  /** What was seeded on this start (null when the database already had a site or seeding is off). */
  seeded: SeedResult | null;
  /** Database, hub, caches and settings of this server (for embedding and tests). */
  context: AppContext;
  /** Stop accepting connections, close sockets and the database. */
  close(): Promise<void>;
}

async function loadSecret(db: Database, configured: string | null): Promise<string> {
  if (configured) return configured;
  const rows = await db.query<{ value: string }>("select value from settings where key = 'token_secret'");
  if (rows[0]) return rows[0].value;
  const secret = newSecret(32);
  await db.query(
    "insert into settings (key, value) values ('token_secret', $1) on conflict (key) do nothing",
    [secret],
  );
  return (await db.query<{ value: string }>("select value from settings where key = 'token_secret'"))[0]!
    .value;
}

/** Open storage (running migrations), seed the demo site when empty, and listen on HTTP and WebSocket. */
export async function startServer(overrides: Partial<Settings> = {}): Promise<RunningServer> {
  const settings = { ...readSettings(), ...overrides };
  const db = await openDatabase({
    databaseUrl: settings.databaseUrl ?? undefined,
    dataDir: settings.dataDir,
    schema: settings.databaseSchema ?? undefined,
  });
  await migrate(db);
  const hub = new Hub();
  await hub.connect(db, settings.redisUrl);
  const sites = new Sites(db);
  hub.subscribe(CONTROL_CHANNEL, (message) => {
    if (message.kind === 'sites-changed') sites.invalidate();
  });
  const webhooks = new Webhooks(db, sites, settings.webhookRetryMs);
  const context: AppContext = {
    settings,
    db,
    hub,
    sites,
    secret: await loadSecret(db, settings.secret),
    webhooks,
    search: new HelpSearch(db),
    uploads: diskUploadStore(join(settings.dataDir, 'uploads')),
    ipLimiter: new RateLimiter(settings.rateLimitIp),
    loginLimiter: new RateLimiter(settings.rateLimitLogin),
    loginGuard: new LoginGuard({
      freeAttempts: settings.loginFreeAttempts,
      baseDelayMs: settings.loginDelayMs,
      maxDelayMs: settings.loginDelayMaxMs,
    }),
    visitorLimiter: new RateLimiter(settings.rateLimitVisitor),
    visitorConnections: new Connections(settings.maxVisitorSockets),
  };
  const app = createApp(context);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, () =>
      resolve(s as Server),
    );
    (s as Server).once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const url = settings.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (const origin of selfOrigins(url, port)) sites.selfOrigins.add(origin);
  const seeded = settings.seed ? await seedDemo(context, { url, port }) : null;
  const realtime = attachRealtime(server, context);
  webhooks.start();
  // Retention runs on start and hourly; several nodes doing it at once is harmless (idempotent deletes).
  const retain = () =>
    void sites
      .list()
      .then((all) => applyRetention(db, all))
      .catch(() => undefined);
  retain();
  const retention = setInterval(retain, 3_600_000);
  retention.unref();
  return {
    url,
    port,
    seeded,
    context,
    async close() {
      webhooks.stop();
      clearInterval(retention);
      realtime.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
      await db.close();
    },
  };
}
