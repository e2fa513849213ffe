import { existsSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { check, SiteConfigSchema } from '@frontdesk/protocol';
import { TEXT_KEYS } from '@frontdesk/widget/texts';
import { diffConfig, formatDiff } from '../../configDiff';
import { starterConfig } from '../../starterConfig';
import { type ConfigReport, formatIssues, validateSiteConfig } from '../../validateSiteConfig';
import { flag } from '../args';
import type { Command } from '../command';
import type { Context } from '../context';
import { CliError, EXIT } from '../errors';
import { findConfig, loadConfig } from '../loadConfig';

/** Load, migrate and validate the local config; throws with every issue when invalid. */
export async function localConfig(
  ctx: Context,
): Promise<{ file: string; path: string; report: ConfigReport }> {
  const file = findConfig(ctx.io.cwd, flag(ctx.args, 'config'));
  const report = validateSiteConfig(await loadConfig(file), { textKeys: TEXT_KEYS });
  const name = relative(ctx.io.cwd, file) || file;
  if (report.notes.length > 0 && !ctx.json) {
    ctx.io.stderr(`${name}: migrated from config version ${report.from}:`);
    for (const note of report.notes) ctx.io.stderr(`  - ${note}`);
  }
  if (report.warnings.length > 0 && !ctx.json) {
    const n = report.warnings.length;
    ctx.io.stderr(`${name}: ${n} missing translation${n === 1 ? '' : 's'} (warnings):`);
    for (const warning of report.warnings) ctx.io.stderr(`  warning: ${warning.message}`);
  }
  if (!report.ok)
    throw new CliError(
      `${name}: ${report.issues.length} problem${report.issues.length === 1 ? '' : 's'}`,
      EXIT.invalid,
      report.issues.map((i) => ({ ...i, message: `${name}: ${i.message}` })),
    );
  return { file: name, path: file, report };
}

/** The published config with defaults filled in, for a fair diff. */
export function normalize(config: unknown): unknown {
  const result = check(SiteConfigSchema, config);
  return result.ok ? result.value : config;
}

/** The `--config` flag of validate, diff and push. */
export const CONFIG_FLAG = 'Config file (default: frontdesk.config.ts, .mjs, .js or .json in this folder)';

/** An origin as `allowedOrigins` takes it (scheme, host, port); a full URL is cut to its origin. */
function toOrigin(value: string): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || !url.host)
    throw new CliError(
      `--origin: expected an origin like https://shop.example.com (scheme, host, optional port), found "${text}"`,
      EXIT.usage,
    );
  return url.origin;
}

export const init: Command = {
  name: 'init',
  summary: 'Write a commented starter config (frontdesk.config.ts)',
  usage: 'frontdesk init [--name <site name>] [--origin <https://your.site>[,…]] [--out <file>] [--force]',
  flags: {
    name: "Site name to put in the config (default: 'My shop')",
    origin:
      'Origin(s) of the pages that will embed the widget, comma-separated (allowedOrigins); asked on a terminal',
    out: 'File to write (default: frontdesk.config.ts; .json writes JSON without comments)',
    force: 'Overwrite an existing file',
  },
  async run(ctx) {
    const out = flag(ctx.args, 'out') ?? 'frontdesk.config.ts';
    const file = resolve(ctx.io.cwd, out);
    if (existsSync(file) && ctx.args.flags.force !== true)
      throw new CliError(`${out} already exists; use --force to overwrite it`, EXIT.usage);
    const name = flag(ctx.args, 'name') ?? 'My shop';
    // The widget only loads on the origins the site allows: ask for them now rather than fail silently later.
    const answer =
      flag(ctx.args, 'origin') ??
      (await ctx.io.prompt?.(
        'Which website will show the widget? Its origin, e.g. https://shop.example.com (several: comma-separated; empty: any): ',
      ));
    const origins = [
      ...new Set(
        (answer ?? '')
          .split(',')
          .filter((o) => o.trim())
          .map(toOrigin),
      ),
    ];
    const text = file.endsWith('.json')
      ? `${JSON.stringify(
          {
            version: 1,
            name,
            allowedOrigins: origins,
            theme: { brandColor: '#2557d6' },
            greeting: { en: 'Hi {name}, how can we help?' },
          },
          null,
          2,
        )}\n`
      : starterConfig(name, origins);
    writeFileSync(file, text);
    ctx.say(`Wrote ${file}. Next: edit it, then \`frontdesk validate\` and \`frontdesk push\`.`);
    ctx.say(
      origins.length
        ? `The widget may load on ${origins.join(', ')} (allowedOrigins); add more there or in the console.`
        : "allowedOrigins is empty, so any website may load the widget. Before going live, set it to your site's origin (frontdesk init --origin https://your.site, or edit the file).",
    );
    ctx.result({ ok: true, file, allowedOrigins: origins });
    return EXIT.ok;
  },
};

