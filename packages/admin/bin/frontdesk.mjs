#!/usr/bin/env node
// The package ships TypeScript source: load it (and TypeScript config files) through tsx.
import { register } from 'tsx/esm/api';

// `pnpm frontdesk …` (the monorepo's script, also as `pnpm --dir <repo> frontdesk …` from anywhere) runs in the
// repository root; INIT_CWD is where the person typed it, which is where they mean files to be read and written.
if (process.env.npm_lifecycle_event === 'frontdesk' && process.env.INIT_CWD)
  process.chdir(process.env.INIT_CWD);

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
