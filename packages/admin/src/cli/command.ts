import type { Context } from './context';

/** One CLI command: its help and what it does. `run` returns the exit code. */
export interface Command {
  /** Words that select it, e.g. `push` or `articles import`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line, e.g. `frontdesk rollback <version> [--json]`. */
  usage: string;
  /** Flags it accepts besides --url, --json and --help, with one line each. */
  flags: Record<string, string>;
  run(ctx: Context): Promise<number>;
}
