import { createHash } from 'node:crypto';
import type { Agent, AgentSite, Invite, Member, SiteRole } from '@frontdesk/protocol';
import { hashPassword, newId, newSecret } from '../auth/crypto';
import { normalizeEmail } from '../auth/loginGuard';
import type { Database, Sql } from '../db/database';
import { ApiError, notFound } from '../http/errors';

/**
 * Site membership: which accounts work on which site, with which roles. Only membership grants anything on a
 * site (see `access.ts`); an account that is a member of no site can sign in but reach nothing.
 */

/** How long an invite code stays redeemable. */
export const INVITE_TTL_MS = 7 * 86_400_000;

/** The roles of `agentId` on `siteId`; empty when not a member. */
export async function memberRoles(db: Sql, siteId: string, agentId: string): Promise<SiteRole[]> {
  const rows = await db.query<{ roles: SiteRole[] }>(
    'select roles from site_members where site_id = $1 and agent_id = $2',
    [siteId, agentId],
  );
  return rows[0]?.roles ?? [];
}

/** The sites an agent is a member of, oldest site first (the console's default is the first). */
export async function agentSites(db: Sql, agentId: string): Promise<Array<AgentSite & { id: string }>> {
  return db.query<AgentSite & { id: string }>(
    `select s.id, s.key, s.name, m.roles from site_members m join sites s on s.id = m.site_id
     where m.agent_id = $1 order by s.created_at, s.id`,
    [agentId],
  );
}

/** The members of a site, oldest membership first. */
export async function listMembers(db: Sql, siteId: string): Promise<Member[]> {
  const rows = await db.query<Omit<Member, 'invited'> & { invited: boolean }>(
    `select a.id, a.email, a.name, a.status, m.roles, a.password_hash = '' as invited
     from site_members m join agents a on a.id = m.agent_id
     where m.site_id = $1 order by m.created_at, a.id`,
    [siteId],
  );
  return rows;
}

/** Is `agentId` a member of `siteId`? */
export async function isMember(db: Sql, siteId: string, agentId: string): Promise<boolean> {
  return (await memberRoles(db, siteId, agentId)).length > 0;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** A one-time code that sets the password of `agentId`; only its hash is stored. */
export async function createInvite(tx: Sql, agentId: string, siteId: string | null): Promise<Invite> {
  const code = `inv_${newSecret(24)}`;
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await tx.query(
    'insert into agent_invites (code_hash, agent_id, site_id, expires_at) values ($1, $2, $3, $4)',
    [hashCode(code), agentId, siteId, expiresAt.toISOString()],
  );
  return { code, expiresAt: expiresAt.toISOString() };
}

/** What {@link addMember} did: the member, and an invite code when the account has no password yet. */
export interface AddedMember {
  member: Member;
  invite: Invite | null;
  /** True when the account was created now. */
  created: boolean;
}

/**
 * Add the account with `email` to the site with `roles`; a new email gets an account without a password and an
 * invite code (so does an account that has not redeemed an earlier invite). 409 when already a member.
 */
export async function addMember(
  db: Database,
  siteId: string,
  input: { email: string; name?: string | undefined; roles: SiteRole[] },
): Promise<AddedMember> {
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    let account = (
      await tx.query<{ id: string; password_hash: string }>(
        'select id, password_hash from agents where email = $1 for update',
        [email],
      )
    )[0];
    const created = !account;
    if (!account) {
      const name = input.name ?? email.split('@')[0]!;
      account = (
        await tx.query<{ id: string; password_hash: string }>(
          "insert into agents (id, email, name, role, password_hash) values ($1, $2, $3, 'agent', '') returning id, password_hash",
          [newId('ag'), email, name],
        )
      )[0]!;
    }
    const inserted = await tx.query(
      `insert into site_members (site_id, agent_id, roles) values ($1, $2, $3::text[])
       on conflict (site_id, agent_id) do nothing returning agent_id`,
      [siteId, account.id, input.roles],
    );
    if (inserted.length === 0)
      throw new ApiError(
        'conflict',
        `${email} is already a member of this site: change their roles instead.`,
      );
    const invite = account.password_hash === '' ? await createInvite(tx, account.id, siteId) : null;
    const member = (await listMembers(tx, siteId)).find((m) => m.id === account.id)!;
    return { member, invite, created };
  });
}

/**
 * Refuse a change that would leave the site without an enabled admin. Runs with the site row locked, so two
 * admins demoting each other at once cannot both succeed.
 */
async function keepAnAdmin(tx: Sql, siteId: string, agentId: string, losesAdmin: boolean): Promise<void> {
  await tx.query('select id from sites where id = $1 for update', [siteId]);
  const current = await memberRoles(tx, siteId, agentId);
  if (current.length === 0) throw notFound('The member');
  if (!losesAdmin || !current.includes('admin')) return;
  const others = await tx.query(
    `select 1 from site_members m join agents a on a.id = m.agent_id
     where m.site_id = $1 and m.agent_id <> $2 and 'admin' = any(m.roles) and not a.disabled limit 1`,
    [siteId, agentId],
  );
  if (others.length === 0)
    throw new ApiError(
      'conflict',
      "This is the site's last admin: make another member admin first, so someone can still manage the site.",
    );
}

/** Replace a member's roles on a site (404 when not a member; 409 when it would leave no admin). */
export async function setMemberRoles(
  db: Database,
  siteId: string,
  agentId: string,
  roles: SiteRole[],
): Promise<Member> {
  return db.transaction(async (tx) => {
    await keepAnAdmin(tx, siteId, agentId, !roles.includes('admin'));
    await tx.query('update site_members set roles = $3::text[] where site_id = $1 and agent_id = $2', [
      siteId,
      agentId,
      roles,
    ]);
    return (await listMembers(tx, siteId)).find((m) => m.id === agentId)!;
  });
}

/** Remove a member from a site; the account stays (404 when not a member; 409 for the last admin). */
export async function removeMember(db: Database, siteId: string, agentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await keepAnAdmin(tx, siteId, agentId, true);
    await tx.query('delete from site_members where site_id = $1 and agent_id = $2', [siteId, agentId]);
  });
}

/**
 * Redeem an invite code: set the account's password (revoking any token issued before) and use the code up.
 * One answer for a wrong, used or expired code, so codes cannot be probed.
 */
export async function acceptInvite(db: Database, code: string, password: string): Promise<Agent> {
  const refused = () =>
    new ApiError('forbidden', 'This invite code is wrong, used or expired: ask for a new one.');
  // The code first: a wrong one costs no password hash (scrypt is slow on purpose).
  const valid = await db.query(
    'select 1 from agent_invites where code_hash = $1 and used_at is null and expires_at > now()',
    [hashCode(code)],
  );
  if (valid.length === 0) throw refused();
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ agent_id: string; expires_at: unknown }>(
      `select agent_id, expires_at from agent_invites
       where code_hash = $1 and used_at is null and expires_at > now() for update`,
      [hashCode(code)],
    );
    const invite = rows[0];
    if (!invite) throw refused();
    await tx.query('update agent_invites set used_at = now() where code_hash = $1', [hashCode(code)]);
    const agents = await tx.query<Agent>(
      `update agents set password_hash = $2, token_version = token_version + 1 where id = $1 and not disabled
       returning id, email, name, role, status`,
      [invite.agent_id, hash],
    );
    if (!agents[0]) throw new ApiError('forbidden', 'This account is disabled: ask an admin.');
    return agents[0];
  });
}
