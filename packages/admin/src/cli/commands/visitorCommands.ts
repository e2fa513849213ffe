import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flag } from '../args';
import type { Command } from '../command';
import type { Context } from '../context';
import { CliError, EXIT } from '../errors';

/** The `<visitorId>` both commands take first. */
function visitorId(ctx: Context): string {
  const id = ctx.args.positionals[0];
  if (!id) throw new CliError('<visitorId>: expected a visitor id, found nothing', EXIT.usage);
  return id;
}

export const exportVisitor: Command = {
  name: 'export',
  summary: "Export one visitor's data (conversations, messages, tickets) as JSON",
  usage: 'frontdesk export <visitorId> [--out <file>]',
  flags: { out: 'File to write (default: print to standard output)' },
  async run(ctx) {
    const id = visitorId(ctx);
    const data = await (await ctx.api()).visitorExport(id);
    const out = flag(ctx.args, 'out');
    if (out) {
      writeFileSync(resolve(ctx.io.cwd, out), `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      ctx.say(`Wrote the data of visitor ${id} to ${out}.`);
      ctx.result({ visitorId: id, file: out });
    } else ctx.io.stdout(JSON.stringify(data, null, 2));
    return EXIT.ok;
  },
};

export const deleteVisitor: Command = {
  name: 'delete',
  summary: "Delete one visitor's data for good (asks for --yes)",
  usage: 'frontdesk delete <visitorId> --yes',
  flags: { yes: 'Confirm the deletion; it cannot be undone' },
  async run(ctx) {
    const id = visitorId(ctx);
    if (ctx.args.flags.yes !== true)
      throw new CliError(
        `Deleting visitor ${id} cannot be undone; run again with --yes to confirm`,
        EXIT.usage,
      );
    await (await ctx.api()).visitorDelete(id);
    ctx.say(`Deleted visitor ${id} and their data.`);
    ctx.result({ deleted: id });
    return EXIT.ok;
  },
};
