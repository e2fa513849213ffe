import { AddMemberSchema, check, type Member, SiteRolesSchema } from '@frontdesk/protocol';
import type { AdminApi } from '../adminApi';
import { flag } from '../args';
import type { Command } from '../command';
import { CliError, EXIT } from '../errors';

/** `--roles admin,agent` as a checked list. */
function rolesFlag(value: string | undefined) {
  if (!value)
    throw new CliError('--roles: expected roles like "agent" or "admin,agent", found nothing', EXIT.usage);
  const result = check(
    SiteRolesSchema,
    value.split(',').map((r) => r.trim()),
    '--roles',
  );
  if (!result.ok) throw new CliError('Invalid roles', EXIT.usage, result.issues);
  return result.value;
}

/** The member named by id or email. */
async function memberOf(api: AdminApi, who: string | undefined): Promise<Member> {
  if (!who) throw new CliError('<id|email>: expected a member id or email, found nothing', EXIT.usage);
  const member = (await api.members()).find((m) => m.id === who || m.email === who.toLowerCase());
  if (!member)
    throw new CliError(`${who}: not a member of this site (see \`frontdesk members list\`)`, EXIT.invalid);
  return member;
}

const line = (m: Member) =>
  `${m.id}  ${m.email}  ${m.name}  ${m.roles.join(',')}${m.invited ? '  (invited)' : ''}`;

export const membersList: Command = {
  name: 'members list',
  summary: "List the site's members and their roles (admin)",
  usage: 'frontdesk members list',
  flags: {},
  async run(ctx) {
    const members = await (await ctx.api()).members();
    for (const m of members) ctx.say(line(m));
    ctx.result({ members });
    return EXIT.ok;
  },
};

export const membersAdd: Command = {
  name: 'members add',
  summary: 'Add an account to the site; a new email gets a one-time invite code (admin)',
  usage: 'frontdesk members add --email <email> --roles <role,…> [--name <name>]',
  flags: {
    email: 'Sign-in email of the member',
    roles: 'Comma-separated roles: admin, manager, reviewer, agent',
    name: 'Display name, for a new account',
  },
  async run(ctx) {
    const name = flag(ctx.args, 'name');
    const input = {
      email: flag(ctx.args, 'email'),
      roles: rolesFlag(flag(ctx.args, 'roles')),
      ...(name ? { name } : {}),
    };
    const result = check(AddMemberSchema, input);
    if (!result.ok)
      throw new CliError(
        'Invalid member',
        EXIT.usage,
        result.issues.map((i) => ({ ...i, message: i.message.replace(/^(email|name):/, '--$1:') })),
      );
    const api = await ctx.api();
    const added = await api.addMember(result.value);
    ctx.say(`Added ${line(added.member)}`);
    if (added.invite)
      ctx.say(
        `Invite code (shown once, one use, until ${added.invite.expiresAt}): ${added.invite.code}\n` +
          `Link: ${new URL(`/console/#/invite/${added.invite.code}`, api.url)}`,
      );
    ctx.result(added);
    return EXIT.ok;
  },
};

export const membersSet: Command = {
  name: 'members set',
  summary: "Replace a member's roles on the site (admin)",
  usage: 'frontdesk members set <id|email> --roles <role,…>',
  flags: { roles: 'Comma-separated roles: admin, manager, reviewer, agent' },
  async run(ctx) {
    const roles = rolesFlag(flag(ctx.args, 'roles'));
    const api = await ctx.api();
    const member = await api.updateMember((await memberOf(api, ctx.args.positionals[0])).id, roles);
    ctx.say(`Now ${line(member)}`);
    ctx.result({ member });
    return EXIT.ok;
  },
};

export const membersRemove: Command = {
  name: 'members remove',
  summary: 'Remove a member from the site; the account stays (admin)',
  usage: 'frontdesk members remove <id|email>',
  flags: {},
  async run(ctx) {
    const api = await ctx.api();
    const member = await memberOf(api, ctx.args.positionals[0]);
    await api.removeMember(member.id);
    ctx.say(`Removed ${member.email} from this site.`);
    ctx.result({ removed: member.id });
    return EXIT.ok;
  },
};
