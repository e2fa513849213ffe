import type { SiteConfigInput } from '@frontdesk/protocol';

/**
 * Declare a site config with full types and editor autocompletion. Returns its argument unchanged; the CLI
 * validates it (`frontdesk validate`) and publishes it (`frontdesk push`).
 */
export function defineConfig(config: SiteConfigInput): SiteConfigInput {
  return config;
}
