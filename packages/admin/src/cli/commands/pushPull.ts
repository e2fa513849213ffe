import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { diffConfig, formatDiff } from '../../configDiff';
import { flag } from '../args';
import type { Command } from '../command';
import { pulledText, readBase, withBase } from '../configFile';
import type { Context } from '../context';
import { CliError, EXIT } from '../errors';
import { findConfig } from '../loadConfig';
import { CONFIG_FLAG, localConfig, normalize } from './configCommands';

export const push: Command = {
  name: 'push',
  summary: 'Validate and publish the config as a new version, printing the diff',
  usage: 'frontdesk push [--config <file>] [--note <text>] [--dry-run] [--force]',
  flags: {
    config: CONFIG_FLAG,
    note: 'Why this version is published (shown by `versions`)',
    'dry-run': 'Print the diff without publishing',
    force: 'Publish even when a newer version was published after the one the file is based on',
  },
  async run(ctx) {
    const { path, file, report } = await localConfig(ctx);
    const text = readFileSync(path, 'utf8');
    const base = readBase(text);
    const api = await ctx.api();
    const remote = await api.currentConfigOrNone();
    const entries = diffConfig(remote ? normalize(remote.config) : {}, report.config);
    if (remote && base !== undefined && remote.version > base && ctx.args.flags.force !== true) {
      // Someone published since this file was pulled (in the console, or another push): publishing now would undo
      // their changes without anyone noticing.
      ctx.say(formatDiff(entries));
      throw new CliError(
        `${file} is based on version ${base}, but version ${remote.version} is published now; pushing would ` +
          `overwrite the changes above. Run \`frontdesk pull\` (into another file with --out) to see them, ` +
          'or push with --force to publish this file as it is.',
        EXIT.invalid,
      );
    }
    ctx.say(formatDiff(entries));
    if (entries.length === 0 && remote) {
      ctx.say(`Nothing to publish: version ${remote.version} is the same.`);
      ctx.result({ published: false, version: remote.version, changes: [] });
      return EXIT.ok;
    }
    if (ctx.args.flags['dry-run'] === true) {
      ctx.say('Dry run: nothing published.');
      ctx.result({ published: false, version: remote?.version ?? null, changes: entries });
      return EXIT.ok;
    }
    const state = await api.pushConfig(report.migrated, flag(ctx.args, 'note'));
    // The file is now the published version: later pushes compare against it.
    writeFileSync(path, withBase(path, text, state.version));
    ctx.say(`Published version ${state.version}.`);
    // The server knows which team emails are agents: published, but worth a look.
    for (const warning of state.warnings ?? []) ctx.io.stderr(`  warning: ${warning.message}`);
    ctx.result({ published: true, version: state.version, changes: entries, warnings: state.warnings ?? [] });
    return EXIT.ok;
  },
};

export const pull: Command = {
  name: 'pull',
  summary: 'Write the published config to a file (only what differs from the defaults, comments kept)',
  usage: 'frontdesk pull [--out <file>] [--force]',
  flags: {
    out: 'File to write (default: the config file here, or frontdesk.config.ts); .json writes JSON, `-` prints it',
    force: 'Overwrite an existing file',
  },
  async run(ctx) {
    const api = await ctx.api();
    const remote = await api.currentConfig();
    const out = flag(ctx.args, 'out') ?? relativeOrDefault(ctx);
    if (out === '-') {
      ctx.io.stdout(
        JSON.stringify(
          ctx.json ? { version: remote.version, config: remote.config } : remote.config,
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const file = resolve(ctx.io.cwd, out);
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const config = normalize(remote.config) as Record<string, unknown>;
    const text = pulledText(file, config, remote.version, previous);
    if (previous !== undefined && previous !== text && ctx.args.flags.force !== true)
      throw new CliError(
        `${out} already exists and differs; use --force to overwrite it (or --out <file>)`,
        EXIT.usage,
      );
    writeFileSync(file, text);
    ctx.say(`Wrote version ${remote.version} to ${file}.`);
    ctx.result({ version: remote.version, file });
    return EXIT.ok;
  },
};

function relativeOrDefault(ctx: Context): string {
  try {
    return relative(ctx.io.cwd, findConfig(ctx.io.cwd));
  } catch {
    return 'frontdesk.config.ts';
  }
}
