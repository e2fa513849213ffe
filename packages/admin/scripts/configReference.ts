// Writes docs/config-reference.md from the schema; `test/configReference.test.ts` fails when it is stale.
import { writeFileSync } from 'node:fs';
import { configReference } from '@frontdesk/admin';
import { formatMarkdown } from './formatMarkdown';

const target = new URL('../../../docs/config-reference.md', import.meta.url);
writeFileSync(target, formatMarkdown(configReference(), 'docs/config-reference.md'));
console.log(`wrote ${target.pathname}`);
