/** One difference between two configs. */
export interface DiffEntry {
  /** Path like `theme.brandColor` or `forms[0].title.en`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** Value before, as JSON (absent for `added`). */
  before?: string;
  /** Value after, as JSON (absent for `removed`). */
  after?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function walk(a: unknown, b: unknown, path: string, out: DiffEntry[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const p = join(path, key);
      if (!(key in a) || a[key] === undefined)
        out.push({ path: p, kind: 'added', after: JSON.stringify(b[key]) });
      else if (!(key in b) || b[key] === undefined)
        out.push({ path: p, kind: 'removed', before: JSON.stringify(a[key]) });
      else walk(a[key], b[key], p, out);
    }
    return;
  }
  // Lists of objects with ids (forms, fields, options) compare by id, so one added form is one line.
  const key = Array.isArray(a) && Array.isArray(b) ? idKey(a, b) : undefined;
  if (key && Array.isArray(a) && Array.isArray(b)) {
    const before = new Map(a.map((item) => [String((item as Record<string, unknown>)[key]), item]));
    const after = new Map(b.map((item) => [String((item as Record<string, unknown>)[key]), item]));
    for (const [id, item] of before) {
      const p = `${path}[${JSON.stringify(id)}]`;
      if (!after.has(id)) out.push({ path: p, kind: 'removed', before: JSON.stringify(item) });
      else walk(item, after.get(id), p, out);
    }
    for (const [id, item] of after)
      if (!before.has(id))
        out.push({ path: `${path}[${JSON.stringify(id)}]`, kind: 'added', after: JSON.stringify(item) });
    return;
  }
  // Other lists of objects of the same length compare item by item; anything else is one change.
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.some(isRecord)) {
    a.forEach((item, i) => {
      walk(item, b[i], join(path, i), out);
    });
    return;
  }
  out.push({ path, kind: 'changed', before: JSON.stringify(a), after: JSON.stringify(b) });
}

/** The key that identifies items of both lists (`id`, `name` or `value`, unique and present in all), if any. */
function idKey(a: unknown[], b: unknown[]): string | undefined {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  return ['id', 'name', 'value'].find((key) =>
    [a, b].every((list) => {
      const ids = list.map((item) => (item as Record<string, unknown>)[key]);
      return ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length;
    }),
  );
}

/** Every difference from `before` to `after`, in key order. Compare validated configs to ignore defaults. */
export function diffConfig(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, '', out);
  return out;
}

/** A diff as lines: `+ path: value`, `- path: value`, `~ path: before → after`. */
export function formatDiff(entries: readonly DiffEntry[]): string {
  if (entries.length === 0) return 'No changes.';
  return entries
    .map((e) =>
      e.kind === 'added'
        ? `+ ${e.path}: ${e.after}`
        : e.kind === 'removed'
          ? `- ${e.path}: ${e.before}`
          : `~ ${e.path}: ${e.before} → ${e.after}`,
    )
    .join('\n');
}
