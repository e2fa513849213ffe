// Prometheus metrics (prom-client), one registry per server: HTTP latency and status by route, open sockets,
// messages and events (counters: Prometheus' rate() gives per second), webhook deliveries by result, help
// search latency, the database pool, and Node's own process metrics (RSS, heap, event loop lag).
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Live figures the metrics read when scraped. */
export interface MetricsSources {
  /** Open realtime sockets (visitors and agents). */
  sockets(): number;
  /** Database connections, when the database has a pool (PostgreSQL). */
  pool(): { total: number; idle: number; waiting: number } | null;
}

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The server's metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'frontdesk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly httpInFlight = new Gauge({
    name: 'frontdesk_http_requests_in_flight',
    help: 'HTTP requests being handled.',
    registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'frontdesk_events_total',
    help: 'Events stored and published by this node, by type (one per stream that receives it).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'frontdesk_messages_total',
    help: 'Messages stored by this node.',
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'frontdesk_webhook_deliveries_total',
    help: 'Webhook delivery attempts by result (delivered, retry, failed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly searchDuration = new Histogram({
    name: 'frontdesk_search_duration_seconds',
    help: 'Help-center search requests, end to end.',
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'frontdesk_realtime_sockets',
      help: 'Open realtime WebSockets.',
      registers: [this.registry],
      collect() {
        this.set(sources.sockets());
      },
    });
    new Gauge({
      name: 'frontdesk_db_pool_connections',
      help: 'Database pool connections by state (PostgreSQL only; the embedded database has no pool).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = sources.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * May this request read /metrics? With `METRICS_TOKEN` set: only with `Authorization: Bearer <token>`.
 * Without it: only from this machine (a loopback address, and not forwarded by a proxy on this machine).
 */
export function metricsAllowed(c: Context, token: string | null): boolean {
  if (token) {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded')) return false;
  return LOOPBACK.has(getConnInfo(c).remote.address ?? '');
}
