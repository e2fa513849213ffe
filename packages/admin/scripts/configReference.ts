// Writes docs/config-reference.md from the schema; `test/configReference.test.ts` fails when it is stale.
import { writeFileSync } from 'node:fs';
import { configReference } from '@frontdesk/admin';

const target = new URL('../../../docs/config-reference.md', import.meta.url);
writeFileSync(target, configReference());
console.log(`wrote ${target.pathname}`);
