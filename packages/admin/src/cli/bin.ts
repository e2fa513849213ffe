#!/usr/bin/env node
// The `frontdesk` command of the installed package (compiled to dist/lib/cli/bin.js). In the repo,
// bin/frontdesk.mjs runs the TypeScript source through tsx instead.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
