import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { Settings } from '../../env';
import type { Sites } from '../sites';
import { EmailOutbox } from './outbox';
import { type ScanDeps, scanDigests, scanFollowUps, scanReplies } from './scan';
import { scanWeeklySummary } from './weekly';

export { EmailOutbox } from './outbox';

/** Email continuity: the outbox and its worker, and the scans that write replies, follow-ups and digests. */
export class Email {
  readonly outbox: EmailOutbox;
  private readonly deps: ScanDeps;

  constructor(
    db: Database,
    private readonly sites: Sites,
    settings: Settings,
    log: Logger,
    secret: string,
    baseUrl: string,
  ) {
    this.outbox = new EmailOutbox(db, settings, log, () => this.scan());
    this.deps = { db, outbox: this.outbox, secret, baseUrl };
  }

  /** Whether emails are sent (SMTP configured); sites must also enable `email`. */
  get enabled(): boolean {
    return this.outbox.enabled;
  }

  /** Write the emails that became due on every site with email enabled. */
  async scan(): Promise<void> {
    if (!this.enabled) return;
    for (const site of await this.sites.list()) {
      if (!site.config.email.enabled) continue;
      await scanReplies(this.deps, site);
      await scanFollowUps(this.deps, site);
      if (site.config.email.digest.enabled) await scanDigests(this.deps, site);
      if (site.config.email.weeklySummary.enabled) await scanWeeklySummary(this.deps, site);
    }
  }

  start(): void {
    this.outbox.start();
  }

  stop(): void {
    this.outbox.stop();
  }
}
