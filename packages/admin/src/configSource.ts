/**
 * Config values as TypeScript source, in the shape the project's formatter (Biome: single quotes, trailing commas,
 * width 110) leaves unchanged, so a file written by `frontdesk init` or `pull` passes lint as it is. Hand-written:
 * a formatter at run time would make Biome or Prettier a dependency of every site that runs the CLI.
 */

const WIDTH = 110;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal: single quotes, unless double quotes need fewer escapes (as Biome picks). */
export function stringLiteral(text: string): string {
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  const quote = singles > doubles ? '"' : "'";
  const body = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(new RegExp(quote, 'g'), `\\${quote}`);
  return quote + body + quote;
}

const key = (name: string) => (IDENTIFIER.test(name) ? name : stringLiteral(name));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const entriesOf = (value: Record<string, unknown>) =>
  Object.entries(value).filter(([, v]) => v !== undefined);

/** The one-line form of `value`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isObject(value)) {
    const entries = entriesOf(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${key(k)}: ${inline(v)}`).join(', ')} }` : '{}';
  }
  if (typeof value === 'string') return stringLiteral(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`cannot write ${typeof value} into a config file`);
}

/** An array whose elements are all objects (or all arrays) of more than one entry always breaks (Biome's rule). */
function mustBreak(value: unknown[]): boolean {
  if (value.length < 2) return false;
  return (
    value.every((e) => isObject(e) && entriesOf(e).length > 1) ||
    value.every((e) => Array.isArray(e) && e.length > 1)
  );
}

/** A person's comments in a config file: the lines above the import, and the lines above each key. */
export interface Comments {
  header: string[];
  /** Comment lines by the path of the key or list item they stand above (`theme.mode`, `forms[0]`). */
  byPath: Map<string, string[]>;
  /** Every key path the file spells out. */
  paths: Set<string>;
}

const noComments: Comments = { header: [], byPath: new Map(), paths: new Set() };

/**
 * Find the comments of a config module written one key per line (as `init` and `pull` write it and the formatter
 * keeps it). Comments at the end of a line, or inside a key written on one line, are not found.
 */
export function readComments(text: string): Comments {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s*(import|export)\b/.test(line));
  const header = lines.slice(0, Math.max(start, 0)).filter((line) => line.trim() !== '');
  const byPath = new Map<string, string[]>();
  const paths = new Set<string>();
  const stack: { path: string; array: boolean; next: number }[] = [];
  let pending: string[] = [];
  const attach = (path: string) => {
    paths.add(path);
    if (pending.length) byPath.set(path, pending);
    pending = [];
  };
  const body = lines.slice(lines.findIndex((line) => line.includes('defineConfig({')) + 1);
  for (const raw of body) {
    const line = raw.trim();
    const top = stack.at(-1);
    const base = top?.path ?? '';
    if (line.startsWith('//')) pending.push(line);
    else if (/^[}\]]/.test(line)) stack.pop();
    else if (top?.array && line) {
      const path = `${base}[${top.next++}]`;
      attach(path);
      if (line === '{' || line === '[') stack.push({ path, array: line === '[', next: 0 });
    } else {
      const match = /^(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)"):\s*(.*)$/.exec(line);
      if (!match) continue;
      const path = base ? `${base}.${match[1] ?? match[2] ?? match[3]}` : (match[1] ?? match[2] ?? match[3])!;
      attach(path);
      const rest = match[4]!;
      if (rest === '{' || rest === '[') stack.push({ path, array: rest === '[', next: 0 });
    }
  }
  return { header, byPath, paths };
}

/**
 * `value` as source starting at column `used` of a line indented by `depth` levels; `tail` is what follows it on
 * the line (a comma), so that the width check matches the formatter's. A value with comments inside is spread.
 */
function source(
  value: unknown,
  depth: number,
  used: number,
  tail: string,
  path: string,
  comments: Comments,
  expand = false,
): string {
  const flat = inline(value);
  const container = Array.isArray(value) || isObject(value);
  if (!container || flat === '{}' || flat === '[]') return flat;
  const inner = [...comments.byPath.keys()].some((p) => p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  if (
    !expand &&
    !inner &&
    used + flat.length + tail.length <= WIDTH &&
    !(Array.isArray(value) && mustBreak(value))
  )
    return flat;
  const pad = '  '.repeat(depth + 1);
  const above = (at: string) => (comments.byPath.get(at) ?? []).map((c) => `${pad}${c}\n`).join('');
  const lines = Array.isArray(value)
    ? value.map((item, i) => {
        const at = `${path}[${i}]`;
        return `${above(at)}${pad}${source(item, depth + 1, pad.length, ',', at, comments)},`;
      })
    : entriesOf(value as Record<string, unknown>).map(([k, v]) => {
        const at = path ? `${path}.${k}` : k;
        const head = `${pad}${key(k)}: `;
        return `${above(at)}${head}${source(v, depth + 1, head.length, ',', at, comments)},`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join('\n')}\n${'  '.repeat(depth)}${close}`;
}

/**
 * A whole config module, `export default defineConfig({ … });`, with `value` spread over lines, the `header`
 * lines on top and the person's `comments` above the keys they belong to (where those keys are still there).
 */
export function configModule(
  value: Record<string, unknown>,
  header: string[] = [],
  comments: Comments = noComments,
): string {
  const top = header.length ? `${header.join('\n')}\n` : '';
  return `${top}import { defineConfig } from '@frontdesk/admin';\n\nexport default defineConfig(${source(value, 0, 0, ');', '', comments, true)});\n`;
}
