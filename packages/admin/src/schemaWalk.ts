import type { SiteConfigSchema } from '@frontdesk/protocol';

/** One documented key of the site config, found by walking the schema. */
export interface ConfigKey {
  /** Path like `theme.brandColor`, `forms[].fields[].name` or `greeting.<locale>`. */
  path: string;
  /** The accepted values in words, e.g. `"light" | "dark" | "auto"` or `integer, 0–400`. */
  type: string;
  /** The default as JSON, or undefined when the key has none. */
  defaultValue: string | undefined;
  /** The key must be present (no default, not optional). */
  required: boolean;
}

interface Node {
  type: string;
  kind?: string;
  message?: string;
  requirement?: unknown;
  wrapped?: Node;
  default?: unknown;
  entries?: Record<string, Node>;
  item?: Node;
  key?: Node;
  value?: Node;
  items?: Node[];
  options?: unknown[];
  literal?: unknown;
  pipe?: Node[];
}

function constraints(node: Node): string[] {
  const out: string[] = [];
  let min: unknown;
  let max: unknown;
  for (const action of node.pipe?.slice(1) ?? []) {
    switch (action.type) {
      case 'integer':
        out.unshift('integer');
        break;
      case 'min_value':
        min = action.requirement;
        break;
      case 'max_value':
        max = action.requirement;
        break;
      case 'min_length':
        if (action.message && !action.message.startsWith('Invalid')) out.push(action.message);
        else out.push(`at least ${String(action.requirement)} long`);
        break;
      case 'max_length':
        out.push(`at most ${String(action.requirement)} long`);
        break;
      case 'regex':
      case 'check':
      case 'url':
      case 'iso_date':
      case 'email':
        if (action.message && !action.message.startsWith('Invalid')) out.push(action.message);
        break;
    }
  }
  if (min !== undefined && max !== undefined) out.push(`${String(min)}–${String(max)}`);
  else if (min !== undefined) out.push(`at least ${String(min)}`);
  else if (max !== undefined) out.push(`at most ${String(max)}`);
  return out;
}

function isLocalized(node: Node): boolean {
  return node.type === 'record' && node.value?.type === 'string' && /locale/.test(node.key?.message ?? '');
}

function describe(node: Node): string {
  const extra = constraints(node);
  const base = (() => {
    switch (node.type) {
      case 'string':
        // A string with a described format reads better as just the description.
        return extra.some((e) => / like |valid|URL|origin|name|tag/.test(e)) ? '' : 'string';
      case 'number':
        return extra[0] === 'integer' ? '' : 'number';
      case 'boolean':
        return 'boolean';
      case 'picklist':
        return (node.options ?? []).map((o) => JSON.stringify(o)).join(' | ');
      case 'literal':
        return JSON.stringify(node.literal);
      case 'array':
        return node.item ? `list of ${describe(node.item)}` : 'list';
      case 'tuple':
        return `[${(node.items ?? []).map(describe).join(', ')}]`;
      case 'record':
        return isLocalized(node) ? 'text per locale, e.g. { "en": "…" }' : 'map';
      case 'object':
      case 'strict_object':
        return 'object';
      default:
        return node.type;
    }
  })();
  return [base, ...extra].filter(Boolean).join(', ');
}

function unwrap(node: Node): { node: Node; optional: boolean; defaultValue: unknown } {
  let n = node;
  let optional = false;
  let defaultValue: unknown;
  while ((n.type === 'optional' || n.type === 'nullable') && n.wrapped) {
    optional = true;
    if (n.default !== undefined && defaultValue === undefined) defaultValue = n.default;
    n = n.wrapped;
  }
  return { node: n, optional, defaultValue };
}

function walk(node: Node, path: string, out: ConfigKey[], required: boolean, def: unknown): void {
  const isObject = node.entries !== undefined;
  const objectDefault = isObject && def !== undefined && JSON.stringify(def) === '{}';
  out.push({
    path,
    type: describe(node),
    defaultValue: def === undefined || objectDefault ? undefined : JSON.stringify(def),
    required,
  });
  if (node.entries) {
    for (const [key, child] of Object.entries(node.entries)) {
      const { node: inner, optional, defaultValue } = unwrap(child);
      walk(inner, path ? `${path}.${key}` : key, out, !optional, defaultValue);
    }
  } else if (node.type === 'array' && node.item) {
    const { node: inner } = unwrap(node.item);
    if (inner.entries) for (const row of children(inner, `${path}[]`)) out.push(row);
  } else if (node.type === 'record' && node.value && !isLocalized(node)) {
    const { node: inner } = unwrap(node.value);
    const key = /locale/.test(node.key?.message ?? '') ? '<locale>' : '<key>';
    walk(inner, `${path}.${key}`, out, false, undefined);
  }
}

function children(node: Node, path: string): ConfigKey[] {
  const rows: ConfigKey[] = [];
  walk(node, path, rows, true, undefined);
  return rows.slice(1);
}

/** Every key of the site config schema, parents before children, in schema order. */
export function configKeys(schema: typeof SiteConfigSchema): ConfigKey[] {
  const rows: ConfigKey[] = [];
  walk(schema as unknown as Node, '', rows, true, undefined);
  return rows.slice(1);
}
