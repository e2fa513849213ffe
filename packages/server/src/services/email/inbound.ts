import { createHash } from 'node:crypto';
import { MAX_MESSAGE_LENGTH } from '@frontdesk/protocol';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Row } from '../../db/rows';
import { ApiError, isApiError } from '../../http/errors';
import type { AppContext } from '../context';
import { markRead, sendMessage } from '../conversations';
import { conversationOfAddress, stripQuoted } from './address';
import { EMAIL_LOCALES, textsFor } from './texts';

/** Largest email accepted (inbound listener and webhook); attachments are not kept. */
export const INBOUND_MAX_BYTES = 5 * 1024 * 1024;

const MARKERS = EMAIL_LOCALES.map((locale) => textsFor(locale).t('replyAbove'));

function addresses(list: AddressObject | AddressObject[] | undefined): string[] {
  const all = Array.isArray(list) ? list : list ? [list] : [];
  return all.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

/** Result of one inbound email. */
export type InboundResult =
  | { status: 'stored'; conversationId: string; messageId: string; created: boolean }
  | { status: 'ignored'; reason: string };

/**
 * A visitor's emailed answer into its conversation. The conversation comes only from a validly signed reply address
 * (the SMTP envelope's recipients, else the To, Cc, Delivered-To and X-Original-To headers); a forged or
 * unsigned address is refused (403). With `siteId`, the conversation must belong to that site. The quoted history
 * is cut off; automatic replies (Auto-Submitted) are ignored, so two robots cannot answer each other forever.
 * Idempotent by Message-ID: the same email delivered twice is stored once.
 */
export async function receiveEmail(
  ctx: AppContext,
  raw: Buffer,
  options: { recipients?: string[]; siteId?: string } = {},
): Promise<InboundResult> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const headerList = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? [value] : [];
  };
  const candidates = options.recipients?.length
    ? options.recipients
    : [
        ...addresses(mail.to),
        ...addresses(mail.cc),
        ...headerList('delivered-to'),
        ...headerList('x-original-to'),
      ];
  const conversationId = candidates
    .map((address) => conversationOfAddress(ctx.secret, address))
    .find((id): id is string => id !== null);
  if (!conversationId)
    throw new ApiError(
      'forbidden',
      'No valid reply address: the email must go to the signed reply+… address of a conversation.',
    );
  const rows = await ctx.db.query<Row>('select id, site_id, visitor_id from conversations where id = $1', [
    conversationId,
  ]);
  const conv = rows[0];
  if (!conv || (options.siteId && conv.site_id !== options.siteId))
    throw new ApiError('forbidden', 'No valid reply address for this site.');
  const auto = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  if (auto !== 'no') return { status: 'ignored', reason: `an automatic email (Auto-Submitted: ${auto})` };
  const site = await ctx.sites.byId(conv.site_id as string);
  if (!site) throw new ApiError('not_found', 'The site of this conversation is gone.');
  const text = stripQuoted(mail.text ?? '', MARKERS).slice(0, MAX_MESSAGE_LENGTH);
  if (!text)
    throw new ApiError('validation_failed', 'The email has no new text above the quoted history.', [
      {
        path: 'body.text',
        expected: 'an answer above the quoted history',
        received: 'nothing',
        message: 'body.text: expected an answer above the quoted history, found nothing',
      },
    ]);
  const key = mail.messageId ?? createHash('sha256').update(raw).digest('hex');
  const clientId = `email-${createHash('sha256').update(key).digest('base64url').slice(0, 40)}`;
  const result = await sendMessage(
    ctx,
    site,
    conversationId,
    { visitorId: conv.visitor_id as string },
    {
      clientId,
      text,
    },
  );
  // Answering the email means they read the thread it carried.
  await markRead(ctx, site, conversationId, 'visitor', result.message.seq);
  return { status: 'stored', conversationId, messageId: result.message.id, created: result.created };
}

/**
 * The inbound SMTP listener (`INBOUND_SMTP_PORT`): accepts mail only for validly signed reply addresses (others get
 * 550 at RCPT TO, before any content is sent) and stores each answer with {@link receiveEmail}. Plain SMTP without
 * authentication: put it behind your MTA or on a private network (see docs/email.md).
 */
export function startInboundSmtp(ctx: AppContext, port: number, host: string): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: INBOUND_MAX_BYTES,
    banner: 'Frontdesk inbound',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (conversationOfAddress(ctx.secret, address.address)) return callback();
      const refused = Object.assign(new Error('No such reply address'), { responseCode: 550 });
      callback(refused);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        receiveEmail(ctx, Buffer.concat(chunks), { recipients })
          .then(() => callback())
          .catch((error: unknown) => {
            const code = isApiError(error) && error.status < 500 ? 550 : 451;
            ctx.log.warn({ error: String(error) }, 'inbound email refused');
            callback(
              Object.assign(new Error(error instanceof Error ? error.message : 'refused'), {
                responseCode: code,
              }),
            );
          });
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
