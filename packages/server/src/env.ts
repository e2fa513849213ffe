import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Server settings, read from environment variables by {@link readSettings}. */
export interface Settings {
  /** `PORT`: TCP port (default 4310; 0 picks a free one). */
  port: number;
  /** `HOST`: interface to listen on (default 127.0.0.1). */
  host: string;
  /** `PUBLIC_URL`: the server's own origin as browsers see it (default `http://HOST:PORT`). */
  publicUrl: string | null;
  /** `DATABASE_URL`: PostgreSQL connection string; unset uses the embedded database. */
  databaseUrl: string | null;
  /** `DATABASE_SCHEMA`: PostgreSQL schema (default public). */
  databaseSchema: string | null;
  /** `REDIS_URL`: fan realtime events out between nodes through Redis instead of PostgreSQL NOTIFY. */
  redisUrl: string | null;
  /** `DATA_DIR`: embedded database files and uploads (default `./.data`). */
  dataDir: string;
  /** `FRONTDESK_SECRET`: signs visitor and agent tokens; generated and stored in the database when unset. */
  secret: string | null;
  /** `STATIC_WIDGET_DIR`: files served at `/widget/*`. */
  widgetDir: string | null;
  /** `STATIC_CONSOLE_DIR`: the console app served at `/console/*`. */
  consoleDir: string | null;
  /** `STATIC_DEMO_DIR`: the demo page served at `/`. */
  demoDir: string | null;
  /** `FRONTDESK_SEED`: seed the demo site on an empty database (default true; `0` to skip). */
  seed: boolean;
  /** `FRONTDESK_SEED_BOT`: the seeded demo site has the answer bot on (default true; `0` seeds it off). */
  seedBot: boolean;
  /** `FRONTDESK_SEED_REVIEWS`: the demo site gets resolved conversations, a review queue and reviews (default true). */
  seedReviews: boolean;
  /** `FRONTDESK_SEED_SITE_KEY`, `…_SITE_SECRET`, `…_AGENT_EMAIL`, `…_AGENT_PASSWORD`, `…_ADMIN_EMAIL`, `…_ADMIN_PASSWORD`. */
  seedValues: Partial<
    Record<'siteKey' | 'siteSecret' | 'agentEmail' | 'agentPassword' | 'adminEmail' | 'adminPassword', string>
  >;
  /**
   * `TRUST_PROXY`: how many reverse proxies stand in front of the server (default 0). The client address is the
   * `X-Forwarded-For` entry that many hops from the right (the one the outermost trusted proxy saw), never an
   * entry the client wrote itself. `true` means 1.
   */
  trustProxy: number;
  /** `LOGIN_FREE_ATTEMPTS`: failed sign-ins per account answered at once before delays start (default 5). */
  loginFreeAttempts: number;
  /** `LOGIN_DELAY_MS`: first delay per account after the free attempts, doubled per failure (default 1000). */
  loginDelayMs: number;
  /** `LOGIN_DELAY_MAX_MS`: longest delay per account, so its owner is never locked out for long (default 60000). */
  loginDelayMaxMs: number;
  /**
   * `CONSOLE_ORIGINS`: comma-separated origins whose pages may call the agent and admin API and open the agent
   * socket (default: only the server's own origin, where the console is served).
   */
  consoleOrigins: string[];
  /** `RATE_LIMIT_IP`: visitor requests per minute per IP (default 1200; 0 disables). */
  rateLimitIp: number;
  /** `RATE_LIMIT_LOGIN`: failed agent logins per minute per client address before login is refused (default 10). */
  rateLimitLogin: number;
  /** `RATE_LIMIT_VISITOR`: writes per minute per visitor (default 120; 0 disables). */
  rateLimitVisitor: number;
  /** `UPLOAD_MAX_BYTES`: largest upload (default 10 MB). */
  uploadMaxBytes: number;
  /**
   * Uploads in an S3-compatible bucket (shared by every node): `UPLOADS_S3_BUCKET` turns it on;
   * `UPLOADS_S3_ENDPOINT` (a non-AWS server), `UPLOADS_S3_REGION`, `UPLOADS_S3_FORCE_PATH_STYLE` (`1`: bucket in
   * the path, as most S3-compatible servers want) and `UPLOADS_S3_PREFIX` (key prefix, default `uploads/`).
   * Credentials come from the AWS SDK's default chain (`AWS_ACCESS_KEY_ID`…, profile, instance role).
   */
  uploadsS3: {
    bucket: string;
    endpoint: string | null;
    region: string | null;
    forcePathStyle: boolean;
    prefix: string;
  } | null;
  /** `UPLOAD_UNATTACHED_HOURS`: an upload no message or ticket uses is deleted after this long (default 24; 0 keeps). */
  uploadUnattachedHours: number;
  /** `BODY_MAX_BYTES`: largest JSON body (default 256 KB). */
  bodyMaxBytes: number;
  /** `MAX_VISITOR_SOCKETS`: sockets and waiting long polls one visitor may hold on a node (default 20; 0 disables). */
  maxVisitorSockets: number;
  /** `SOCKET_FRAMES_PER_SECOND`: realtime frames (typing, ping) a visitor or agent may send per second, in bursts of twice that; the excess is dropped (default 10; 0 disables). */
  socketFramesPerSecond: number;
  /** `VISITOR_BUFFER_MAX_BYTES`: bytes waiting to be sent to one visitor across all its sockets on a node; a socket that would go past it is dropped and resyncs on reconnect (default 8 MB; 0 disables). */
  visitorBufferMaxBytes: number;
  /** `VISITOR_TOKEN_DAYS`: a visitor token expires this long after its session started (default 90; renewed on each). */
  visitorTokenDays: number;
  /** `PRESENCE_GRACE_MS`: an online agent with no realtime connection left goes offline after this long (default 60000). */
  presenceGraceMs: number;
  /** `PRESENCE_HEARTBEAT_MS`: how often a node renews its agents' connection rows; a node that stops (killed) has its agents set offline about 3 heartbeats plus the grace period later (default 10000). */
  presenceHeartbeatMs: number;
  /** `MEMBERSHIP_CHECK_MS`: how often open agent sockets re-check that their agent is still a member of the site (default 30000). */
  membershipCheckMs: number;
  /** `WEBHOOK_RETRY_MS`: first retry delay of a failed webhook, doubled per attempt (default 2000). */
  webhookRetryMs: number;
  /**
   * `WEBHOOK_DEV_HOSTS`: comma-separated `host` or `host:port` entries that webhooks may reach over http and at
   * loopback or private addresses — for development and tests only (default none: https to public addresses).
   */
  webhookDevHosts: string[];
  /** `WEBHOOK_TIMEOUT_MS`: total time for one webhook request, answer included (default 10000). */
  webhookTimeoutMs: number;
  /** `WEBHOOK_RESPONSE_MAX_BYTES`: a webhook answer longer than this is aborted and the attempt fails (default 65536). */
  webhookResponseMaxBytes: number;
  /**
   * `SMTP_URL`: outbound mail server, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…:465` (nodemailer
   * URL; `?tls.rejectUnauthorized=false` and the like work). Unset: no email is sent, and `/readyz` says so.
   */
  smtpUrl: string | null;
  /** `SMTP_FROM`: the address emails come from, e.g. `support@example.com` (required for sending). */
  smtpFrom: string | null;
  /**
   * `EMAIL_REPLY_DOMAIN`: domain of the signed reply addresses (`reply+<conversation>.<signature>@domain`); mail to
   * it must reach the inbound listener or the inbound webhook (default: the domain of `SMTP_FROM`).
   */
  emailReplyDomain: string | null;
  /** `EMAIL_RETRY_MS`: first retry delay of an email that could not be sent, doubled per attempt (default 30000). */
  emailRetryMs: number;
  /** `EMAIL_CHECK_MS`: how often the server looks for emails to write and to send (default 15000). */
  emailCheckMs: number;
  /** `INBOUND_SMTP_PORT`: listen for visitors' email answers on this SMTP port (unset: no listener). */
  inboundSmtpPort: number | null;
  /** `INBOUND_SMTP_HOST`: interface of the inbound SMTP listener (default 127.0.0.1). */
  inboundSmtpHost: string;
  /** `LOG_LEVEL`: fatal, error, warn, info (default), debug (one line per request), trace or silent. */
  logLevel: LogLevel;
  /** `METRICS_TOKEN`: bearer token for `/metrics`; unset, `/metrics` answers only on loopback. */
  metricsToken: string | null;
  /** `SHUTDOWN_TIMEOUT_MS`: on SIGTERM, how long in-flight writes may take before connections are cut (default 10000). */
  shutdownTimeoutMs: number;
  /**
   * `SEARCH_EMBEDDINGS_URL` (an OpenAI-compatible API base, e.g. `https://host/v1`), `SEARCH_EMBEDDINGS_MODEL`
   * and `SEARCH_EMBEDDINGS_KEY`: fuse help search with the site's own embeddings (off when the URL is unset).
   */
  searchEmbeddings: { url: string; model: string; apiKey: string | null } | null;
  /** `SEARCH_RECHECK_MS`: how often each node checks that its search index saw every article change (default 30000). */
  searchRecheckMs: number;
  /**
   * `BOT_RESPONDER_URL`, `BOT_RESPONDER_MODEL`, `BOT_RESPONDER_KEY`: an OpenAI-compatible chat-completions endpoint
   * that words the answer bot's replies from the retrieved passages (unset: the bot quotes the passage itself).
   */
  botResponder: { url: string; model: string; apiKey: string | null } | null;
}

