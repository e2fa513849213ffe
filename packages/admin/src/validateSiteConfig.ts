import { CONFIG_VERSION, type Issue, type SiteConfig, validateConfig } from '@frontdesk/protocol';
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
}

/** Migrate a config from older format versions, then check it with every rule. */
export function validateSiteConfig(input: unknown): ConfigReport {
  const { config: migrated, from, notes } = migrateConfig(input);
  const result = validateConfig(migrated);
  if (result.ok) return { ok: true, config: result.value, issues: [], from, notes, migrated };
  const issues = result.issues.map((issue) =>
    issue.path === 'version' && typeof from === 'number' && from > CONFIG_VERSION
      ? {
          ...issue,
          suggestion: 'this config is for a newer @frontdesk/admin; upgrade it',
          message: `${issue.message}; this config is for a newer @frontdesk/admin; upgrade it`,
        }
      : issue,
  );
  return { ok: false, config: undefined, issues, from, notes, migrated };
}

/** One issue per line, prefixed with `file` when given: `frontdesk.config.ts: theme.mode: expected …`. */
export function formatIssues(issues: readonly Issue[], file?: string): string {
  return issues.map((issue) => (file ? `${file}: ${issue.message}` : issue.message)).join('\n');
}
