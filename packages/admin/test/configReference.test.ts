import { readFileSync } from 'node:fs';
import { CONFIG_DOCS, configKeys, configReference } from '@frontdesk/admin';
import { SiteConfigSchema } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

describe('docs/config-reference.md', () => {
  it('is up to date with the schema (run `pnpm --filter @frontdesk/admin docs`)', () => {
    const committed = readFileSync(new URL('../../../docs/config-reference.md', import.meta.url), 'utf8');
    expect(committed).toBe(configReference());
  });

  it('describes every key of the schema and no key it lacks', () => {
    const paths = configKeys(SiteConfigSchema).map((k) => k.path);
    expect(paths.filter((p) => !CONFIG_DOCS[p])).toEqual([]);
    expect(Object.keys(CONFIG_DOCS).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it('shows types, defaults and required keys', () => {
    const text = configReference();
    expect(text).toContain('| `theme.mode` | "light" \\| "dark" \\| "auto" | `"auto"` |');
    expect(text).toContain('| `name` | a non-empty name, at most 100 long | **required** |');
  });
});
