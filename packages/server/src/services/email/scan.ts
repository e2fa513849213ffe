import type { Database, Sql } from '../../db/database';
import type { Row } from '../../db/rows';
import type { Site } from '../sites';
import { followUpSignature, replyAddress } from './address';
import type { EmailOutbox } from './outbox';
import { renderDigest, renderFollowUp, renderThread, type ThreadLine } from './render';
import { emailLocale } from './texts';

/** What the scans need of the server. */
export interface ScanDeps {
  db: Database;
  outbox: EmailOutbox;
  /** Signs reply addresses and follow-up links. */
  secret: string;
  /** The server's public URL (links in emails). */
  baseUrl: string;
}

const seconds = (minutes: number) => Math.round(minutes * 60_000) / 1000;

/** Sender name of a site's emails. */
export const fromName = (site: Site) => site.config.email.fromName ?? site.name;

/** The visitor's messages and the team's replies (no internal notes), oldest first, the last 100. */
export async function threadLines(tx: Sql, conversationId: string): Promise<ThreadLine[]> {
  const rows = await tx.query<Row>(
    `select * from (select author_kind, author_name, text, created_at, seq from messages
       where conversation_id = $1 and not internal order by seq desc limit 100) m order by seq`,
    [conversationId],
  );
  return rows.map((r) => ({
    visitor: r.author_kind === 'visitor',
    name: (r.author_name as string | null) ?? null,
    text: r.text as string,
    at: new Date(r.created_at as string).toISOString(),
  }));
}

/** The locale of a visitor's emails. */
export function visitorLocale(site: Site, locale: unknown): string {
  return emailLocale(
    (locale as string | null) ?? null,
    site.config.locales.enabled,
    site.config.locales.default,
  );
}

/**
 * Agent replies the visitor has not read within `replyDelayMinutes` (read receipts: the widget marks what the
 * visitor saw) go to them by email with the thread, once per reply: `email_seq` remembers what was sent, in the
 * same transaction as the outbox row.
 */
export async function scanReplies(deps: ScanDeps, site: Site): Promise<number> {
  const unread = `c.last_seq > greatest(c.visitor_read_seq, c.email_seq) and exists (
      select 1 from messages m where m.conversation_id = c.id and m.author_kind = 'agent' and not m.internal
        and m.seq > greatest(c.visitor_read_seq, c.email_seq) and m.created_at <= now() - make_interval(secs => $2))`;
  const due = await deps.db.query<{ id: string }>(
    `select c.id from conversations c join visitors v on v.id = c.visitor_id
     where c.site_id = $1 and v.email is not null and ${unread} limit 50`,
    [site.id, seconds(site.config.email.replyDelayMinutes)],
  );
  let sent = 0;
  for (const { id } of due)
    await deps.db.transaction(async (tx) => {
      // Locked and checked again: another node may have written this email meanwhile.
      const rows = await tx.query<Row>(
        `select c.id, c.last_seq, v.email, v.locale from conversations c join visitors v on v.id = c.visitor_id
         where c.id = $3 and c.site_id = $1 and v.email is not null and ${unread} for update of c skip locked`,
        [site.id, seconds(site.config.email.replyDelayMinutes), id],
      );
      const conv = rows[0];
      if (!conv) return;
      await tx.query('update conversations set email_seq = $2 where id = $1', [id, conv.last_seq]);
      await deps.outbox.enqueue(tx, {
        siteId: site.id,
        kind: 'reply',
        to: conv.email as string,
        fromName: fromName(site),
        conversationId: id,
        replyTo: replyAddress(deps.secret, id, deps.outbox.domain),
        email: renderThread('reply', {
          locale: visitorLocale(site, conv.locale),
          site: site.name,
          lines: await threadLines(tx, id),
        }),
      });
      sent++;
    });
  return sent;
}

/** Follow-up link of one answer. */
export function followUpUrl(deps: Pick<ScanDeps, 'secret' | 'baseUrl'>, id: string, answer: 'yes' | 'no') {
  return `${deps.baseUrl}/v1/email/followup/${id}/${answer}/${followUpSignature(deps.secret, id, answer)}`;
}

/**
 * Follow-ups that came due (`followup_at`, set when the conversation was resolved): "Is your problem solved?" to
 * visitors with an email who did not answer in the widget (no rating) and whose conversation is still resolved.
 */
export async function scanFollowUps(deps: ScanDeps, site: Site): Promise<number> {
  const due = await deps.db.query<{ id: string }>(
    'select id from conversations where site_id = $1 and followup_at <= now() limit 50',
    [site.id],
  );
  let sent = 0;
  for (const { id } of due)
    await deps.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `select c.id, c.status, v.email, v.locale, exists (select 1 from ratings r where r.conversation_id = c.id and r.solved is distinct from false) as rated
         from conversations c join visitors v on v.id = c.visitor_id
         where c.id = $1 and c.followup_at <= now() for update of c skip locked`,
        [id],
      );
      const conv = rows[0];
      if (!conv) return;
      await tx.query('update conversations set followup_at = null where id = $1', [id]);
      if (conv.status !== 'resolved' || conv.rated || !conv.email || !site.config.email.followUp.enabled)
        return;
      await deps.outbox.enqueue(tx, {
        siteId: site.id,
        kind: 'followup',
        to: conv.email as string,
        fromName: fromName(site),
        conversationId: id,
        replyTo: replyAddress(deps.secret, id, deps.outbox.domain),
        email: renderFollowUp({
          locale: visitorLocale(site, conv.locale),
          site: site.name,
          yesUrl: followUpUrl(deps, id, 'yes'),
          noUrl: followUpUrl(deps, id, 'no'),
        }),
      });
      sent++;
    });
  return sent;
}

/**
 * Digests for agents who opted in and are not online: conversations whose last message is the visitor's, at most
 * one digest per agent every `digest.everyMinutes`.
 */
export async function scanDigests(deps: ScanDeps, site: Site): Promise<number> {
  const every = seconds(site.config.email.digest.everyMinutes);
  const agents = await deps.db.query<Row>(
    `select id, email from agents where email_digest and not disabled and status <> 'online'
       and (digest_at is null or digest_at <= now() - make_interval(secs => $1))`,
    [every],
  );
  if (agents.length === 0) return 0;
  const waiting = await deps.db.query<Row>(
    `select c.id, v.name, v.email, m.text, m.created_at from conversations c
       join visitors v on v.id = c.visitor_id
       join messages m on m.conversation_id = c.id and m.seq = c.last_seq
     where c.site_id = $1 and c.status in ('open', 'pending') and m.author_kind = 'visitor'
     order by m.created_at limit 50`,
    [site.id],
  );
  if (waiting.length === 0) return 0;
  const email = renderDigest({
    site: site.name,
    items: waiting.map((r) => ({
      url: `${deps.baseUrl}/console/#/conversations/${r.id as string}`,
      who: (r.name as string | null) ?? (r.email as string | null) ?? 'Visitor',
      text: r.text as string,
      at: new Date(r.created_at as string).toISOString(),
    })),
  });
  let sent = 0;
  for (const agent of agents)
    await deps.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `update agents set digest_at = now() where id = $1
           and (digest_at is null or digest_at <= now() - make_interval(secs => $2)) returning id`,
        [agent.id, every],
      );
      if (claimed.length === 0) return;
      await deps.outbox.enqueue(tx, {
        siteId: site.id,
        kind: 'digest',
        to: agent.email as string,
        fromName: fromName(site),
        conversationId: null,
        email,
      });
      sent++;
    });
  return sent;
}
