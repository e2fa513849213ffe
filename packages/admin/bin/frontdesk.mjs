#!/usr/bin/env node
// The package ships TypeScript source: load it (and TypeScript config files) through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
