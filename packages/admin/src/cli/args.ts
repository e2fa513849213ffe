import { CliError, EXIT } from './errors';

/** A parsed command line: positional words and `--flag value` / `--flag` options. */
export interface Args {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** Flags that never take a value. */
const BOOLEAN = new Set(['json', 'help', 'force', 'dry-run', 'yes', 'exit-code', 'password-stdin']);

/** Parse `argv` (without node and script). `-h` is `--help`. */
export function parseArgs(argv: readonly string[]): Args {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '-h') flags.help = true;
    else if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
      if (eq > 0) flags[name] = word.slice(eq + 1);
      else if (BOOLEAN.has(name)) flags[name] = true;
      else {
        const value = argv[i + 1];
        // A missing value is reported by allowFlags, after unknown flags, which are the likelier mistake.
        if (value === undefined || value.startsWith('--')) flags[name] = true;
        else {
          flags[name] = value;
          i++;
        }
      }
    } else positionals.push(word);
  }
  return { positionals, flags };
}

/** Fail on flags a command does not know, naming the closest one. */
export function allowFlags(args: Args, allowed: readonly string[]): void {
  for (const [name, value] of Object.entries(args.flags)) {
    if (value === true && !BOOLEAN.has(name) && (name === 'url' || allowed.includes(name)))
      throw new CliError(`--${name}: expected a value, found nothing`, EXIT.usage);
    if (name === 'json' || name === 'help' || name === 'url' || allowed.includes(name)) continue;
    throw new CliError(
      `--${name}: unknown option (known: ${[...allowed, 'url', 'json', 'help'].map((a) => `--${a}`).join(', ')})`,
      EXIT.usage,
    );
  }
}

/** A string flag's value, if given. */
export function flag(args: Args, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}
