import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where to find the server and how to sign in. */
export interface Credentials {
  url: string;
  token: string;
}

/** The credentials file: `FRONTDESK_CREDENTIALS_FILE`, else `~/.config/frontdesk/credentials.json`. */
export function credentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.FRONTDESK_CREDENTIALS_FILE ??
    join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'frontdesk', 'credentials.json')
  );
}

/** Read stored credentials, or undefined when none are stored. */
export function readStored(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const file = credentialsFile(env);
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    return typeof data.url === 'string' && typeof data.token === 'string'
      ? { url: data.url, token: data.token }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Store credentials readable by the current user only (mode 0600). */
export function writeStored(credentials: Credentials, env: NodeJS.ProcessEnv = process.env): string {
  const file = credentialsFile(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** Forget stored credentials. */
export function removeStored(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = credentialsFile(env);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}
