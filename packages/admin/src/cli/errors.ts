import type { Issue } from '@frontdesk/protocol';

/** Exit codes of the `frontdesk` CLI. */
export const EXIT = {
  ok: 0,
  /** The config (or another input) is invalid, or the server rejected it. */
  invalid: 1,
  /** Wrong command line: unknown command or flag, missing argument. */
  usage: 2,
  /** No credentials, or the server refused them. */
  auth: 3,
  /** The server could not be reached or failed. */
  server: 4,
} as const;

/** An error the CLI prints and exits with. */
export class CliError extends Error {
  override readonly name = 'CliError' as const;
  constructor(
    message: string,
    /** Process exit code, see {@link EXIT}. */
    readonly exitCode: number,
    /** Validation issues to print one per line. */
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

export const isCliError = (error: unknown): error is CliError =>
  error instanceof Error && error.name === 'CliError';
