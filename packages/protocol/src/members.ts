import * as v from 'valibot';
import { SiteRoleSchema } from './api';

/** The roles of one member on one site: at least one, each once. */
export const SiteRolesSchema = v.pipe(
  v.array(SiteRoleSchema, 'a list of roles'),
  v.minLength(1, 'at least one role (admin, manager, reviewer or agent)'),
  v.maxLength(4),
  v.check((roles) => new Set(roles).size === roles.length, 'each role once'),
);

/**
 * Body of `POST /v1/admin/members`: add an account to the site. An existing account (by email) becomes a member;
 * for a new email an account is created with a one-time invite code that sets its password.
 */
export const AddMemberSchema = v.object({
  email: v.pipe(v.string('an email'), v.email('an email address like ana@example.com'), v.maxLength(254)),
  /** Shown name of a new account (default: the part of the email before "@"). */
  name: v.optional(v.pipe(v.string('a name'), v.minLength(1, 'a non-empty name'), v.maxLength(200))),
  roles: SiteRolesSchema,
});

/** Body of `PUT /v1/admin/members/:agentId`: the member's new roles on the site. */
export const UpdateMemberSchema = v.object({ roles: SiteRolesSchema });

/** Body of `POST /v1/agent/invite`: redeem an invite code and choose the password (answers like a login). */
export const AcceptInviteSchema = v.object({
  code: v.pipe(v.string('an invite code'), v.minLength(16, 'an invite code'), v.maxLength(128)),
  password: v.pipe(
    v.string('a password'),
    v.minLength(8, 'a password of at least 8 characters'),
    v.maxLength(200),
  ),
});

/** A member of a site as the admin API lists it (`GET /v1/admin/members`). */
export interface Member {
  id: string;
  email: string;
  name: string;
  status: 'online' | 'away' | 'offline';
  roles: v.InferOutput<typeof SiteRolesSchema>;
  /** True while the account has not redeemed its invite yet. */
  invited: boolean;
}

/** A site the signed-in agent belongs to (`GET /v1/agent/sites`), in the order the console lists them. */
export interface AgentSite {
  key: string;
  name: string;
  roles: v.InferOutput<typeof SiteRolesSchema>;
}

/** An invite code as the admin API and the server CLI answer it: shown once, stored only as a hash. */
export interface Invite {
  code: string;
  expiresAt: string;
}

export type AddMember = v.InferOutput<typeof AddMemberSchema>;
export type UpdateMember = v.InferOutput<typeof UpdateMemberSchema>;
export type AcceptInvite = v.InferOutput<typeof AcceptInviteSchema>;
