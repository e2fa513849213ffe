import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectLint } from './biomeCheck';
import { adminCliServer, type CliServer, frontdesk } from './cliRun';

let dir: string;
let env: Record<string, string>;
let cli: CliServer | undefined;

beforeAll(async () => {
  cli = await adminCliServer('frontdesk-pull-');
  ({ dir, env } = cli);
}, 90_000);
afterAll(() => cli?.stop());

const run = (args: string[], cwd: string) => frontdesk(args, { cwd, env });

describe('pull keeps the file a config file; push does not overwrite newer versions', () => {
  it('pull writes defineConfig with only what differs from defaults, keeping comments; push refuses a stale file', async () => {
    const site = mkdtempSync(join(dir, 'site-'));
    const file = join(site, 'frontdesk.config.ts');
    expect((await run(['init', '--name', 'Acme'], site)).code).toBe(0);
    const first = await run(['push'], site);
    expect(first.code).toBe(0);
    const v1 = Number(/Published version (\d+)/.exec(first.stdout)![1]);
    expect(readFileSync(file, 'utf8')).toContain(`// Based on published version ${v1}:`);

    // Meanwhile someone else publishes a change (as the console does): a file that was never pulled.
    const other = mkdtempSync(join(dir, 'other-'));
    writeFileSync(
      join(other, 'frontdesk.config.ts'),
      readFileSync(file, 'utf8')
        .replace(/^\/\/ Based on.*\n/, '')
        .replace("brandColor: '#2557d6'", "brandColor: '#aa3300'"),
    );
    expect((await run(['push'], other)).stdout).toContain(`Published version ${v1 + 1}.`);

    // The first file, edited on, must not silently undo that change.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('expectedReplyMinutes: 5', 'expectedReplyMinutes: 9'),
    );
    const refused = await run(['push'], site);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('~ theme.brandColor: "#aa3300" → "#2557d6"');
    expect(refused.stdout).toContain('~ expectedReplyMinutes: 5 → 9');
    expect(refused.stderr).toContain(
      `frontdesk.config.ts is based on version ${v1}, but version ${v1 + 1} is published now`,
    );
    expect(refused.stderr).toContain('--force');
    expect((await run(['versions', '--json'], site)).stdout).not.toContain(`"version": ${v1 + 2}`);

    // pull brings the published version into the same file: still a defineConfig module, comments kept.
    expect((await run(['pull'], site)).code).toBe(2); // the file has unpushed edits: refused without --force
    const pulled = await run(['pull', '--force'], site);
    expect(pulled.stdout).toContain(`Wrote version ${v1 + 1} to ${file}.`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`// Based on published version ${v1 + 1}:`);
    expect(text).toContain("import { defineConfig } from '@frontdesk/admin';");
    expect(text).toContain('export default defineConfig({');
    expect(text).toContain("  // Shown in the widget header.\n  name: 'Acme',");
    expect(text).toContain(
      "    // 'auto' follows the visitor's system; 'light' or 'dark' force one.\n    mode: 'auto',",
    );
    expect(text).toContain("brandColor: '#aa3300'");
    expect(text).toContain('expectedReplyMinutes: 5');
    expect(text).not.toContain('"theme"'); // not JSON
    expect(text).not.toMatch(/\b(phone|social|texts|redactPatterns): /); // defaults the file never spelled out
    expect(projectLint(file).code).toBe(0);
    expect(await run(['diff', '--exit-code'], site)).toMatchObject({ code: 0 });

    // Now based on the published version: the edit goes through, and --force publishes over a newer one.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('expectedReplyMinutes: 5', 'expectedReplyMinutes: 9'),
    );
    expect((await run(['push'], site)).stdout).toContain(`Published version ${v1 + 2}.`);
    writeFileSync(
      join(other, 'frontdesk.config.ts'),
      `// Based on published version ${v1}: x\n${readFileSync(join(other, 'frontdesk.config.ts'), 'utf8')}`,
    );
    expect((await run(['push'], other)).code).toBe(1);
    expect((await run(['push', '--force'], other)).stdout).toContain(`Published version ${v1 + 3}.`);
  });

  it('pull into a new file writes only the values that differ from the defaults', async () => {
    const site = mkdtempSync(join(dir, 'fresh-'));
    const pulled = await run(['pull', '--out', 'site.config.ts'], site);
    expect(pulled.code).toBe(0);
    const text = readFileSync(join(site, 'site.config.ts'), 'utf8');
    expect(text).toMatch(/^\/\/ Based on published version \d+: /);
    expect(text).not.toMatch(/\b(mode|position|suggestWhileTyping|askEmail|verificationRequired): /);
    expect(projectLint(join(site, 'site.config.ts')).code).toBe(0);
    expect(await run(['diff', '--config', 'site.config.ts', '--exit-code'], site)).toMatchObject({ code: 0 });
  });
});
