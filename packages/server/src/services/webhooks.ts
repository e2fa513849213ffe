import { hmacHex, newId } from '../auth/crypto';
import type { Database, Sql } from '../db/database';
import { iso, type Row } from '../db/rows';
import type { EventBatch } from './events';
import { OutboundError, type OutboundPolicy, postOutbound } from './outbound';
import { backoffMs, OutboxWorker } from './outboxWorker';
import type { Site, Sites } from './sites';

/** Events a site can subscribe webhooks to. */
export type WebhookEvent =
  | 'conversation.created'
  | 'message.created'
  | 'conversation.resolved'
  | 'ticket.created'
  | 'rating.submitted';

/** One row of the delivery log. */
export interface WebhookDelivery {
  id: string;
  url: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  nextAt: string;
  createdAt: string;
}

const MAX_ATTEMPTS = 6;

/**
 * Signed webhook delivery with retries. Each delivery is logged first, then POSTed with
 * `X-Frontdesk-Signature: t=<unix ms>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook secret>` (one `v1` per
 * webhook secret in its rotation overlap); failures are retried with exponential backoff (`WEBHOOK_RETRY_MS`
 * doubled per attempt, 6 attempts in all). Every request goes through the outbound guard (`postOutbound`): a
 * refused URL or address fails at once, without retries. The log keeps the response status and a short reason,
 * never the response body.
 */
export class Webhooks {
  private readonly worker: OutboxWorker;
  /** Called with the result of every delivery attempt (metrics). */
  onAttempt: ((result: 'delivered' | 'retry' | 'failed') => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly sites: Sites,
    private readonly retryMs: number,
    private readonly outbound: OutboundPolicy,
  ) {
    this.worker = new OutboxWorker(db, 'webhook_deliveries', 1000, (id) => this.attempt(id));
  }

  /** Whether any webhook of the site subscribes to `event`. */
  wants(site: Site, event: WebhookEvent): boolean {
    return site.config.webhooks.some((hook) => hook.events.includes(event));
  }

  /**
   * Write a delivery of `event` for every webhook of the site subscribed to it, in the transaction `tx` that
   * makes the change (an outbox: the change and its webhooks commit together or not at all). Returns the
   * delivery ids: pass them to {@link send} once the transaction committed. A delivery not sent then (the
   * node died) becomes due after 30 s and the worker of any node sends it.
   */
  async enqueue(tx: Sql, site: Site, event: WebhookEvent, data: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    for (const hook of site.config.webhooks.filter((h) => h.events.includes(event))) {
      const id = newId('wh');
      const payload = { id, event, siteKey: site.key, createdAt: new Date().toISOString(), data };
      await tx.query(
        "insert into webhook_deliveries (id, site_id, url, event, payload, next_at) values ($1, $2, $3, $4, $5, now() + interval '30 seconds')",
        [id, site.id, hook.url, event, JSON.stringify(payload)],
      );
      ids.push(id);
    }
    return ids;
  }

  /** Enqueue in the transaction of `events` and send right after it commits. */
  async enqueueWith(
    tx: Sql,
    events: EventBatch,
    site: Site,
    event: WebhookEvent,
    data: Record<string, unknown>,
  ): Promise<void> {
    if (!this.wants(site, event)) return;
    const ids = await this.enqueue(tx, site, event, data);
    events.onCommit(() => this.send(ids));
  }

  /** Attempt committed deliveries now (in the background); failures are retried by the worker. */
  send(ids: string[]): void {
    if (ids.length === 0) return;
    void (async () => {
      for (const id of ids) await this.attempt(id);
    })().catch(() => {
      // The worker retries whatever is still pending.
    });
  }

  /** Start the retry worker (every second). */
  start(): void {
    this.worker.start();
  }

  stop(): void {
    this.worker.stop();
  }

  /** The newest deliveries of a site. */
  async log(siteId: string, limit = 100): Promise<WebhookDelivery[]> {
    const rows = await this.db.query<Row>(
      'select * from webhook_deliveries where site_id = $1 order by created_at desc limit $2',
      [siteId, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      url: r.url as string,
      event: r.event as string,
      status: r.status as WebhookDelivery['status'],
      attempts: r.attempts as number,
      responseStatus: (r.response_status as number | null) ?? null,
      error: (r.error as string | null) ?? null,
      nextAt: iso(r.next_at),
      createdAt: iso(r.created_at),
    }));
  }

  private async attempt(id: string): Promise<void> {
    const row = (await this.db.query<Row>('select * from webhook_deliveries where id = $1', [id]))[0];
    if (row?.status !== 'pending') return;
    const site = await this.sites.byId(row.site_id as string);
    if (!site) return;
    const body = JSON.stringify(row.payload);
    const t = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      status = await postOutbound(
        row.url as string,
        {
          'content-type': 'application/json',
          'user-agent': 'Frontdesk-Webhooks/1',
          'x-frontdesk-event': row.event as string,
          'x-frontdesk-delivery': id,
          // One v1 per webhook secret still valid: receivers holding the old or the new one both verify.
          'x-frontdesk-signature': `t=${t},${site.webhookSecrets.map((key) => `v1=${hmacHex(key, `${t}.${body}`)}`).join(',')}`,
        },
        body,
        this.outbound,
      );
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (cause) {
      const failure = cause instanceof OutboundError ? cause : new OutboundError('request failed');
      error = failure.message;
      refused = failure.refused;
      status = failure.status;
    }
    const attempts = (row.attempts as number) + 1;
    const next = error === null ? 'delivered' : refused || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    const delay = backoffMs(this.retryMs, attempts);
    await this.db.query(
      `update webhook_deliveries set status = $2, attempts = $3, response_status = $4, error = $5,
         next_at = now() + ($6 || ' milliseconds')::interval, updated_at = now() where id = $1`,
      [id, next, attempts, status, error, String(delay)],
    );
    this.onAttempt?.(next === 'pending' ? 'retry' : next);
  }
}
