import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/** The fault suite: `npx playwright test -c test/fault` (not part of `pnpm test:e2e`: it takes a minute or two). */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: ['**/*.fault.ts'],
  timeout: 300_000,
  outputDir: '../../test-results/fault',
});
