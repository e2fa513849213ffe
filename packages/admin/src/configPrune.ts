import { check, SiteConfigSchema } from '@frontdesk/protocol';

// The parts of a Valibot schema object this walk reads (as schemaWalk.ts does for the reference).
interface Node {
  type: string;
  wrapped?: Node;
  default?: unknown;
  entries?: Record<string, Node>;
  item?: Node;
  value?: Node;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unwrap(node: Node): { inner: Node; hasDefault: boolean } {
  let inner = node;
  let hasDefault = false;
  while ((inner.type === 'optional' || inner.type === 'nullable') && inner.wrapped) {
    if (inner.default !== undefined) hasDefault = true;
    inner = inner.wrapped;
  }
  return { inner, hasDefault };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function prune(node: Node, value: unknown, path: string, keep: (path: string) => boolean): unknown {
  const { inner } = unwrap(node);
  if (inner.entries && isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const schema = inner.entries[key];
      const at = path ? `${path}.${key}` : key;
      if (!schema) {
        out[key] = child; // unknown keys stay, so validation still names them
        continue;
      }
      const pruned = prune(schema, child, at, keep);
      if (unwrap(schema).hasDefault && !keep(at)) {
        const fallback = check(schema as never, undefined);
        if (
          fallback.ok &&
          same(
            pruned,
            prune(schema, fallback.value, at, () => false),
          )
        )
          continue;
      }
      out[key] = pruned;
    }
    return out;
  }
  if (inner.type === 'array' && inner.item && Array.isArray(value)) {
    const item = inner.item;
    return value.map((element, i) => prune(item, element, `${path}[${i}]`, keep));
  }
  if (inner.type === 'record' && inner.value && isObject(value)) {
    const item = inner.value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, prune(item, v, `${path}.${k}`, keep)]),
    );
  }
  return value;
}

/**
 * The config without the values its schema would fill in anyway (what `pull` writes): the same config once
 * validated, and only what a person chose. Paths for which `keep` says yes (keys the person's file spells out,
 * like `theme.mode`) stay even at their default.
 */
export function withoutDefaults(
  config: Record<string, unknown>,
  keep: (path: string) => boolean = () => false,
): Record<string, unknown> {
  const pruned = prune(SiteConfigSchema as unknown as Node, config, '', keep) as Record<string, unknown>;
  return { version: config.version, ...pruned };
}
