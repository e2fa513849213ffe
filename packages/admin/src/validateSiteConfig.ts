import { CONFIG_VERSION, closest, type Issue, type SiteConfig, validateConfig } from '@frontdesk/protocol';
import { migrateConfig } from './migrate';

/** What {@link validateSiteConfig} found. */
export interface ConfigReport {
  /** True when the config is valid (after migration). */
  ok: boolean;
  /** The config with every default filled in, when valid. */
  config: SiteConfig | undefined;
  /** Every problem at once, each with path, expected, found and, when obvious, a suggestion. */
  issues: Issue[];
  /** The format version the input was written for. */
  from: number;
  /** What the migration to the current format changed; empty when nothing did. */
  notes: string[];
  /** The input after migration, before defaults: what `push` sends. */
  migrated: unknown;
  /**
   * Not errors, but visitors would notice: every text meant for them that lacks a translation of an enabled
   * locale, by path (e.g. `forms[0].title.cs`). Empty when the config is invalid (fix the issues first).
   */
  warnings: Issue[];
}

/** Options of {@link validateSiteConfig}. */
export interface ValidateOptions {
  /**
   * Text keys the widget knows (`TEXT_KEYS` of `@frontdesk/widget/texts`); when given, overrides in `texts` with
   * another key are reported with the closest known key.
   */
  textKeys?: readonly string[];
}

const PLURAL = /\.(zero|one|two|few|many|other)$/;

function textKeyIssues(input: unknown, keys: readonly string[]): Issue[] {
  const texts = (input as { texts?: unknown } | null)?.texts;
  if (!texts || typeof texts !== 'object' || Array.isArray(texts)) return [];
  const known = new Set(keys);
  const out: Issue[] = [];
  for (const [locale, overrides] of Object.entries(texts)) {
    if (!overrides || typeof overrides !== 'object') continue;
    for (const key of Object.keys(overrides)) {
      // Plural forms beyond English's (e.g. `.few`) are fine when the key has plural forms at all.
      if (known.has(key) || (PLURAL.test(key) && known.has(key.replace(PLURAL, '.other')))) continue;
      const near = closest(key, keys);
      const suggestion = near ? `did you mean "${near}"?` : 'see the text keys in docs/config-reference.md';
      const path = `texts.${locale}.${key}`;
      out.push({
        path,
        expected: 'a text key of the widget',
        received: JSON.stringify(key),
        suggestion,
        message: `${path}: expected a text key of the widget, found ${JSON.stringify(key)}; ${suggestion}`,
      });
    }
  }
  return out;
}

/** Migrate a config from older format versions, then check it with every rule. */
export function validateSiteConfig(input: unknown, options: ValidateOptions = {}): ConfigReport {
  const { config: migrated, from, notes } = migrateConfig(input);
  const result = validateConfig(migrated);
  const extra = options.textKeys ? textKeyIssues(migrated, options.textKeys) : [];
  if (result.ok && extra.length === 0)
    return {
      ok: true,
      config: result.value,
      issues: [],
      from,
      notes,
      migrated,
      warnings: result.warnings ?? [],
    };
  const found = result.ok ? extra : [...result.issues, ...extra];
  const issues = found.map((issue) =>
    issue.path === 'version' && typeof from === 'number' && from > CONFIG_VERSION
      ? {
          ...issue,
          suggestion: 'this config is for a newer @frontdesk/admin; upgrade it',
          message: `${issue.message}; this config is for a newer @frontdesk/admin; upgrade it`,
        }
      : issue,
  );
  return { ok: false, config: undefined, issues, from, notes, migrated, warnings: [] };
}

/** One issue per line, prefixed with `file` when given: `frontdesk.config.ts: theme.mode: expected …`. */
export function formatIssues(issues: readonly Issue[], file?: string): string {
  return issues.map((issue) => (file ? `${file}: ${issue.message}` : issue.message)).join('\n');
}
