// The installed server serves the demo page from dist/demo: copy the repo's example there at build time.
import { cpSync, existsSync, rmSync } from 'node:fs';

const from = new URL('../../../examples/demo-site/', import.meta.url);
const to = new URL('../dist/demo/', import.meta.url);
rmSync(to, { recursive: true, force: true });
if (existsSync(from)) cpSync(from, to, { recursive: true, filter: (path) => !path.endsWith('package.json') });
