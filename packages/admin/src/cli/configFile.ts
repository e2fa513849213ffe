import { withoutDefaults } from '../configPrune';
import { configModule, readComments } from '../configSource';

// The version a config file is based on, kept in the file as a comment line so it travels with the file.
const BASE = /^\/\/ Based on published version (\d+)\b.*$/m;

/** The comment line recording that a file is based on published `version`. */
export function baseLine(version: number): string {
  return `// Based on published version ${version}: \`frontdesk push\` refuses when a newer one is published (--force overrides).`;
}

/** The published version a config file's text says it is based on, if it says so. */
export function readBase(text: string): number | undefined {
  const match = BASE.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** `text` recording `version` as its base: the line replaced, or added on top (JSON files cannot hold it). */
export function withBase(file: string, text: string, version: number): string {
  if (file.endsWith('.json')) return text;
  return BASE.test(text) ? text.replace(BASE, baseLine(version)) : `${baseLine(version)}\n${text}`;
}

/**
 * The text `pull` writes: the published config without its defaults, in the file's own form (a `defineConfig`
 * module, or JSON for `.json`), keeping the comments of the file it replaces and the keys that file spells out.
 */
export function pulledText(
  file: string,
  config: Record<string, unknown>,
  version: number,
  previous?: string,
): string {
  if (file.endsWith('.json')) return `${JSON.stringify(withoutDefaults(config), null, 2)}\n`;
  const comments = previous ? readComments(previous) : undefined;
  const value = withoutDefaults(config, (path) => comments?.paths.has(path) ?? false);
  const header = (comments?.header ?? []).filter((line) => !BASE.test(line));
  return configModule(value, [baseLine(version), ...header], comments);
}
