import { newSecret } from '../auth/crypto';
import type { Sql } from '../db/database';
import { iso } from '../db/rows';
import type { SecretPurpose } from './sites';

/** One site secret as admins see it. */
export interface ShownSecret {
  secret: string;
  createdAt: string;
  /** When it stops being accepted; null for the current one. */
  expiresAt: string | null;
}

/** The site's secrets per purpose, current first, then those still in their overlap window. */
export async function listSecrets(db: Sql, siteId: string): Promise<Record<SecretPurpose, ShownSecret[]>> {
  const rows = await db.query<{
    purpose: SecretPurpose;
    secret: string;
    created_at: unknown;
    expires_at: unknown;
  }>(
    `select purpose, secret, created_at, expires_at from site_secrets
     where site_id = $1 and (expires_at is null or expires_at > now())
     order by expires_at desc nulls first, created_at desc`,
    [siteId],
  );
  const out: Record<SecretPurpose, ShownSecret[]> = { identity: [], webhook: [], email: [] };
  for (const r of rows)
    out[r.purpose]?.push({
      secret: r.secret,
      createdAt: iso(r.created_at),
      expiresAt: r.expires_at ? iso(r.expires_at) : null,
    });
  return out;
}

/**
 * Replace the current `purpose` secret with a new one. The old one stays accepted (identity) or keeps signing
 * beside the new one (webhook) for `overlapHours`, so sites and receivers can switch without downtime. Secrets of
 * earlier rotations end then at the latest.
 */
export async function rotateSecret(
  db: Sql,
  siteId: string,
  purpose: SecretPurpose,
  overlapHours: number,
): Promise<void> {
  // Earlier secrets still in an overlap end no later than this one: overlap 0 leaves only the new secret.
  await db.query(
    `update site_secrets
     set expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(hours => $3))
     where site_id = $1 and purpose = $2`,
    [siteId, purpose, overlapHours],
  );
  // Secrets past their overlap are of no use to anyone: forget them.
  await db.query('delete from site_secrets where site_id = $1 and expires_at <= now()', [siteId]);
  const prefix = { identity: 'sk', webhook: 'whsec', email: 'emsec' }[purpose];
  await db.query('insert into site_secrets (site_id, purpose, secret) values ($1, $2, $3)', [
    siteId,
    purpose,
    `${prefix}_${newSecret(24)}`,
  ]);
}
