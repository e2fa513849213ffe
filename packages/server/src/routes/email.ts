import { FollowUpLinkSchema, FollowUpRatingSchema } from '@frontdesk/protocol';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { safeEqual } from '../auth/crypto';
import type { Row } from '../db/rows';
import { ApiError, unauthorized } from '../http/errors';
import { headerBearer, visitorMiddleware } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { validate } from '../http/validate';
import type { AppContext } from '../services/context';
import { visitorConversation } from '../services/conversations';
import { followUpSignatureValid } from '../services/email/address';
import { receiveEmail } from '../services/email/inbound';
import { escapeHtml, renderThread } from '../services/email/render';
import { fromName, threadLines, visitorLocale } from '../services/email/scan';
import { textsFor } from '../services/email/texts';
import { rateConversation } from '../services/ratings';

// The follow-up page: no script, no remote content, inline styles only.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * `/v1/email/*`: the inbound email webhook (a raw MIME message, authenticated with the site's `email` secret) and
 * the follow-up page the one-click links of follow-up emails open.
 */
export function emailRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/inbound', async (c) => {
    const key = c.req.header('x-frontdesk-site');
    const site = key ? await ctx.sites.byPublicKey(key) : null;
    const token = headerBearer(c);
    if (!site || !token || !site.emailSecrets.some((secret) => safeEqual(secret, token)))
      throw unauthorized('Send the site key in X-Frontdesk-Site and its email secret as the bearer token.');
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length === 0)
      throw new ApiError(
        'validation_failed',
        'The body is empty: send the raw MIME message (message/rfc822).',
        [
          {
            path: 'body',
            expected: 'a raw MIME message',
            received: 'nothing',
            message: 'body: expected a raw MIME message, found nothing',
          },
        ],
      );
    const result = await receiveEmail(ctx, raw, { siteId: site.id });
    return c.json(result, result.status === 'stored' && result.created ? 201 : 200);
  });

  const followUp = async (c: Context<AppEnv>) => {
    const link = validate(FollowUpLinkSchema, c.req.param(), 'params');
    const rows = await ctx.db.query<Row>(
      'select c.id, c.site_id, v.locale from conversations c join visitors v on v.id = c.visitor_id where c.id = $1',
      [link.conversation],
    );
    const conv = rows[0];
    const valid = conv && followUpSignatureValid(ctx.secret, link.conversation, link.answer, link.signature);
    const site = valid ? await ctx.sites.byId(conv.site_id as string) : null;
    return { link, conv, site };
  };

  const page = (c: Context<AppEnv>, locale: string, body: string, status: 200 | 404 = 200) => {
    const { dir } = textsFor(locale);
    c.header('content-security-policy', PAGE_CSP);
    c.header('cache-control', 'no-store');
    return c.html(
      `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(textsFor(locale).t('followupSubject'))}</title></head><body style="font-family:sans-serif;max-width:480px;margin:40px auto;padding:0 16px;line-height:1.5">${body}</body></html>`,
      status,
    );
  };

  // One click records the answer ("No" reopens the conversation), then offers the star rating.
  app.get('/followup/:conversation/:answer/:signature', async (c) => {
    const { link, conv, site } = await followUp(c);
    if (!conv || !site) return page(c, 'en', `<p>${escapeHtml(textsFor('en').t('pageInvalid'))}</p>`, 404);
    const locale = visitorLocale(site, conv.locale);
    const { t } = textsFor(locale);
    await rateConversation(ctx, site, link.conversation, {
      clientId: `fu-${link.answer}-${link.signature.slice(0, 20)}`,
      solved: link.answer === 'yes',
    });
    const stars = site.config.rating.csat
      ? `<form method="post"><p>${escapeHtml(t('pageRate'))}</p><p>${[1, 2, 3, 4, 5]
          .map(
            (n) =>
              `<button name="csat" value="${n}" style="font-size:20px;padding:6px 12px;margin:2px" aria-label="${n} / 5">${'★'.repeat(n)}</button>`,
          )
          .join('<br>')}</p></form>`
      : '';
    return page(
      c,
      locale,
      `<p role="status">${escapeHtml(t(link.answer === 'yes' ? 'pageYes' : 'pageNo'))}</p>${stars}`,
    );
  });

  app.post('/followup/:conversation/:answer/:signature', async (c) => {
    const { link, conv, site } = await followUp(c);
    if (!conv || !site) return page(c, 'en', `<p>${escapeHtml(textsFor('en').t('pageInvalid'))}</p>`, 404);
    const form = validate(FollowUpRatingSchema, await c.req.parseBody(), 'body');
    await rateConversation(ctx, site, link.conversation, {
      clientId: `fu-csat${form.csat}-${link.signature.slice(0, 20)}`,
      csat: form.csat,
    });
    const locale = visitorLocale(site, conv.locale);
    return page(c, locale, `<p role="status">${escapeHtml(textsFor(locale).t('pageThanks'))}</p>`);
  });

  return app;
}

/** `POST /v1/conversations/:id/transcript`: email the thread to the visitor's address (visitor API). */
export function transcriptRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/conversations/:id/transcript', visitorMiddleware(ctx), async (c) => {
    const site = c.get('site');
    const conv = await visitorConversation(ctx, c.get('visitorId'), c.req.param('id'));
    const settings = site.config.email;
    if (!ctx.email.enabled || !settings.enabled || !settings.transcripts)
      throw new ApiError('conflict', 'This site does not send transcripts by email.');
    const visitor = (
      await ctx.db.query<Row>('select email, locale from visitors where id = $1', [c.get('visitorId')])
    )[0];
    if (!visitor?.email)
      throw new ApiError(
        'conflict',
        'No email address is known: set one with updateVisitor({ email }) first.',
      );
    const id = await ctx.db.transaction(async (tx) => {
      // One transcript per conversation a minute: the address is the visitor's word, not verified.
      await tx.query('select id from conversations where id = $1 for update', [conv.id]);
      const recent = await tx.query(
        `select 1 from email_outbox where conversation_id = $1 and kind = 'transcript' and created_at > now() - interval '1 minute'`,
        [conv.id],
      );
      if (recent.length > 0)
        throw new ApiError(
          'rate_limited',
          'A transcript of this conversation was sent a moment ago.',
          undefined,
          60,
        );
      return ctx.email.outbox.enqueue(tx, {
        siteId: site.id,
        kind: 'transcript',
        to: visitor.email as string,
        fromName: fromName(site),
        conversationId: conv.id as string,
        email: renderThread('transcript', {
          locale: visitorLocale(site, visitor.locale),
          site: site.name,
          lines: await threadLines(tx, conv.id as string),
        }),
      });
    });
    void ctx.email.outbox.tick();
    return c.json({ id, to: visitor.email }, 202);
  });
  return app;
}