export const validate: Command = {
  name: 'validate',
  summary: 'Check the config file and print every problem',
  usage: 'frontdesk validate [--config <file>]',
  flags: { config: CONFIG_FLAG },
  async run(ctx) {
    const { file, report } = await localConfig(ctx);
    ctx.say(
      report.warnings.length
        ? `${file}: valid, with ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} (above).`
        : `${file}: valid.`,
    );
    ctx.result({ ok: true, file, from: report.from, notes: report.notes, warnings: report.warnings });
    return EXIT.ok;
  },
};

export const diff: Command = {
  name: 'diff',
  summary: 'Show what push would change on the server',
  usage: 'frontdesk diff [--config <file>] [--exit-code]',
  flags: {
    config: CONFIG_FLAG,
    'exit-code': 'Exit with 1 when there are differences',
  },
  async run(ctx) {
    const { report } = await localConfig(ctx);
    const api = await ctx.api();
    const remote = await api.currentConfigOrNone();
    const entries = diffConfig(remote ? normalize(remote.config) : {}, report.config);
    ctx.say(
      remote ? `Published version ${remote.version} → local file:` : 'Nothing published yet; local file:',
    );
    ctx.say(formatDiff(entries));
    ctx.result({ version: remote?.version ?? null, changes: entries });
    return entries.length > 0 && ctx.args.flags['exit-code'] === true ? EXIT.invalid : EXIT.ok;
  },
};

export const versions: Command = {
  name: 'versions',
  summary: 'List published config versions, newest first',
  usage: 'frontdesk versions',
  flags: {},
  async run(ctx) {
    const api = await ctx.api();
    const list = [...(await api.versions())].sort((a, b) => b.version - a.version);
    if (list.length === 0) ctx.say('No versions published yet.');
    for (const item of list)
      ctx.say(
        `${String(item.version).padStart(4)}  ${item.createdAt}  ${item.author ?? '-'}${item.note ? `  ${item.note}` : ''}`,
      );
    ctx.result({ versions: list });
    return EXIT.ok;
  },
};

export const rollback: Command = {
  name: 'rollback',
  summary: 'Publish an earlier version again (as a new version), printing the diff',
  usage: 'frontdesk rollback <version>',
  flags: {},
  async run(ctx) {
    const raw = ctx.args.positionals[0];
    const version = Number(raw);
    if (!raw || !Number.isInteger(version) || version < 1)
      throw new CliError(
        `<version>: expected a version number like 3, found ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
        EXIT.usage,
      );
    const api = await ctx.api();
    const before = await api.currentConfigOrNone();
    const state = await api.rollback(version);
    const entries = diffConfig(before ? normalize(before.config) : {}, normalize(state.config));
    ctx.say(formatDiff(entries));
    ctx.say(`Rolled back: version ${state.version} has the config of version ${version}.`);
    ctx.result({ version: state.version, from: version, changes: entries });
    return EXIT.ok;
  },
};

export { formatIssues };
