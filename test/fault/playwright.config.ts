import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/** The fault suite: `pnpm test:fault` (its own run after `pnpm test:e2e`: it takes a minute or two). */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: ['**/*.fault.ts'],
  timeout: 300_000,
  outputDir: '../../test-results/fault',
  reporter: [
    ['list'],
    ['json', { outputFile: fileURLToPath(new URL('../../.reports/fault.json', import.meta.url)) }],
  ],
});
