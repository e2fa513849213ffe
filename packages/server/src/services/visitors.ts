import {
  AttributesSchema,
  check,
  type Identity,
  type SessionRequest,
  type Visitor,
} from '@frontdesk/protocol';
import { hmacHex, newId, safeEqual, signToken, verifyToken } from '../auth/crypto';
import { verifyIdentityJwt } from '../auth/identityJwt';
import type { Sql } from '../db/database';
import { type Row, toConversation, toVisitor } from '../db/rows';
import { ApiError } from '../http/errors';
import { forgetVisitor } from '../http/middleware';
import { valueOr400 } from '../http/validate';
import type { AppContext } from './context';
import { type EventBatch, visitorStream, withEvents } from './events';
import type { Site } from './sites';

/**
 * Issue the signed token that names a visitor of a site, valid `days` (a new one is issued at every session start,
 * so only a visitor away that long becomes a new anonymous visitor).
 */
export function visitorToken(secret: string, siteId: string, visitorId: string, days: number): string {
  return signToken(secret, { k: 'v', s: siteId, v: visitorId, exp: Date.now() + days * 86_400_000 });
}

/** Site and visitor of a visitor token, or null when forged, expired or without expiry. */
export function readVisitor(secret: string, token: string): { siteId: string; visitorId: string } | null {
  const payload = verifyToken(secret, token);
  if (payload?.k !== 'v' || typeof payload.s !== 'string' || typeof payload.v !== 'string') return null;
  if (typeof payload.exp !== 'number') return null;
  return { siteId: payload.s, visitorId: payload.v };
}

/** The visitor id in a token of this site, or null when forged, expired, without expiry or for another site. */
export function readVisitorToken(secret: string, siteId: string, token: string): string | null {
  const found = readVisitor(secret, token);
  return found?.siteId === siteId ? found.visitorId : null;
}

/**
 * Verify an identity against the site's identity secrets (the current one, and any in its rotation overlap):
 * true when verified, false when nothing to verify; 401 naming the reason if forged, expired or out of rules.
 */
export async function verifyIdentity(site: Site, identity: Identity): Promise<boolean> {
  const keys = site.identitySecrets;
  if (identity.userHash) {
    const hash = identity.userHash;
    if (!keys.some((key) => safeEqual(hash, hmacHex(key, identity.userId))))
      throw new ApiError('unauthorized', 'Identity verification failed: userHash does not match userId.');
    return true;
  }
  if (identity.jwt) {
    const { audience, issuer, maxTokenMinutes, clockSkewSeconds } = site.config.identity;
    const claims = await verifyIdentityJwt(keys, identity.jwt, {
      audience,
      issuer,
      maxTokenMinutes,
      clockSkewSeconds,
    });
    const subject = claims.sub ?? (claims as { userId?: unknown }).userId;
    if (subject !== identity.userId)
      throw new ApiError('unauthorized', 'Identity verification failed: the JWT is for another user (sub).');
    return true;
  }
  if (site.config.identity.verificationRequired)
    throw new ApiError('unauthorized', 'This site requires a verified identity: send userHash or jwt.');
  return false;
}

async function loadVisitor(tx: Sql, siteId: string, id: string | null): Promise<Row | null> {
  if (!id) return null;
  const rows = await tx.query<Row>('select * from visitors where id = $1 and site_id = $2', [id, siteId]);
  return rows[0] ?? null;
}

async function createVisitor(tx: Sql, siteId: string, userId: string | null): Promise<Row> {
  const rows = await tx.query<Row>(
    'insert into visitors (id, site_id, user_id) values ($1, $2, $3) returning *',
    [newId('vis'), siteId, userId],
  );
  return rows[0]!;
}

/** Move an anonymous visitor's conversations, tickets and uploads to `target`, then delete it. */
async function merge(tx: Sql, events: EventBatch, from: Row, target: Row): Promise<void> {
  const moved = await tx.query<Row>(
    `update conversations set visitor_id = $2 where visitor_id = $1
       and client_id not in (select client_id from conversations where visitor_id = $2) returning *`,
    [from.id, target.id],
  );
  for (const row of moved)
    await events.append(visitorStream(target.id as string), {
      type: 'conversation.created',
      conversation: toConversation(row),
    });
  await tx.query(
    'update tickets set visitor_id = $2 where visitor_id = $1 and client_id not in (select client_id from tickets where visitor_id = $2)',
    [from.id, target.id],
  );
  await tx.query('update uploads set visitor_id = $2 where visitor_id = $1', [from.id, target.id]);
  await tx.query('update activity set visitor_id = $2 where visitor_id = $1', [from.id, target.id]);
  await tx.query('delete from visitors where id = $1', [from.id]);
}

/**
 * Start or resume a session. A valid token resumes its visitor; a verified identity switches to (or creates)
 * that user's visitor and merges the anonymous visitor's history into it; an unverified identity (allowed only
 * when the site does not require verification) only fills in name and email.
 */
export async function startSession(
  ctx: AppContext,
  site: Site,
  request: SessionRequest,
): Promise<{ visitor: Visitor; token: string }> {
  const verified = request.identity ? await verifyIdentity(site, request.identity) : false;
  const tokenVisitor = request.visitorToken
    ? readVisitorToken(ctx.secret, site.id, request.visitorToken)
    : null;
  const row = await withEvents(ctx.db, ctx.hub, async (tx, events) => {
    let visitor = await loadVisitor(tx, site.id, tokenVisitor);
    const identity = request.identity;
    if (identity && verified) {
      const owner = (
        await tx.query<Row>('select * from visitors where site_id = $1 and user_id = $2', [
          site.id,
          identity.userId,
        ])
      )[0];
      if (owner) {
        if (visitor && visitor.id !== owner.id && visitor.user_id === null) {
          await merge(tx, events, visitor, owner);
          // The anonymous visitor is gone: its token stops working at once on every node.
          const gone = visitor.id as string;
          events.onCommit(() => {
            forgetVisitor(gone);
            ctx.hub.visitorForgotten(gone);
          });
        }
        visitor = owner;
      } else if (visitor && visitor.user_id === null) {
        visitor = (
          await tx.query<Row>('update visitors set user_id = $2 where id = $1 returning *', [
            visitor.id,
            identity.userId,
          ])
        )[0]!;
      } else {
        visitor = await createVisitor(tx, site.id, identity.userId);
      }
    }
    visitor ??= await createVisitor(tx, site.id, null);
    const attributes = mergeAttributes(visitor.attributes, request.attributes, identity?.attributes);
    const rows = await tx.query<Row>(
      `update visitors set email = coalesce($2, email), name = coalesce($3, name), attributes = $4,
         locale = coalesce($5, locale), page = coalesce($6, page), last_seen_at = now() where id = $1 returning *`,
      [
        visitor.id,
        identity?.email ?? null,
        identity?.name ?? null,
        JSON.stringify(attributes),
        request.locale ?? null,
        request.page ? JSON.stringify(request.page) : null,
      ],
    );
    return rows[0]!;
  });
  return {
    visitor: toVisitor(row),
    token: visitorToken(ctx.secret, site.id, row.id as string, ctx.settings.visitorTokenDays),
  };
}

/**
 * A visitor's stored attributes with updates applied, checked as a whole: each request is within the limits, and
 * so must be what accumulates (at most 100 attributes per visitor).
 */
export function mergeAttributes(
  stored: unknown,
  ...updates: (object | undefined)[]
): Record<string, unknown> {
  const merged = Object.assign({}, stored ?? {}, ...updates);
  return valueOr400(check(AttributesSchema, merged), 'body.attributes') as Record<string, unknown>;
}
