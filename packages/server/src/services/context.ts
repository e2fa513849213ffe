import type { Logger } from 'pino';
import type { LoginGuard } from '../auth/loginGuard';
import type { AnswerBot } from '../bot/answerBot';
import type { Database } from '../db/database';
import type { Settings } from '../env';
import type { Metrics } from '../http/metrics';
import type { RateLimiter } from '../http/rateLimit';
import type { Connections } from '../realtime/connections';
import type { Hub } from '../realtime/hub';
import type { HelpSearch } from '../search/helpSearch';
import type { Email } from './email';
import type { Sites } from './sites';
import type { UploadStore } from './uploads';
import type { Webhooks } from './webhooks';

/** Everything a request handler needs, created once per server. */
export interface AppContext {
  settings: Settings;
  db: Database;
  hub: Hub;
  sites: Sites;
  /** Signs visitor and agent tokens. */
  secret: string;
  webhooks: Webhooks;
  /** Emails to visitors and agents (off, with a reason, when SMTP is not configured). */
  email: Email;
  search: HelpSearch;
  /** The answer bot (acts only on sites whose config enables it). */
  bot: AnswerBot;
  uploads: UploadStore;
  ipLimiter: RateLimiter;
  /** Failed agent logins per client address, keyed by `ip:<ip>`. */
  loginLimiter: RateLimiter;
  /** Exponential delay per account (normalised email) after failed logins. */
  loginGuard: LoginGuard;
  visitorLimiter: RateLimiter;
  /** Realtime sockets and waiting long polls per visitor (`MAX_VISITOR_SOCKETS`). */
  visitorConnections: Connections;
  /** Structured JSON logs (pino, `LOG_LEVEL`). */
  log: Logger;
  /** Prometheus metrics served at `/metrics`. */
  metrics: Metrics;
}

/** Is `error` PostgreSQL's unique violation (a concurrent duplicate insert)? */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** Run `fn`; when a concurrent duplicate made it fail on a unique key, run it once more (it then finds the row). */
export async function retryOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return fn();
  }
}