/** Levels of `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevel(value: string | undefined): LogLevel {
  if (!value) return 'info';
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, found "${value}".`);
}

// This package's folder (from src/ in the repo, dist/ when installed), so defaults do not depend on the cwd.
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** A folder inside an installed package (resolved the way Node finds it from here), or null when absent. */
function inPackage(name: string, folder: string): string | null {
  try {
    return resolve(dirname(require.resolve(`${name}/package.json`)), folder);
  } catch {
    return null;
  }
}

// The widget's dist/ also holds its library build (dist/lib): only a folder with the built loader counts.
function builtWidget(): string | null {
  const dist = inPackage('@frontdesk/widget', 'dist');
  return dist && existsSync(resolve(dist, 'frontdesk.js')) ? dist : null;
}

function dirOr(value: string | undefined, ...candidates: (string | null)[]): string | null {
  if (value) return resolve(value);
  return candidates.find((path): path is string => path !== null && existsSync(path)) ?? null;
}

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? Math.floor(n) : fallback;
}

function proxyHops(value: string | undefined): number {
  if (!value || value === 'false') return 0;
  if (value === 'true') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(
      `TRUST_PROXY: expected the number of proxy hops (0 to 10), found ${JSON.stringify(value)}`,
    );
  return n;
}

/** Read the server's settings from environment variables (see docs/server.md). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    port: int(env.PORT, 4310),
    host: env.HOST || '127.0.0.1',
    publicUrl: env.PUBLIC_URL || null,
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.DATABASE_SCHEMA || null,
    redisUrl: env.REDIS_URL || null,
    dataDir: resolve(env.DATA_DIR || '.data'),
    secret: env.FRONTDESK_SECRET || null,
    widgetDir: dirOr(env.STATIC_WIDGET_DIR, builtWidget()),
    consoleDir: dirOr(env.STATIC_CONSOLE_DIR, inPackage('@frontdesk/admin', 'dist/console')),
    // The repo's example while developing; the copy the build puts in dist/demo when installed.
    demoDir: dirOr(
      env.STATIC_DEMO_DIR,
      resolve(packageDir, '../../examples/demo-site'),
      resolve(packageDir, 'dist/demo'),
    ),
    seed: env.FRONTDESK_SEED !== '0' && env.FRONTDESK_SEED !== 'false',
    seedBot: env.FRONTDESK_SEED_BOT !== '0' && env.FRONTDESK_SEED_BOT !== 'false',
    seedReviews: env.FRONTDESK_SEED_REVIEWS !== '0' && env.FRONTDESK_SEED_REVIEWS !== 'false',
    seedValues: {
      siteKey: env.FRONTDESK_SEED_SITE_KEY,
      siteSecret: env.FRONTDESK_SEED_SITE_SECRET,
      agentEmail: env.FRONTDESK_SEED_AGENT_EMAIL,
      agentPassword: env.FRONTDESK_SEED_AGENT_PASSWORD,
      adminEmail: env.FRONTDESK_SEED_ADMIN_EMAIL,
      adminPassword: env.FRONTDESK_SEED_ADMIN_PASSWORD,
    },
    trustProxy: proxyHops(env.TRUST_PROXY),
    loginFreeAttempts: Math.max(0, int(env.LOGIN_FREE_ATTEMPTS, 5)),
    loginDelayMs: Math.max(1, int(env.LOGIN_DELAY_MS, 1000)),
    loginDelayMaxMs: Math.max(1, int(env.LOGIN_DELAY_MAX_MS, 60_000)),
    consoleOrigins: (env.CONSOLE_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    rateLimitIp: int(env.RATE_LIMIT_IP, 1200),
    rateLimitLogin: int(env.RATE_LIMIT_LOGIN, 10),
    rateLimitVisitor: int(env.RATE_LIMIT_VISITOR, 120),
    uploadMaxBytes: int(env.UPLOAD_MAX_BYTES, 10 * 1024 * 1024),
    uploadsS3: env.UPLOADS_S3_BUCKET
      ? {
          bucket: env.UPLOADS_S3_BUCKET,
          endpoint: env.UPLOADS_S3_ENDPOINT || null,
          region: env.UPLOADS_S3_REGION || null,
          forcePathStyle:
            env.UPLOADS_S3_FORCE_PATH_STYLE === '1' || env.UPLOADS_S3_FORCE_PATH_STYLE === 'true',
          prefix: env.UPLOADS_S3_PREFIX ?? 'uploads/',
        }
      : null,
    uploadUnattachedHours: Math.max(0, int(env.UPLOAD_UNATTACHED_HOURS, 24)),
    bodyMaxBytes: int(env.BODY_MAX_BYTES, 256 * 1024),
    webhookRetryMs: int(env.WEBHOOK_RETRY_MS, 2000),
    webhookDevHosts: (env.WEBHOOK_DEV_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    webhookTimeoutMs: Math.max(100, int(env.WEBHOOK_TIMEOUT_MS, 10_000)),
    webhookResponseMaxBytes: Math.max(0, int(env.WEBHOOK_RESPONSE_MAX_BYTES, 65_536)),
    presenceGraceMs: int(env.PRESENCE_GRACE_MS, 60_000),
    presenceHeartbeatMs: Math.max(100, int(env.PRESENCE_HEARTBEAT_MS, 10_000)),
    membershipCheckMs: int(env.MEMBERSHIP_CHECK_MS, 30_000),
    maxVisitorSockets: int(env.MAX_VISITOR_SOCKETS, 20),
    socketFramesPerSecond: int(env.SOCKET_FRAMES_PER_SECOND, 10),
    visitorBufferMaxBytes: int(env.VISITOR_BUFFER_MAX_BYTES, 8 * 1024 * 1024),
    visitorTokenDays: Math.max(1, int(env.VISITOR_TOKEN_DAYS, 90)),
    smtpUrl: env.SMTP_URL || null,
    smtpFrom: env.SMTP_FROM || null,
    emailReplyDomain: env.EMAIL_REPLY_DOMAIN || null,
    emailRetryMs: Math.max(1, int(env.EMAIL_RETRY_MS, 30_000)),
    emailCheckMs: Math.max(50, int(env.EMAIL_CHECK_MS, 15_000)),
    inboundSmtpPort: env.INBOUND_SMTP_PORT ? int(env.INBOUND_SMTP_PORT, 0) : null,
    inboundSmtpHost: env.INBOUND_SMTP_HOST || '127.0.0.1',
    logLevel: logLevel(env.LOG_LEVEL),
    metricsToken: env.METRICS_TOKEN || null,
    shutdownTimeoutMs: Math.max(0, int(env.SHUTDOWN_TIMEOUT_MS, 10_000)),
    searchRecheckMs: Math.max(100, int(env.SEARCH_RECHECK_MS, 30_000)),
    searchEmbeddings: env.SEARCH_EMBEDDINGS_URL
      ? {
          url: env.SEARCH_EMBEDDINGS_URL,
          model: env.SEARCH_EMBEDDINGS_MODEL || 'text-embedding-3-small',
          apiKey: env.SEARCH_EMBEDDINGS_KEY || null,
        }
      : null,
    botResponder: env.BOT_RESPONDER_URL
      ? {
          url: env.BOT_RESPONDER_URL,
          model: env.BOT_RESPONDER_MODEL || 'gpt-4o-mini',
          apiKey: env.BOT_RESPONDER_KEY || null,
        }
      : null,
  };
}
