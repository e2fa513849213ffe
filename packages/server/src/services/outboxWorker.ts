import type { Database } from '../db/database';

/**
 * The retry loop shared by the outboxes (webhook deliveries, emails): every `intervalMs` it claims due rows of
 * `table` (status `pending`, `next_at` passed) with `for update skip locked`, so several nodes never take the same
 * row, and pushes each claimed row's `next_at` 30 s ahead first: a row whose attempt died with its node becomes due
 * again. The table needs the columns `id`, `status` and `next_at`.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly table: 'webhook_deliveries' | 'email_outbox',
    private readonly intervalMs: number,
    private readonly attempt: (id: string) => Promise<void>,
    /** Work to do on each tick before due rows are claimed (e.g. writing emails that became due). */
    private readonly before: (() => Promise<void>) | null = null,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: the `before` work, then every due row (one at a time). Skipped while the last round runs. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.before?.();
      const due = await this.db.query<{ id: string }>(
        `update ${this.table} set next_at = now() + interval '30 seconds'
         where id in (select id from ${this.table} where status = 'pending' and next_at <= now()
                      order by next_at limit 20 for update skip locked) returning id`,
      );
      for (const { id } of due) await this.attempt(id);
    } catch {
      // Storage briefly unavailable: try again next tick.
    } finally {
      this.running = false;
    }
  }
}

/** Delay before the next attempt after `attempts` failed ones: `firstMs` doubled per attempt. */
export function backoffMs(firstMs: number, attempts: number): number {
  return firstMs * 2 ** Math.max(0, attempts - 1);
}
