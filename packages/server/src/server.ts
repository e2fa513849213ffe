import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { newSecret } from './auth/crypto';
import { LoginGuard } from './auth/loginGuard';
import { AnswerBot } from './bot/answerBot';
import { AnswerSource } from './bot/answerSource';
import { chatCompletionsResponder, passageResponder } from './bot/responder';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { readSettings, type Settings } from './env';
import { createApp } from './http/app';
import { ApiError } from './http/errors';
import { healthRoutes, type Lifecycle } from './http/health';
import { openLimitStore } from './http/limitStore';
import { Metrics } from './http/metrics';
import { forgetVisitor } from './http/middleware';
import { RateLimiter } from './http/rateLimit';
import type { AppEnv } from './http/types';
import { Connections } from './realtime/connections';
import { CONTROL_CHANNEL, Hub } from './realtime/hub';
import { attachRealtime } from './realtime/socket';
import { openAiEmbedder } from './search/embedder';
import { HelpSearch } from './search/helpSearch';
import { type SeedResult, seedDemo, selfOrigins } from './seed';
import type { AppContext } from './services/context';
import { Email } from './services/email';
import { startInboundSmtp } from './services/email/inbound';
import { smtpProblem } from './services/email/outbox';
import { outboundPolicy } from './services/outbound';
import { applyRetention } from './services/retention';
import { sampleAll } from './services/sampling';
import { Sites } from './services/sites';
import { expireUploads } from './services/uploads';
import { Webhooks } from './services/webhooks';
import { openUploadStore } from './uploads/openStore';

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
  /**
   * Shut down gracefully: stop accepting connections, close realtime sockets with 1012 (service restart: the
   * clients reconnect, to another node or to this one restarted), let in-flight writes finish (up to
   * `SHUTDOWN_TIMEOUT_MS`), then cut what is left (idle keep-alives, waiting long polls) and close the database.
   */
  close(): Promise<void>;
}

