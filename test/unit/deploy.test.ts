// The Dockerfile and docker-compose.yml cannot run on this machine (no Docker): lint them with tools from the
// registry, and check what operators rely on (multi-stage, non-root, health check, graceful stop, two nodes).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(__dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

describe('Dockerfile', () => {
  it('passes dockerfile-utils lint and builds a non-root, health-checked image in stages', async () => {
    const { stdout } = await run(bin('dockerfile-utils'), ['lint', join(root, 'Dockerfile')]);
    expect(stdout.trim()).toBe('');
    const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/healthz/m);
    expect(text).toMatch(/^STOPSIGNAL SIGTERM$/m);
    // The image runs the compiled server from the packed tarballs, no TypeScript at run time.
    expect(text).toContain('node_modules/@frontdesk/server/dist/cli.js');
    expect(text).not.toMatch(/\btsx\b/);
  });
});

describe('docker-compose.yml', () => {
  it('passes dclint with two server nodes on PostgreSQL and Redis', async () => {
    const { stdout } = await run(bin('dclint'), ['docker-compose.yml'], { cwd: root }); // reads .dclintrc
    expect(stdout.trim()).toBe('');
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const service of ['postgres', 'redis', 'server-1', 'server-2'])
      expect(text).toContain(`\n  ${service}:\n`);
    expect(text).toContain('DATABASE_URL: postgres://');
    expect(text).toContain('REDIS_URL: redis://redis:6379');
    expect(text).toMatch(/FRONTDESK_SECRET: \$\{FRONTDESK_SECRET:\?/);
  });
});
