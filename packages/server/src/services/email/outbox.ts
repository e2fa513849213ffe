import type { EmailDelivery, EmailKind } from '@frontdesk/protocol';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { newId } from '../../auth/crypto';
import type { Database, Sql } from '../../db/database';
import { iso, type Row } from '../../db/rows';
import type { Settings } from '../../env';
import { backoffMs, OutboxWorker } from '../outboxWorker';
import type { RenderedEmail } from './render';

const MAX_ATTEMPTS = 8;

/** What is written to the outbox: the rendered email and where it goes. */
export interface OutgoingEmail {
  siteId: string;
  kind: EmailKind;
  to: string;
  fromName: string;
  conversationId: string | null;
  email: RenderedEmail;
  /** Reply-To (the signed reply address of a conversation). */
  replyTo?: string;
}

/** Is outbound email configured? A reason for `/readyz` and the log when it is not. */
export function smtpProblem(settings: Pick<Settings, 'smtpUrl' | 'smtpFrom'>): string | null {
  if (!settings.smtpUrl) return 'not configured (SMTP_URL is unset): no email is sent';
  if (!settings.smtpFrom) return 'not configured (SMTP_FROM is unset): no email is sent';
  return null;
}

/** A short reason for a failed send, fit for the delivery log (never the server's whole answer). */
function shortReason(error: unknown): { reason: string; permanent: boolean } {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (typeof e.responseCode === 'number')
    return {
      reason: `SMTP ${e.responseCode}${e.response ? `: ${e.response.slice(0, 100)}` : ''}`,
      // 5xx is the server's final "no" for this message (bad recipient, refused content): retrying cannot help.
      permanent: e.responseCode >= 500,
    };
  const message = String(e.message ?? error);
  if (/ECONNREFUSED/.test(message)) return { reason: 'connection refused', permanent: false };
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(message)) return { reason: 'timed out', permanent: false };
  return { reason: (e.code ? `${e.code}: ${message}` : message).slice(0, 120), permanent: false };
}

/**
 * The email outbox: emails are written in the transaction of what causes them, then sent through SMTP
 * (nodemailer) by a worker with retries and exponential backoff (`EMAIL_RETRY_MS` doubled per attempt, 8 attempts),
 * on the same claim loop as webhook deliveries. Every email stays in the delivery log with its status.
 */
export class EmailOutbox {
  private readonly transport: Transporter | null;
  private readonly worker: OutboxWorker;
  /** Why email is off, or null when it is on. */
  readonly problem: string | null;
  /** The domain of reply addresses and Message-IDs. */
  readonly domain: string;

  constructor(
    private readonly db: Database,
    private readonly settings: Settings,
    private readonly log: Logger,
    /** Writes the emails that became due (replies, follow-ups, digests) before each round of sending. */
    scan: () => Promise<void>,
  ) {
    let problem = smtpProblem(settings);
    let transport: Transporter | null = null;
    if (problem === null)
      try {
        transport = nodemailer.createTransport(settings.smtpUrl!, {
          // Fail an attempt within seconds when the mail server is away: the worker retries later.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as object);
      } catch (error) {
        // A malformed SMTP_URL turns email off (said in the log and /readyz); the server still starts.
        problem = `not configured (SMTP_URL is invalid: ${error instanceof Error ? error.message : error})`;
      }
    this.problem = problem;
    this.transport = transport;
    this.domain = settings.emailReplyDomain ?? settings.smtpFrom?.split('@')[1] ?? 'localhost';
    this.worker = new OutboxWorker(db, 'email_outbox', settings.emailCheckMs, (id) => this.attempt(id), scan);
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  start(): void {
    if (this.problem) this.log.warn(`email ${this.problem}`);
    else this.worker.start();
  }

  stop(): void {
    this.worker.stop();
    this.transport?.close();
  }

  /** Run one round now (tests and `pnpm start` use the timer; this is for callers that cannot wait). */
  tick(): Promise<void> {
    return this.worker.tick();
  }

  /** Write an email in the transaction `tx`; the worker sends it once committed. */
  async enqueue(tx: Sql, out: OutgoingEmail): Promise<string> {
    const id = newId('em');
    await tx.query(
      `insert into email_outbox (id, site_id, kind, recipient, subject, conversation_id, message)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        out.siteId,
        out.kind,
        out.to,
        out.email.subject,
        out.conversationId,
        JSON.stringify({ ...out.email, fromName: out.fromName, replyTo: out.replyTo ?? null }),
      ],
    );
    return id;
  }

  /** The newest emails of a site (delivery log). */
  async deliveries(siteId: string, limit = 100): Promise<EmailDelivery[]> {
    const rows = await this.db.query<Row>(
      'select * from email_outbox where site_id = $1 order by created_at desc, id desc limit $2',
      [siteId, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as EmailKind,
      to: r.recipient as string,
      subject: r.subject as string,
      conversationId: (r.conversation_id as string | null) ?? null,
      status: r.status as EmailDelivery['status'],
      attempts: r.attempts as number,
      error: (r.error as string | null) ?? null,
      nextAt: iso(r.next_at),
      createdAt: iso(r.created_at),
      sentAt: r.sent_at ? iso(r.sent_at) : null,
    }));
  }

  private async attempt(id: string): Promise<void> {
    const row = (await this.db.query<Row>('select * from email_outbox where id = $1', [id]))[0];
    if (row?.status !== 'pending' || !this.transport) return;
    const message = row.message as RenderedEmail & { fromName: string; replyTo: string | null };
    const conversation = row.conversation_id as string | null;
    let error: { reason: string; permanent: boolean } | null = null;
    try {
      await this.transport.sendMail({
        from: { name: message.fromName, address: this.settings.smtpFrom! },
        to: row.recipient as string,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.attachments ? { attachments: message.attachments } : {}),
        messageId: `<${id}@${this.domain}>`,
        // Mail clients thread every email of one conversation together.
        ...(conversation ? { references: `<${conversation}@${this.domain}>` } : {}),
        headers: { 'auto-submitted': 'auto-generated', 'x-frontdesk-email': row.kind as string },
      });
    } catch (cause) {
      error = shortReason(cause);
    }
    const attempts = (row.attempts as number) + 1;
    const status =
      error === null ? 'sent' : error.permanent || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    await this.db.query(
      // Once sent or given up, the body is dropped: the log keeps who, what kind and when, not the thread.
      `update email_outbox set status = $2, attempts = $3, error = $4, updated_at = now(),
         message = case when $2 = 'pending' then message else '{}'::jsonb end,
         sent_at = case when $2 = 'sent' then now() else null end,
         next_at = now() + ($5 || ' milliseconds')::interval where id = $1`,
      [id, status, attempts, error?.reason ?? null, String(backoffMs(this.settings.emailRetryMs, attempts))],
    );
    if (error) this.log.warn({ email: id, attempts, status }, `email not sent: ${error.reason}`);
  }
}
