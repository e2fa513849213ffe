import { allowFlags, parseArgs } from './args';
import type { Command } from './command';
import { agentsAdd, agentsList, agentsRemove } from './commands/agentCommands';
import { articlesExport, articlesImport } from './commands/articleCommands';
import { diff, init, rollback, validate, versions } from './commands/configCommands';
import { login, logout } from './commands/loginCommands';
import { membersAdd, membersList, membersRemove, membersSet } from './commands/memberCommands';
import { pull, push } from './commands/pushPull';
import { secretsRotate, secretsShow } from './commands/secretCommands';
import { deleteVisitor, exportVisitor } from './commands/visitorCommands';
import { createContext, type Io, processIo } from './context';
import { EXIT, isCliError } from './errors';

/** Every command, in the order `frontdesk --help` lists them. */
export const COMMANDS: Command[] = [
  init,
  validate,
  push,
  pull,
  diff,
  versions,
  rollback,
  articlesImport,
  articlesExport,
  agentsList,
  agentsAdd,
  agentsRemove,
  exportVisitor,
  deleteVisitor,
  membersList,
  membersAdd,
  membersSet,
  membersRemove,
  secretsShow,
  secretsRotate,
  login,
  logout,
];

const COMMON = {
  url: 'Server URL (else FRONTDESK_URL, else the one `login` stored)',
  json: 'Print one JSON document for scripts instead of text',
  help: 'Show this help',
};

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: frontdesk <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Credentials: FRONTDESK_URL with FRONTDESK_TOKEN, or FRONTDESK_EMAIL and FRONTDESK_PASSWORD, or `frontdesk login`.',
    'Exit codes: 0 ok, 1 invalid input or rejected, 2 wrong usage, 3 not signed in, 4 server unreachable or failing.',
    'Run `frontdesk <command> --help` for a command’s options.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const flags = { ...command.flags, ...COMMON };
  const width = Math.max(...Object.keys(flags).map((f) => f.length)) + 2;
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...Object.entries(flags).map(([name, text]) => `  --${name.padEnd(width)}${text}`),
  ].join('\n');
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.flags.json === true;
    const two = args.positionals.slice(0, 2).join(' ');
    const command =
      COMMANDS.find((c) => c.name === two) ?? COMMANDS.find((c) => c.name === args.positionals[0]);
    if (!command) {
      const group = args.positionals[0];
      const sub = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
      if (args.positionals.length === 0 || (group === 'help' && args.positionals.length === 1)) {
        io.stdout(overview());
        return args.positionals.length === 0 && args.flags.help !== true ? EXIT.usage : EXIT.ok;
      }
      if (sub.length > 0 && args.flags.help === true) {
        io.stdout(sub.map(commandHelp).join('\n\n'));
        return EXIT.ok;
      }
      io.stderr(
        sub.length > 0
          ? `frontdesk ${group}: expected a subcommand (${sub.map((c) => c.name.split(' ')[1]).join(', ')})`
          : `Unknown command "${args.positionals.join(' ')}". Run \`frontdesk --help\` for the list.`,
      );
      return EXIT.usage;
    }
    if (args.flags.help === true) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    args.positionals = args.positionals.slice(command.name.split(' ').length);
    allowFlags(args, Object.keys(command.flags));
    return await command.run(createContext(args, io));
  } catch (error) {
    if (!isCliError(error)) {
      io.stderr(
        `frontdesk: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return EXIT.server;
    }
    if (json) io.stdout(JSON.stringify({ ok: false, error: error.message, issues: error.issues }, null, 2));
    else {
      io.stderr(error.message);
      for (const issue of error.issues) io.stderr(`  ${issue.message}`);
    }
    return error.exitCode;
  }
}