/** Requests that write (anything but GET, HEAD, OPTIONS) until their response is sent, so shutdown can wait. */
class InFlight {
  private readonly pending = new Set<Promise<void>>();
  get size(): number {
    return this.pending.size;
  }
  /** Follow a write request until its response finished (or its connection closed). */
  watch(request: IncomingMessage, response: ServerResponse): void {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const done = new Promise<void>((resolve) => response.once('close', resolve));
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }
  /** Resolves when every watched request has been answered, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all([...this.pending]), timeout]);
    clearTimeout(timer);
  }
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

/** Options of {@link startServer} beyond settings. */
export interface StartHooks {
  /** Called once the HTTP port is bound, before migrations and seeding (`/healthz` answers, `/readyz` is 503). */
  listening?(url: string): void;
  /**
   * Called when the database is lost for good (the embedded database's worker thread died): every request that
   * needs it fails and `/readyz` answers 503 from then on. The CLI exits with code 1 so a supervisor restarts it.
   */
  lost?(error: Error): void;
}

/**
 * Open storage, listen on HTTP (only `/healthz` and `/readyz` until set-up is done; the rest answers 503), run
 * migrations and seed the demo site on an empty database (each under a PostgreSQL advisory lock, in one
 * transaction), then serve the API and the realtime channel. Resolves once ready.
 */
export async function startServer(
  overrides: Partial<Settings> = {},
  hooks: StartHooks = {},
): Promise<RunningServer> {
  const settings = { ...readSettings(), ...overrides };
  const log = pino({ level: settings.logLevel, base: { service: 'frontdesk-server', pid: process.pid } });
  const db = await openDatabase({
    databaseUrl: settings.databaseUrl ?? undefined,
    dataDir: settings.dataDir,
    schema: settings.databaseSchema ?? undefined,
  });
  const offLost = db.onLost?.((error) => {
    log.fatal({ err: error }, error.message);
    hooks.lost?.(error);
  });
  const lifecycle: Lifecycle = {
    ready: false,
    draining: false,
    db,
    hub: null,
    redis: Boolean(settings.redisUrl),
    email: smtpProblem(settings) ?? 'ok',
  };
  let api: Hono<AppEnv> | null = null;
  const front = new Hono<AppEnv>();
  front.route('/', healthRoutes(lifecycle));
  front.all('*', (c) => {
    if (api) return api.fetch(c.req.raw, c.env);
    c.header('retry-after', '1');
    return c.json(
      new ApiError(
        'network',
        'The server is starting (migrations and set-up): try again in a moment.',
        undefined,
        1,
      ).toBody(),
      503,
    );
  });
  const writes = new InFlight();
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: front.fetch, port: settings.port, hostname: settings.host }, () =>
        resolve(s as Server),
      );
      (s as Server).on('request', (request, response) => writes.watch(request, response));
      (s as Server).once('error', reject);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const url = settings.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  hooks.listening?.(url);
  const hub = new Hub();
  // A set-up step that fails (e.g. the database is unreachable) releases the port and connections before rethrowing.
  const abort = async (error: unknown): Promise<never> => {
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  };
  await migrate(db).catch(abort);
  await hub.connect(db, settings.redisUrl).catch(abort);
  lifecycle.hub = hub;
  const sites = new Sites(db);
  // Every node-local cache is told through the bus when it changes on another node; after a bus interruption
  // (resync) each is dropped or rechecked, since what was said meanwhile is lost.
  hub.subscribe(CONTROL_CHANNEL, (message) => {
    if (message.kind === 'sites-changed' || message.kind === 'resync') sites.invalidate();
    if (message.kind === 'resync') void search.recheck().catch(() => undefined);
    if (message.kind === 'resync') forgetVisitor(null);
    if (message.kind === 'article-changed') void search.articleChanged(message.siteId, message.articleId);
    if (message.kind === 'visitor-forgotten') forgetVisitor(message.visitorId);
    if (message.kind === 'origin-refused')
      sites.recordRefused(message.siteId, message.origin, message.count, true);
  });
  sites.onRefused = (siteId, origin, count) => hub.originRefused(siteId, origin, count);
  const webhooks = new Webhooks(db, sites, settings.webhookRetryMs, outboundPolicy(settings));
  const search = new HelpSearch(
    db,
    settings.searchEmbeddings ? openAiEmbedder(settings.searchEmbeddings) : null,
  );
  let realtime: ReturnType<typeof attachRealtime> | null = null;
  const metrics = new Metrics({
    sockets: () => realtime?.clients ?? 0,
    pool: () => db.poolStats?.() ?? null,
  });
  // Every stored event reaches its site's stream once (and the visitor's too): count messages there.
  hub.onPublish = (channel, event) => {
    metrics.events.inc({ type: event.type });
    if (event.type === 'message.created' && channel.startsWith('s:')) metrics.messages.inc();
  };
  webhooks.onAttempt = (result) => metrics.webhookDeliveries.inc({ result });
  const secret = await loadSecret(db, settings.secret).catch(abort);
  // Shared by every node (Redis or PostgreSQL) unless this is the embedded database's one node.
  const limits = await openLimitStore({
    redisUrl: settings.redisUrl,
    db,
    namespace: settings.databaseSchema ?? 'public',
  }).catch(abort);
  const uploads = await openUploadStore(settings, db).catch(abort);
  const email = new Email(db, sites, settings, log, secret, url);
  lifecycle.email = email.outbox.problem ?? 'ok';
  const context: AppContext = {
    settings,
    db,
    hub,
    sites,
    secret,
    webhooks,
    email,
    search,
    bot: new AnswerBot(
      new AnswerSource(search),
      settings.botResponder ? chatCompletionsResponder(settings.botResponder) : passageResponder,
    ),
    uploads,
    ipLimiter: new RateLimiter(limits, 'ip', settings.rateLimitIp),
    loginLimiter: new RateLimiter(limits, 'login-ip', settings.rateLimitLogin),
    loginGuard: new LoginGuard(limits, {
      freeAttempts: settings.loginFreeAttempts,
      baseDelayMs: settings.loginDelayMs,
      maxDelayMs: settings.loginDelayMaxMs,
    }),
    visitorLimiter: new RateLimiter(limits, 'visitor', settings.rateLimitVisitor),
    visitorConnections: new Connections(settings.maxVisitorSockets),
    log,
    metrics,
  };
  for (const origin of selfOrigins(url, port)) sites.selfOrigins.add(origin);
  const seeded = settings.seed ? await seedDemo(context, { url, port }).catch(abort) : null;
  api = createApp(context);
  realtime = attachRealtime(server, context);
  const sockets = realtime;
  webhooks.start();
  email.start();
  const inbound =
    settings.inboundSmtpPort !== null
      ? await startInboundSmtp(context, settings.inboundSmtpPort, settings.inboundSmtpHost).catch(abort)
      : null;
  if (inbound) log.info(`inbound email listening on ${settings.inboundSmtpHost}:${settings.inboundSmtpPort}`);
  await context.bot.resume(context);
  lifecycle.ready = true;
  // Retention and upload expiry run on start and hourly; several nodes doing it at once is harmless (idempotent).
  const retain = () => {
    void sites
      .list()
      .then((all) => applyRetention(db, context.uploads, all))
      .catch(() => undefined);
    if (settings.uploadUnattachedHours > 0)
      void expireUploads(db, context.uploads, settings.uploadUnattachedHours * 3_600_000).catch(
        () => undefined,
      );
  };
  retain();
  // Build every site's help-search index now, in batches that yield, rather than on a visitor's first search.
  void sites
    .list()
    .then((all) => Promise.all(all.map((site) => search.warm(site.id))))
    .catch(() => undefined);
  const retention = setInterval(retain, 3_600_000);
  retention.unref();
  const recheck = setInterval(() => void search.recheck().catch(() => undefined), settings.searchRecheckMs);
  recheck.unref();
  // Quality sampling also runs as conversations resolve; the sweep catches what a hook missed (a node that died).
  const sampling = setInterval(() => void sampleAll(context), 600_000);
  sampling.unref();
  return {
    url,
    port,
    seeded,
    context,
    async close() {
      lifecycle.draining = true;
      log.info({ inFlightWrites: writes.size, sockets: sockets.clients }, 'shutting down');
      webhooks.stop();
      email.stop();
      if (inbound) await new Promise<void>((resolve) => inbound.close(() => resolve()));
      clearInterval(retention);
      clearInterval(recheck);
      clearInterval(sampling);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await sockets.close();
      await writes.settled(settings.shutdownTimeoutMs);
      server.closeAllConnections();
      await closed;
      await hub.close();
      await limits.close();
      await uploads.close?.();
      offLost?.();
      await db.close();
      log.info('stopped');
    },
  };
}
