import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCliServer, type CliServer, frontdesk } from './cliRun';

let server: TestServer;
let dir: string;
let env: Record<string, string>;
let cli: CliServer | undefined;

beforeAll(async () => {
  cli = await adminCliServer('frontdesk-cli-');
  ({ server, dir, env } = cli);
}, 90_000);
afterAll(() => cli?.stop());

const run = (args: string[], extra: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}) =>
  frontdesk(args, {
    cwd: extra.cwd ?? dir,
    env: { ...env, ...extra.env },
    ...(extra.stdin ? { stdin: extra.stdin } : {}),
  });

describe('frontdesk CLI against the real server', () => {
  it("init asks for the site's origin on a terminal, takes --origin in scripts, and refuses a malformed one", async () => {
    const site = mkdtempSync(join(dir, 'origin-'));
    const given = await run(['init', '--origin', 'https://shop.example.com/contact,http://localhost:3000'], {
      cwd: site,
    });
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('The widget may load on https://shop.example.com, http://localhost:3000');
    expect(readFileSync(join(site, 'frontdesk.config.ts'), 'utf8')).toContain(
      "allowedOrigins: ['https://shop.example.com', 'http://localhost:3000'],",
    );
    expect((await run(['validate'], { cwd: site })).code).toBe(0);

    const bad = await run(['init', '--out', 'bad.config.ts', '--origin', 'shop.example.com'], { cwd: site });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--origin: expected an origin like https://shop.example.com');
    expect(bad.stderr).toContain('found "shop.example.com"');

    // No terminal and no flag: nothing is asked, and the output says what is open and how to close it.
    const quiet = await run(['init', '--out', 'quiet.config.ts'], { cwd: site });
    expect(quiet.stdout).toContain('allowedOrigins is empty, so any website may load the widget');

    // On a terminal (a pseudo-terminal from `script`), it asks.
    const bin = join(import.meta.dirname, '..', 'bin', 'frontdesk.mjs');
    const asked = execFileSync(
      'script',
      ['-qec', `'${process.execPath}' '${bin}' init --out asked.config.ts`, '/dev/null'],
      { cwd: site, input: 'https://help.example.org\n', env: { ...process.env, ...env }, timeout: 30_000 },
    ).toString();
    expect(asked).toContain('Which website will show the widget?');
    expect(readFileSync(join(site, 'asked.config.ts'), 'utf8')).toContain(
      "allowedOrigins: ['https://help.example.org'],",
    );
  });

  it('goes init → validate → push → pull → diff → rollback and back', async () => {
    const site = mkdtempSync(join(dir, 'site-'));
    const init = await run(['init', '--name', 'Acme'], { cwd: site });
    expect(init.code).toBe(0);
    const file = join(site, 'frontdesk.config.ts');
    expect(readFileSync(file, 'utf8')).toContain("import { defineConfig } from '@frontdesk/admin';");

    expect(await run(['validate'], { cwd: site })).toMatchObject({
      code: 0,
      stdout: 'frontdesk.config.ts: valid.\n',
    });

    const first = await run(['push', '--note', 'first', '--json'], { cwd: site });
    expect(first.code).toBe(0);
    const pushed = JSON.parse(first.stdout) as {
      published: boolean;
      version: number;
      changes: { path: string }[];
    };
    expect(pushed.published).toBe(true);
    expect(pushed.changes.map((c) => c.path)).toContain('name');

    // Nothing changed: push publishes nothing and diff is empty.
    expect((await run(['push'], { cwd: site })).stdout).toContain(
      `Nothing to publish: version ${pushed.version} is the same.`,
    );
    expect(await run(['diff', '--exit-code'], { cwd: site })).toMatchObject({ code: 0 });

    // Edit the brand colour: diff and push show exactly that change.
    writeFileSync(file, readFileSync(file, 'utf8').replace("brandColor: '#2557d6'", "brandColor: '#aa3300'"));
    const diff = await run(['diff', '--exit-code'], { cwd: site });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('~ theme.brandColor: "#2557d6" → "#aa3300"');
    const second = await run(['push'], { cwd: site });
    expect(second.stdout).toContain('~ theme.brandColor: "#2557d6" → "#aa3300"');
    expect(second.stdout).toContain(`Published version ${pushed.version + 1}.`);

    // Pull into a JSON file: the same config comes back.
    const pulled = await run(['pull', '--out', 'pulled.json'], { cwd: site });
    expect(pulled.code).toBe(0);
    const config = JSON.parse(readFileSync(join(site, 'pulled.json'), 'utf8')) as {
      theme: { brandColor: string };
    };
    expect(config.theme.brandColor).toBe('#aa3300');
    expect(await run(['diff', '--config', 'pulled.json', '--exit-code'], { cwd: site })).toMatchObject({
      code: 0,
    });

    const versions = JSON.parse((await run(['versions', '--json'], { cwd: site })).stdout) as {
      versions: { version: number; note: string | null }[];
    };
    expect(versions.versions.map((v) => v.version).slice(0, 2)).toEqual([pushed.version + 1, pushed.version]);
    expect(versions.versions.find((v) => v.version === pushed.version)?.note).toBe('first');

    // Roll back to the first version: the colour returns, as a new version.
    const rollback = await run(['rollback', String(pushed.version)], { cwd: site });
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain('~ theme.brandColor: "#aa3300" → "#2557d6"');
    expect(rollback.stdout).toContain(
      `Rolled back: version ${pushed.version + 2} has the config of version ${pushed.version}.`,
    );
    const after = await run(['pull', '--out', '-'], { cwd: site });
    expect((JSON.parse(after.stdout) as { theme: { brandColor: string } }).theme.brandColor).toBe('#2557d6');
  }, 120_000); // Each command signs in: scrypt at N=2^17 costs about a second per login on a busy machine.

  it('exits 1 and prints every problem of a bad config', async () => {
    const site = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(
      join(site, 'frontdesk.config.ts'),
      `import { defineConfig } from '@frontdesk/admin';
export default defineConfig({
  name: 'Acme',
  // @ts-expect-error a typo on purpose
  theme: { brandColour: '#123456', mode: 'dim' },
  locales: { default: 'en', enabled: ['en', 'cz'] },
  businessHours: { timeZone: 'Europe/Prag', week: { mon: [['09:00', '12:00'], ['11:00', '17:00']] } },
  preChatFormId: 'intro',
});
`,
    );
    const result = await run(['validate'], { cwd: site });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'frontdesk.config.ts: 6 problems',
      '  frontdesk.config.ts: theme.brandColour: expected a known key, found unknown key "brandColour"; did you mean "brandColor"?',
      '  frontdesk.config.ts: theme.mode: expected ("light" | "dark" | "auto"), found "dim"',
      '  frontdesk.config.ts: locales.enabled[1]: expected a known language code (ISO 639) like "en" or "cs", found "cz"; did you mean "cs"?',
      '  frontdesk.config.ts: businessHours.timeZone: expected an IANA time zone like "Europe/Prague", found "Europe/Prag"; did you mean "Europe/Prague"?',
      '  frontdesk.config.ts: businessHours.week.mon[1]: expected an interval that does not overlap mon[0] (09:00–12:00), found "11:00–17:00"; merge the two intervals into one',
      '  frontdesk.config.ts: preChatFormId: expected the id of a form defined in forms, found "intro"; add a form with id "intro" to forms',
      '',
    ]);
    // push refuses too, before talking to the server.
    const push = await run(['push', '--json'], { cwd: site });
    expect(push.code).toBe(1);
    expect((JSON.parse(push.stdout) as { issues: unknown[] }).issues).toHaveLength(6);
  });

  it('validate warns for every missing translation of an enabled locale, naming the path', async () => {
    const site = mkdtempSync(join(dir, 'i18n-'));
    writeFileSync(
      join(site, 'frontdesk.config.json'),
      JSON.stringify({
        name: 'Acme',
        locales: { default: 'en', enabled: ['en', 'ar'] },
        greeting: { en: 'Hi', ar: 'مرحبا' },
        forms: [
          {
            id: 'broken',
            module: 'complaint',
            title: { en: 'Something broke?' },
            fields: [
              {
                name: 'what',
                type: 'text',
                label: { en: 'What broke?' },
                help: { en: 'A word', ar: 'كلمة' },
              },
            ],
          },
        ],
      }),
    );
    const result = await run(['validate'], { cwd: site });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('frontdesk.config.json: valid, with 2 warnings (above).\n');
    expect(result.stderr.split('\n')).toEqual([
      'frontdesk.config.json: 2 missing translations (warnings):',
      '  warning: forms[0].title.ar: expected text in "ar" (an enabled locale), found only "en"; translate it, or visitors reading ar see the en text',
      '  warning: forms[0].fields[0].label.ar: expected text in "ar" (an enabled locale), found only "en"; translate it, or visitors reading ar see the en text',
      '',
    ]);
    const json = JSON.parse((await run(['validate', '--json'], { cwd: site })).stdout) as {
      warnings: unknown[];
    };
    expect(json.warnings).toHaveLength(2);
  });

  it('migrates an old config format and says what changed', async () => {
    const site = mkdtempSync(join(dir, 'old-'));
    writeFileSync(
      join(site, 'frontdesk.config.json'),
      JSON.stringify({ version: 0, name: 'Old', brandColor: '#123456' }),
    );
    const result = await run(['validate'], { cwd: site });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'frontdesk.config.json: migrated from config version 0:\n  - brandColor moved to theme.brandColor\n  - version set to 1\n',
    );
  });

  it('imports and exports articles without changing their content', async () => {
    const src = mkdtempSync(join(dir, 'articles-'));
    const body =
      '# Returns\n\nSend it back within **30 days**: see [the form](https://example.com/returns).\n\n- Keep the receipt\n- Pack it well\n';
    const bodyCs = 'Vraťte zboží do **30 dnů**.\n';
    for (const [locale, title, text] of [
      ['en', 'Returns: how "it" works', body],
      ['cs', 'Vrácení zboží', bodyCs],
    ] as const) {
      rmSync(join(src, locale), { recursive: true, force: true });
      const folder = join(src, locale);
      await import('node:fs').then((fs) => fs.mkdirSync(folder, { recursive: true }));
      writeFileSync(
        join(folder, 'returns-policy.md'),
        `---\ntitle: ${JSON.stringify(title)}\nstatus: published\ncategory: care\n---\n${text}`,
      );
    }
    const category = {
      id: 'care',
      slug: 'care',
      names: { en: 'Care and repair', cs: 'Péče a opravy' },
      order: 7,
    };
    writeFileSync(join(src, 'categories.json'), JSON.stringify([category]));
    const imported = await run(['articles', 'import', src]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported returns-policy (cs, en)');

    const out = join(dir, 'exported');
    expect((await run(['articles', 'export', '--out', out])).code).toBe(0);
    const en = readFileSync(join(out, 'en', 'returns-policy.md'), 'utf8');
    const cs = readFileSync(join(out, 'cs', 'returns-policy.md'), 'utf8');
    expect(en.endsWith(`---\n${body}`)).toBe(true);
    expect(en).toContain('title: "Returns: how \\"it\\" works"');
    expect(cs.endsWith(`---\n${bodyCs}`)).toBe(true);
    expect(en).toContain('category: "care"');
    const categories = JSON.parse(readFileSync(join(out, 'categories.json'), 'utf8')) as { id: string }[];
    expect(categories.find((c) => c.id === 'care')).toEqual(category);

    // Re-importing the export changes nothing.
    expect((await run(['articles', 'import', out])).code).toBe(0);
    const again = join(dir, 'exported-again');
    await run(['articles', 'export', '--out', again]);
    expect(readFileSync(join(again, 'en', 'returns-policy.md'), 'utf8')).toBe(en);
  });

  it('rejects article files without a title, naming the file', async () => {
    const src = mkdtempSync(join(dir, 'bad-articles-'));
    await import('node:fs').then((fs) => fs.mkdirSync(join(src, 'en')));
    writeFileSync(join(src, 'en', 'x.md'), 'no front matter\n');
    writeFileSync(
      join(src, 'categories.json'),
      JSON.stringify([{ id: 'x', slug: 'Bad Slug', names: {}, order: 1 }]),
    );
    const result = await run(['articles', 'import', src]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('en/x.md: expected a title (front matter "title:"), found nothing');
    expect(result.stderr).toContain(
      'categories.json[0].slug: expected a slug of lowercase letters, digits and "-", found "Bad Slug"',
    );
  });

  it('adds, lists and removes agents', async () => {
    const added = await run(['agents', 'add', '--email', 'new@test.local', '--name', 'New Agent', '--json']);
    expect(added.code).toBe(0);
    const { agent, password } = JSON.parse(added.stdout) as { agent: { id: string }; password: string };
    expect(password.length).toBeGreaterThanOrEqual(12);
    const list = JSON.parse((await run(['agents', 'list', '--json'])).stdout) as {
      agents: { email: string }[];
    };
    expect(list.agents.map((a) => a.email)).toContain('new@test.local');
    expect((await run(['agents', 'remove', 'new@test.local'])).stdout).toBe('Removed new@test.local.\n');
    const after = JSON.parse((await run(['agents', 'list', '--json'])).stdout) as {
      agents: { id: string }[];
    };
    expect(after.agents.map((a) => a.id)).not.toContain(agent.id);
    const bad = await run(['agents', 'add', '--email', 'nope', '--name', 'X']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email: expected an email address like ana@example.com, found "nope"');
  });

  it("exports and deletes one visitor's data", async () => {
    const session = await fetch(`${server.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-frontdesk-site': server.siteKey },
      body: JSON.stringify({ identity: { userId: 'u-export' } }),
    });
    const { visitor, visitorToken } = (await session.json()) as {
      visitor: { id: string };
      visitorToken: string;
    };
    await fetch(`${server.url}/v1/conversations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-frontdesk-site': server.siteKey,
        authorization: `Bearer ${visitorToken}`,
      },
      body: JSON.stringify({
        clientId: 'c_export_0001',
        message: { clientId: 'm_export_0001', text: 'My data please' },
      }),
    });
    const exported = await run(['export', visitor.id, '--out', 'visitor.json']);
    expect(exported.code).toBe(0);
    const data = readFileSync(join(dir, 'visitor.json'), 'utf8');
    expect(data).toContain('My data please');
    expect(statSync(join(dir, 'visitor.json')).mode & 0o777).toBe(0o600);

    expect((await run(['delete', visitor.id])).code).toBe(2);
    expect((await run(['delete', visitor.id, '--yes'])).code).toBe(0);
    const gone = await run(['export', visitor.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('not found');
  });

  it('signs in with login, stores the token 0600 and never prints the password', async () => {
    const creds = join(dir, 'login-creds.json');
    const onlyUrl = { FRONTDESK_EMAIL: '', FRONTDESK_PASSWORD: '', FRONTDESK_CREDENTIALS_FILE: creds };
    expect((await run(['versions'], { env: onlyUrl })).code).toBe(3);
    const login = await run(['login', '--email', server.admin.email, '--password-stdin'], {
      env: onlyUrl,
      stdin: `${server.admin.password}\n`,
    });
    expect(login.code).toBe(0);
    expect(login.stdout + login.stderr).not.toContain(server.admin.password);
    expect(statSync(creds).mode & 0o777).toBe(0o600);
    expect(readFileSync(creds, 'utf8')).not.toContain(server.admin.password);
    expect((await run(['versions'], { env: onlyUrl })).code).toBe(0);
    const wrong = await run(['login', '--email', server.admin.email, '--password-stdin'], {
      env: { ...onlyUrl, FRONTDESK_CREDENTIALS_FILE: join(dir, 'other.json') },
      stdin: 'wrong-password\n',
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong-password');
  });

  it('answers --help for every command and rejects unknown ones', async () => {
    const overview = await run(['--help']);
    expect(overview.code).toBe(0);
    const names = [
      ...overview.stdout.matchAll(/^ {2}(\S+(?: (?:import|export|list|add|set|remove))?) {2,}/gm),
    ].map((m) => m[1] ?? '');
    expect(names).toHaveLength(20);
    for (const name of names) {
      const help = await run([...name.split(' '), '--help']);
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toContain(`Usage: frontdesk ${name}`);
    }
    expect((await run(['publish'])).code).toBe(2);
    const flag = await run(['push', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--nope: unknown option');
    const missing = await run(['pull', '--out']);
    expect(missing).toMatchObject({ code: 2, stderr: '--out: expected a value, found nothing\n' });
    expect(readdirSync(dir).some((f) => f.startsWith('.frontdesk.config'))).toBe(false);
    // One process per command's help: twenty of them on a busy machine.
  }, 120_000);

  it('uses FRONTDESK_TOKEN, refuses an agent without the admin role, and says when the server is down', async () => {
    const login = async (who: { email: string; password: string }) =>
      (
        (await (
          await fetch(`${server.url}/v1/agent/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(who),
          })
        ).json()) as { token: string }
      ).token;
    const tokenOnly = {
      FRONTDESK_EMAIL: '',
      FRONTDESK_PASSWORD: '',
      FRONTDESK_CREDENTIALS_FILE: join(dir, 'none.json'),
    };
    const admin = await run(['versions', '--json'], {
      env: { ...tokenOnly, FRONTDESK_TOKEN: await login(server.admin) },
    });
    expect(admin.code).toBe(0);
    const agent = await run(['versions'], {
      env: { ...tokenOnly, FRONTDESK_TOKEN: await login(server.agent) },
    });
    expect(agent.code).toBe(3);
    expect(agent.stderr).toMatch(/^GET \/v1\/admin\/config\/versions: /);
    const down = await run(['versions'], { env: { FRONTDESK_URL: 'http://127.0.0.1:9' } });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('Cannot reach http://127.0.0.1:9');
  });
});
