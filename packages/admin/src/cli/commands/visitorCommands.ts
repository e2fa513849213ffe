import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VisitorMatch } from '@frontdesk/protocol';
import { flag } from '../args';
import type { Command } from '../command';
import type { Context } from '../context';
import { CliError, EXIT } from '../errors';

/** Whose data: `<visitorId>` (or an email in its place), `--email` or `--user-id`; exactly one. */
function whose(ctx: Context): VisitorMatch {
  const word = ctx.args.positionals[0];
  const email = flag(ctx.args, 'email') ?? (word?.includes('@') ? word : undefined);
  const userId = flag(ctx.args, 'user-id');
  const visitorId = word?.includes('@') ? undefined : word;
  const given = [visitorId, email, userId].filter((x) => x !== undefined);
  if (given.length !== 1)
    throw new CliError(
      `expected exactly one of <visitorId>, --email <address> or --user-id <id>, found ${given.length === 0 ? 'none' : given.map((g) => JSON.stringify(g)).join(' and ')}`,
      EXIT.usage,
    );
  return visitorId ? { visitorId } : email ? { email } : { userId: userId! };
}

const describe = (m: VisitorMatch) =>
  m.email
    ? `the visitor(s) with email ${m.email}`
    : m.userId
      ? `the visitor(s) with user id ${m.userId}`
      : `visitor ${m.visitorId}`;

const WHO_FLAGS = {
  email: 'Whose data, by email (the profile email or one given in a form; all their visitor records)',
  'user-id': "Whose data, by the site's own user id (all their visitor records)",
};

export const exportVisitor: Command = {
  name: 'export',
  summary:
    "Export one person's data (conversations, messages, tickets) as JSON, by visitor id, email or user id",
  usage: 'frontdesk export <visitorId> | --email <address> | --user-id <id> [--out <file>|-]',
  flags: { ...WHO_FLAGS, out: 'File to write (mode 0600; default, or `-`: print to standard output)' },
  async run(ctx) {
    const match = whose(ctx);
    const data = await (await ctx.api()).personExport(match);
    const out = flag(ctx.args, 'out');
    if (out && out !== '-') {
      const file = resolve(ctx.io.cwd, out);
      writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      ctx.say(`Wrote the data of ${describe(match)} to ${file}.`);
      ctx.result({ ...match, file });
    } else ctx.io.stdout(JSON.stringify(data, null, 2));
    return EXIT.ok;
  },
};

export const deleteVisitor: Command = {
  name: 'delete',
  summary: "Delete one person's data for good, by visitor id, email or user id (asks for --yes)",
  usage: 'frontdesk delete <visitorId> | --email <address> | --user-id <id> --yes',
  flags: { ...WHO_FLAGS, yes: 'Confirm the deletion; it cannot be undone' },
  async run(ctx) {
    const match = whose(ctx);
    if (ctx.args.flags.yes !== true)
      throw new CliError(
        `Deleting the data of ${describe(match)} cannot be undone; run again with --yes to confirm`,
        EXIT.usage,
      );
    const deleted = await (await ctx.api()).personDelete(match);
    ctx.say(
      `Deleted ${deleted.length === 1 ? `visitor ${deleted[0]}` : `${deleted.length} visitors (${deleted.join(', ')})`} and their data.`,
    );
    ctx.result({ deleted });
    return EXIT.ok;
  },
};
