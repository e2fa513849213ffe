import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, EXIT } from './errors';

/** Config file names looked for, in order, when `--config` is not given. */
export const CONFIG_FILES = [
  'frontdesk.config.ts',
  'frontdesk.config.mjs',
  'frontdesk.config.js',
  'frontdesk.config.json',
];

/** The config file to use: `--config`, else the first of {@link CONFIG_FILES} in `cwd`. */
export function findConfig(cwd: string, given?: string): string {
  if (given) {
    const file = resolve(cwd, given);
    if (!existsSync(file)) throw new CliError(`${given}: no such file`, EXIT.invalid);
    return file;
  }
  for (const name of CONFIG_FILES) {
    const file = resolve(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new CliError(
    `No config file here (looked for ${CONFIG_FILES.join(', ')}); run \`frontdesk init\`.`,
    EXIT.invalid,
  );
}

/** Load a config file: JSON, or a module whose default export is the config (TypeScript works). */
export async function loadConfig(file: string): Promise<unknown> {
  try {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) return JSON.parse(text);
    // Config files import defineConfig from '@frontdesk/admin', which a site folder may not have installed,
    // and a .ts file outside an ESM package would load as CommonJS. So load a copy as an ES module, next to
    // the original (relative imports keep working), with that one import pointing at this package.
    // defineConfig next to this file: .ts in the repo, .js when installed.
    const compiled = import.meta.url.endsWith('.js');
    const here = new URL(`../defineConfig${compiled ? '.js' : '.ts'}`, import.meta.url).href;
    // Node cannot load a TypeScript config by itself: the installed CLI registers tsx for it (the repo's bin does).
    if (compiled && file.endsWith('.ts')) (await import('tsx/esm/api')).register();
    const copy = join(
      dirname(file),
      `.${basename(file)}.${process.pid}.${Date.now()}.${file.endsWith('.ts') ? 'mts' : 'mjs'}`,
    );
    writeFileSync(copy, text.replace(/(['"])@frontdesk\/admin\1/g, JSON.stringify(here)));
    try {
      const mod = (await import(pathToFileURL(copy).href)) as { default?: unknown };
      return mod.default ?? mod;
    } finally {
      rmSync(copy, { force: true });
    }
  } catch (error) {
    throw new CliError(`${file}: cannot load: ${(error as Error).message}`, EXIT.invalid);
  }
}
