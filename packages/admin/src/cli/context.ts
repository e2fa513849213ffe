import { stdin as processStdin } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { AdminApi } from './adminApi';
import type { Args } from './args';
import { readStored } from './credentials';
import { CliError, EXIT } from './errors';

/** Where a command reads and writes: the real process, or a test's buffers. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Read all of standard input (for `--password-stdin`). */
  readStdin(): Promise<string>;
  /** Ask for a secret on a terminal without echoing it; undefined when standard input is not a terminal. */
  promptHidden(question: string): Promise<string | undefined>;
  /** Ask a question on a terminal; undefined when standard input is not a terminal (scripts use flags). */
  prompt?(question: string): Promise<string | undefined>;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of processStdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  async prompt(question) {
    if (!process.stdin.isTTY) return undefined;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  promptHidden(question) {
    const stdin = process.stdin;
    if (!stdin.isTTY) return Promise.resolve(undefined);
    process.stderr.write(question);
    return new Promise((resolve) => {
      let value = '';
      const done = (result: string | undefined) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stderr.write('\n');
        resolve(result);
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(value);
          if (ch === '\u0003') return done(undefined);
          value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
        }
      };
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.resume();
      stdin.on('data', onData);
    });
  },
};

/** What every command gets. */
export interface Context {
  args: Args;
  io: Io;
  /** `--json` was given: print one JSON document on stdout and nothing else there. */
  json: boolean;
  /** Print a human line (suppressed with `--json`). */
  say(text: string): void;
  /** Print the JSON result (only with `--json`). */
  result(value: unknown): void;
  /** An API client signed in from `--url`, the environment or stored credentials. */
  api(): Promise<AdminApi>;
}

export function createContext(args: Args, io: Io): Context {
  const json = args.flags.json === true;
  return {
    args,
    io,
    json,
    say: (text) => {
      if (!json) io.stdout(text);
    },
    result: (value) => {
      if (json) io.stdout(JSON.stringify(value, null, 2));
    },
    async api() {
      const api = await signedIn();
      api.siteKey = io.env.FRONTDESK_SITE || undefined;
      return api;
    },
  };

  async function signedIn(): Promise<AdminApi> {
    const env = io.env;
    const stored = readStored(env);
    const flagUrl = typeof args.flags.url === 'string' ? args.flags.url : undefined;
    const url = flagUrl ?? env.FRONTDESK_URL ?? stored?.url;
    if (!url)
      throw new CliError(
        'No server: set FRONTDESK_URL (and FRONTDESK_TOKEN, or FRONTDESK_EMAIL and FRONTDESK_PASSWORD), or run `frontdesk login`.',
        EXIT.auth,
      );
    if (env.FRONTDESK_TOKEN) return new AdminApi(url, env.FRONTDESK_TOKEN);
    if (env.FRONTDESK_EMAIL && env.FRONTDESK_PASSWORD) {
      const api = new AdminApi(url);
      await api.login(env.FRONTDESK_EMAIL, env.FRONTDESK_PASSWORD);
      return api;
    }
    if (stored && stored.url === url) return new AdminApi(url, stored.token);
    throw new CliError(
      `Not signed in to ${url}: set FRONTDESK_TOKEN (or FRONTDESK_EMAIL and FRONTDESK_PASSWORD), or run \`frontdesk login\`.`,
      EXIT.auth,
    );
  }
}
