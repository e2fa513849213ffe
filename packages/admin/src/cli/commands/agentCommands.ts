import { randomBytes } from 'node:crypto';
import { AgentRoleSchema, CreateAgentSchema, check } from '@frontdesk/protocol';
import { flag } from '../args';
import type { Command } from '../command';
import { CliError, EXIT } from '../errors';

export const agentsList: Command = {
  name: 'agents list',
  summary: 'List agents and admins',
  usage: 'frontdesk agents list',
  flags: {},
  async run(ctx) {
    const agents = await (await ctx.api()).agents();
    for (const a of agents) ctx.say(`${a.id}  ${a.email}  ${a.name}  ${a.role}  ${a.status}`);
    ctx.result({ agents });
    return EXIT.ok;
  },
};

export const agentsAdd: Command = {
  name: 'agents add',
  summary: 'Add an agent (prints a one-time password unless --password-stdin)',
  usage: 'frontdesk agents add --email <email> --name <name> [--role agent|admin] [--password-stdin]',
  flags: {
    email: 'Sign-in email of the agent',
    name: 'Display name shown to visitors',
    role: 'agent (default) or admin',
    'password-stdin': 'Read the password from standard input instead of generating one',
  },
  async run(ctx) {
    const role = flag(ctx.args, 'role') ?? 'agent';
    if (!check(AgentRoleSchema, role).ok)
      throw new CliError(`--role: expected "agent" or "admin", found ${JSON.stringify(role)}`, EXIT.usage);
    const generated = ctx.args.flags['password-stdin'] !== true;
    const password = generated ? randomBytes(12).toString('base64url') : (await ctx.io.readStdin()).trim();
    const input = { email: flag(ctx.args, 'email'), name: flag(ctx.args, 'name'), role, password };
    const result = check(CreateAgentSchema, input);
    if (!result.ok)
      throw new CliError(
        'Invalid agent',
        EXIT.usage,
        result.issues.map((i) => ({ ...i, message: i.message.replace(/^(email|name|role):/, '--$1:') })),
      );
    const agent = await (await ctx.api()).createAgent(result.value);
    ctx.say(`Added ${agent.role} ${agent.email} (${agent.id}).`);
    if (generated) ctx.say(`One-time password (shown once, ask them to change it): ${password}`);
    ctx.result({ agent, ...(generated ? { password } : {}) });
    return EXIT.ok;
  },
};

export const agentsRemove: Command = {
  name: 'agents remove',
  summary: 'Remove an agent by id or email',
  usage: 'frontdesk agents remove <id|email>',
  flags: {},
  async run(ctx) {
    const who = ctx.args.positionals[0];
    if (!who) throw new CliError('<id|email>: expected an agent id or email, found nothing', EXIT.usage);
    const api = await ctx.api();
    const agent = (await api.agents()).find(
      (a) => a.id === who || a.email.toLowerCase() === who.toLowerCase(),
    );
    if (!agent) throw new CliError(`${who}: no such agent (see \`frontdesk agents list\`)`, EXIT.invalid);
    await api.deleteAgent(agent.id);
    ctx.say(`Removed ${agent.email}.`);
    ctx.result({ removed: agent.id });
    return EXIT.ok;
  },
};
